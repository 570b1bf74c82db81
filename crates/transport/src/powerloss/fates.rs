//! Which fates to try for the changes pending at a moment: all of them while few, else a
//! sample drawn from a seeded generator, so a failure replays.

use super::model::Fate;

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

/// How many states trying every combination gives, at most `usize::MAX`.
pub fn possible(pending: &[Vec<usize>]) -> usize {
    let total = |every_tear| {
        pending
            .iter()
            .try_fold(1usize, |n, t| n.checked_mul(options(t, every_tear).len()))
    };
    total(true).or_else(|| total(false)).unwrap_or(usize::MAX)
}

/// Every combination of fates while at most `budget`, a write torn at each sector boundary;
/// else `budget` of them: every combination with middle tears when that fits, then all kept,
/// all lost, and draws.
pub fn fates(pending: &[Vec<usize>], budget: usize, rng: &mut Rng) -> Vec<Vec<Fate>> {
    let mut out = Vec::new();
    for every_tear in [true, false] {
        let options: Vec<Vec<Fate>> = pending.iter().map(|t| options(t, every_tear)).collect();
        let total = options
            .iter()
            .try_fold(1usize, |n, o| n.checked_mul(o.len()));
        if let Some(total) = total.filter(|t| *t <= budget) {
            out = every(&options, total);
            if every_tear {
                return out;
            }
            break;
        }
    }
    let n = pending.len();
    let mut drawn_ones = vec![vec![Fate::Kept; n], vec![Fate::Lost; n]];
    drawn_ones.truncate(budget.saturating_sub(out.len()));
    out.extend(drawn_ones);
    while out.len() < budget {
        out.push(pending.iter().map(|tears| drawn(tears, rng)).collect());
    }
    out
}

fn options(tears: &[usize], every_tear: bool) -> Vec<Fate> {
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
            let mut pick = |o: &Vec<Fate>| {
                let fate = o[n % o.len()];
                n /= o.len();
                fate
            };
            options.iter().map(&mut pick).collect()
        })
        .collect()
}

fn drawn(tears: &[usize], rng: &mut Rng) -> Fate {
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

/// SplitMix64: small, seeded, the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}
