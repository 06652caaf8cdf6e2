//! Complaint analysis: counts with a Pareto ordering, and how often clocks were met.

use serde::Serialize;

/// One bar of a Pareto chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    /// What is counted (a category, a product...).
    pub key: String,
    /// How many.
    pub n: usize,
    /// Share of all, %.
    pub share_pct: f64,
    /// Running share down the Pareto order, %.
    pub cumulative_pct: f64,
}

/// Counts keys, largest first (ties by key), with shares and cumulative shares.
pub fn pareto<'a, I: IntoIterator<Item = &'a str>>(keys: I) -> Vec<Count> {
    let mut map = std::collections::HashMap::<&str, usize>::new();
    for k in keys {
        *map.entry(k).or_default() += 1;
    }
    let total: usize = map.values().sum();
    let mut v: Vec<(String, usize)> = map.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut running = 0;
    v.into_iter()
        .map(|(key, n)| {
            running += n;
            let pct = |x: usize| {
                if total == 0 {
                    0.0
                } else {
                    round1(100.0 * x as f64 / total as f64)
                }
            };
            Count {
                key,
                n,
                share_pct: pct(n),
                cumulative_pct: pct(running),
            }
        })
        .collect()
}

/// How often a clock's step was done in time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OnTime {
    /// Steps done.
    pub done: usize,
    /// Of those, in time.
    pub on_time: usize,
    /// on_time / done, % (None when nothing was done).
    pub share_pct: Option<f64>,
}

/// Tallies (done, in time) pairs.
pub fn on_time<I: IntoIterator<Item = bool>>(results: I) -> OnTime {
    let (mut done, mut ok) = (0, 0);
    for r in results {
        done += 1;
        ok += usize::from(r);
    }
    OnTime {
        done,
        on_time: ok,
        share_pct: (done > 0).then(|| round1(100.0 * ok as f64 / done as f64)),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pareto_orders_and_accumulates() {
        let keys = [
            "quality",
            "logistics",
            "quality",
            "service",
            "quality",
            "logistics",
        ];
        let p = pareto(keys.iter().copied());
        let rows: Vec<_> = p
            .iter()
            .map(|c| (c.key.as_str(), c.n, c.share_pct, c.cumulative_pct))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("quality", 3, 50.0, 50.0),
                ("logistics", 2, 33.3, 83.3),
                ("service", 1, 16.7, 100.0)
            ]
        );
        assert!(pareto(Vec::<&str>::new()).is_empty());
    }

    #[test]
    fn on_time_shares() {
        assert_eq!(on_time([true, false, true, true]).share_pct, Some(75.0));
        assert_eq!(on_time([]).share_pct, None);
    }
}
