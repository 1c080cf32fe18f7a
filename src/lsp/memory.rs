//! The server's memory after load, with glibc's allocator: freed pages of every arena are
//! handed back to the system once documents close (a 50-document burst otherwise keeps its
//! peak). A no-op elsewhere. (One arena, `M_ARENA_MAX = 1`, keeps less after a burst too, but
//! costs a millisecond per keystroke in allocator contention: measured, not taken.)

/// Hands freed memory back to the system (after documents close).
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free pages of the allocator's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}
