//! A deterministic pseudo-random sequence for the unit tests that walk many generated texts
//! and edits (xorshift64: the same seed, the same walk on every run).

/// The generator's state.
pub struct Random(u64);

impl Random {
    /// A sequence starting from `seed` (not zero).
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    /// The next number below `n` (not zero).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}
