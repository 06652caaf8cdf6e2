//! kefu (客服工作台): a terminal workbench for ISO 9001 customer-service teams.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod field_id;
pub mod i18n;
pub mod identity;
pub mod input;
pub mod kind;
pub mod readmodel;
pub mod report;
pub mod sheet;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod views;
