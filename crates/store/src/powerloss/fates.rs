//! Which fates to try for the changes pending at a moment: all of them while few, else a
//! sample drawn from a seeded generator, so a failure replays.

use super::crash::{Change, Fate, tears};

/// Every combination when there are at most `budget`, with a write torn at each of its sector
/// boundaries. Else `budget` of them: every combination with writes torn at their middle
/// boundary when that fits, then draws: all kept, all lost, then at random, a third of them a
/// cut (the first changes kept, one torn, the rest lost, as a disk writing back in order).
pub fn fates(pending: &[&Change], budget: usize, rng: &mut Rng) -> Vec<Vec<Fate>> {
    let mut out = Vec::new();
    for every_tear in [true, false] {
        let options: Vec<Vec<Fate>> = pending.iter().map(|c| options(c, every_tear)).collect();
        let total = options
            .iter()
            .try_fold(1usize, |n, o| n.checked_mul(o.len()));
        if let Some(total) = total.filter(|t| *t <= budget) {
            out = every(&options, total);
            // Every tear fits: that is all there is.
            if every_tear {
                return out;
            }
            break;
        }
    }
    // Middle tears only, or none: the rest of the budget drawn.
    out.extend(sample(pending, budget.saturating_sub(out.len()), rng));
    out
}

/// How many states trying every combination gives (with every tear where that is fewer than
/// `usize::MAX`, else with middle tears), at most `usize::MAX`.
pub fn possible(pending: &[&Change]) -> usize {
    let total = |every_tear| {
        pending
            .iter()
            .try_fold(1usize, |n, c| n.checked_mul(options(c, every_tear).len()))
    };
    total(true).or_else(|| total(false)).unwrap_or(usize::MAX)
}

/// `total` states shared out over moments that can take at most `caps` each: evenly, a
/// moment with fewer possible states taking all of them and leaving the rest to the others.
pub fn shares(caps: &[usize], total: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..caps.len()).collect();
    order.sort_by_key(|i| caps[*i]);
    let mut out = vec![0; caps.len()];
    let mut left = total;
    for (k, i) in order.into_iter().enumerate() {
        let share = left.div_ceil(caps.len() - k).max(1);
        out[i] = share.min(caps[i]);
        left = left.saturating_sub(out[i]);
    }
    out
}

/// Each change's fates when trying all: lost, kept, and torn (its first sectors there, or
/// its last) at every boundary, or only its first half.
fn options(change: &Change, every_tear: bool) -> Vec<Fate> {
    let tears = tears(change);
    let mut out = vec![Fate::Lost, Fate::Kept];
    match every_tear {
        true => {
            out.extend(tears.iter().map(|t| Fate::Head(*t)));
            out.extend(tears.iter().map(|t| Fate::Tail(*t)));
        }
        false => out.extend(tears.get(tears.len() / 2).map(|t| Fate::Head(*t))),
    }
    out
}

fn every(options: &[Vec<Fate>], total: usize) -> Vec<Vec<Fate>> {
    (0..total)
        .map(|mut n| {
            options
                .iter()
                .map(|o| {
                    let fate = o[n % o.len()];
                    n /= o.len();
                    fate
                })
                .collect()
        })
        .collect()
}

fn sample(pending: &[&Change], budget: usize, rng: &mut Rng) -> Vec<Vec<Fate>> {
    let n = pending.len();
    let mut out = vec![vec![Fate::Kept; n], vec![Fate::Lost; n]];
    out.truncate(budget);
    while out.len() < budget {
        let drawn = match rng.below(3) {
            0 => cut(pending, rng),
            _ => pending.iter().map(|c| drawn(c, rng)).collect(),
        };
        out.push(drawn);
    }
    out
}

fn cut(pending: &[&Change], rng: &mut Rng) -> Vec<Fate> {
    let at = rng.below(pending.len() as u64 + 1) as usize;
    let mut fates = vec![Fate::Lost; pending.len()];
    fates[..at].fill(Fate::Kept);
    if let Some(change) = pending.get(at) {
        let tears = tears(change);
        if !tears.is_empty() {
            fates[at] = Fate::Head(tears[rng.below(tears.len() as u64) as usize]);
        }
    }
    fates
}

fn drawn(change: &Change, rng: &mut Rng) -> Fate {
    let tears = tears(change);
    let choices = if tears.is_empty() { 2 } else { 4 };
    let choice = rng.below(choices);
    let mut tear = || tears[rng.below(tears.len() as u64) as usize];
    match choice {
        0 => Fate::Lost,
        1 => Fate::Kept,
        2 => Fate::Head(tear()),
        _ => Fate::Tail(tear()),
    }
}

/// How a state's fates read in a report: "3 kept, 1 lost, 2 torn".
pub fn told(fates: &[Fate]) -> String {
    let count = |f: fn(&Fate) -> bool| fates.iter().filter(|x| f(x)).count();
    let kept = count(|f| *f == Fate::Kept);
    let lost = count(|f| *f == Fate::Lost);
    let torn = fates.len() - kept - lost;
    format!("{kept} kept, {lost} lost, {torn} torn")
}

/// SplitMix64: small, seeded, the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (which is above 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
