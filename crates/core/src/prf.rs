//! Precision / recall / F1 counts, shared by every `eval` command.

/// Matched, predicted and gold counts, with precision, recall and F1 derived from them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predictions that match a gold item (one to one).
    pub tp: usize,
    /// Predicted items.
    pub pred: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// Precision: `tp / pred`, 0 when nothing was predicted.
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.pred)
    }

    /// Recall: `tp / gold`, 0 when there is no gold item.
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.gold)
    }

    /// F1: the harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another set of counts.
    pub fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::Prf;

    #[test]
    fn precision_recall_f1() {
        let c = Prf {
            tp: 3,
            pred: 4,
            gold: 6,
        };
        assert_eq!((c.p(), c.r()), (0.75, 0.5));
        assert!((c.f1() - 0.6).abs() < 1e-12);
        assert_eq!(Prf::default().f1(), 0.0);
    }
}
