//! The central export folder. (Built by the sync issue.)
