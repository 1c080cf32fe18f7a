//! The server's memory under load, with glibc's allocator: as many arenas as analyses run at
//! once, and freed pages of every arena handed back to the system once documents close (a
//! 50-document burst otherwise keeps its peak). No-ops elsewhere.
//!
//! glibc gives each new thread its own arena, up to eight per core; the analyses run on
//! blocking-pool threads, so a burst left a dozen arenas each holding its share of freed
//! memory (30 MiB after 1,200 edits of one file, 17 MiB with two arenas). One arena keeps
//! less still but costs a millisecond per keystroke in contention (measured, not taken).

/// Limits glibc to `arenas` arenas; call before any thread starts.
pub fn limit_arenas(arenas: usize) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets an allocator parameter; called before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, i32::try_from(arenas).unwrap_or(i32::MAX));
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = arenas;
}

/// Hands freed memory back to the system (after documents close).
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free pages of the allocator's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}
