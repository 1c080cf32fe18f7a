//! The binary's allocator: the C library's malloc for the one-shot commands, mimalloc for the
//! language server.
//!
//! An analysis allocates and frees some hundred thousand small blocks, and the server frees
//! the superseded one on another thread while the next runs. A keystroke on a 1,920-route
//! file took 3.1 ms in-process with glibc's malloc, 3.7 ms while the previous analysis was
//! freed alongside; 1.8 and 2.3 ms with mimalloc. A one-shot `--synth` is the other way
//! round: mimalloc's fresh pages cost it a millisecond of page faults and a larger peak
//! (7.5-8.2 instead of 6.7 MiB). mimalloc is built without transparent huge pages
//! (`no_thp`): with them the server held 69 MiB after 1,200 edits instead of 24.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// Whether new blocks come from mimalloc (set once, before the server starts its threads).
static MIMALLOC: AtomicBool = AtomicBool::new(false);

/// Allocates from the C library until [`use_mimalloc`], from mimalloc after; a block is
/// freed by the allocator that owns it, so the blocks allocated before the switch (the
/// arguments, the runtime's own) stay valid.
pub struct Allocator;

/// Makes every later allocation come from mimalloc.
pub fn use_mimalloc() {
    MIMALLOC.store(true, Ordering::Relaxed);
}

/// Whether mimalloc owns `ptr`: never before the switch (mimalloc has then allocated
/// nothing); after it, mimalloc's page map tells (the same lookup its `free` makes).
fn mimalloc_owns(ptr: *mut u8) -> bool {
    // SAFETY: `mi_is_in_heap_region` only reads mimalloc's page map; any pointer may be asked.
    MIMALLOC.load(Ordering::Relaxed) && unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
}

// SAFETY: each call is forwarded to one of two sound allocators; a block is always resized
// and freed by the allocator that allocated it (`mimalloc_owns`).
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe {
            if MIMALLOC.load(Ordering::Relaxed) {
                MiMalloc.alloc(layout)
            } else {
                System.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe {
            if MIMALLOC.load(Ordering::Relaxed) {
                MiMalloc.alloc_zeroed(layout)
            } else {
                System.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded to the allocator that owns `ptr`.
        unsafe {
            if mimalloc_owns(ptr) {
                MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded to the allocator that owns `ptr`.
        unsafe {
            if mimalloc_owns(ptr) {
                MiMalloc.realloc(ptr, layout, new_size)
            } else {
                System.realloc(ptr, layout, new_size)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{mimalloc_owns, use_mimalloc};

    /// Blocks allocated before the switch stay the C library's (freed and resized by it), the
    /// ones after are mimalloc's, and both kinds live side by side.
    #[test]
    fn blocks_are_freed_by_the_allocator_that_made_them() {
        let before: Vec<u64> = (0..1_000).collect();
        let mut grown = String::from("glibc");
        assert!(!mimalloc_owns(before.as_ptr().cast_mut().cast()));
        use_mimalloc();
        let after: Vec<u64> = (0..1_000).collect();
        assert!(mimalloc_owns(after.as_ptr().cast_mut().cast()));
        assert!(!mimalloc_owns(before.as_ptr().cast_mut().cast()));
        // Resized by its owner, then freed by it.
        grown.push_str(&"x".repeat(100_000));
        assert!(!mimalloc_owns(grown.as_ptr().cast_mut()));
        assert_eq!(before.iter().sum::<u64>(), after.iter().sum::<u64>());
        drop((before, after, grown));
    }
}
