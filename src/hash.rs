//! Hash maps and sets with foldhash's fast, per-process seeded hasher: the analysis looks up
//! construct paths and ids on every keystroke, where std's SipHash (and rehashing with it)
//! cost a seventh of the work.

/// A `HashMap` with foldhash; create with `HashMap::default()`.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with foldhash; create with `HashSet::default()`.
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
