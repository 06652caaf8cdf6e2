//! Plain types and rules of customer service: no I/O, `now` is always an argument.

pub mod calendar;
pub mod capa;
pub mod complaint;
pub mod customer;
pub mod enums;
pub mod kpi;
pub mod nps;
pub mod period;
pub mod sla;
pub mod staff;
pub mod stats;
pub mod time;
pub mod workflow;
