//! The database of sheets: one redb file in the data folder. redb types never leave this
//! module. (Built by the store issue.)
