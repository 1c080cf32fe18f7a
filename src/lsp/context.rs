//! Cursor context (being written).
