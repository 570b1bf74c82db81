//! Store tests on real files in temporary folders: reopen, lock, corruption, permissions, schema.
