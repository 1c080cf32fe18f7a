//! The server's memory under load. The server's Rust allocations go to mimalloc (the
//! binary's allocator, `src/allocator.rs`); tree-sitter's C code allocates with the C
//! library's malloc.
//! Once documents close, glibc's freed pages and those of the closing thread's mimalloc heap
//! go back to the system (a 50-document burst otherwise keeps its peak); what the analysis
//! threads' heaps hold stays until mimalloc purges it (36 MiB after the bench's burst, against
//! 73 before it).
//!
//! glibc gives each new thread its own arena, up to eight per core, and tree-sitter parses on
//! the analysis threads (and on the async workers, for a request on a version not analysed
//! yet): its arenas are limited to as many as analyses run at once.

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
    // SAFETY: `mi_collect` only frees mimalloc's unused pages; it is a no-op for a program
    // that allocates elsewhere (the library's tests).
    unsafe { libmimalloc_sys::mi_collect(true) };
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases free pages of the allocator's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}
