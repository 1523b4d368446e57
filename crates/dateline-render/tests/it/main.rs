//! The catalogues' and templates' integration tests, one test binary.

mod catalogues;
mod newsroom_catalogue;
