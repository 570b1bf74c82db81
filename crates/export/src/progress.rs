//! How far a long piece of work over the export folder has come: a pair of counters the work
//! updates (from any thread: `verify` checks on every core) and whoever shows it reads. The
//! work never draws; a command's bar on the terminal (`commands::progress`) and the
//! interface's status line read the same counter, each at its own pace.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Counter {
    done: AtomicU64,
    total: AtomicU64,
}

impl Counter {
    /// Starts a count of `total` items from zero (a sync's writing, a folder's files).
    pub fn begin(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total as u64, Ordering::Relaxed);
    }

    /// One more item done.
    pub fn add(&self, n: usize) {
        self.done.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Items done and items in all; `(0, 0)` before the work has counted what it has to do.
    pub fn get(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_every_thread_and_begins_again_from_zero() {
        let c = Counter::default();
        assert_eq!(c.get(), (0, 0));
        c.begin(8);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    c.add(1);
                    c.add(1);
                });
            }
        });
        assert_eq!(c.get(), (8, 8));
        c.begin(3);
        assert_eq!(c.get(), (0, 3));
    }
}
