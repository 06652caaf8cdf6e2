//! What input means, shared by the app (which acts on it) and the config (which binds keys
//! to it): the `Action` enum, key presses and keymap modes. Depends on neither.

pub mod action;
pub mod mode;
pub mod typing;
