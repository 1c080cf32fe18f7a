//! Points between the stages of an analysis where a background analysis gives way to other
//! work. The language server analyses on threads of their own, one per core (`lsp::analysers`);
//! on a machine with few cores, the editor reading a request's answer, or the server's own
//! threads writing it, can be woken on the core an analysis occupies and wait out the rest of
//! its time slice (hover on a small document right after an edit of a 480-route one: p50
//! either 0.15 or 0.55 ms, run to run, on two cores). Yielding between stages bounds that wait
//! by a stage's length. Threads that are not marked (the CLI, tests) never yield.

use std::cell::Cell;

thread_local! {
    static BACKGROUND: Cell<bool> = const { Cell::new(false) };
}

/// Marks the current thread as one that runs analyses in the background.
pub fn mark_background_thread() {
    BACKGROUND.with(|b| b.set(true));
}

/// Between two stages of an analysis: on a background thread, lets whatever else is ready to
/// run on this core go first.
pub fn between_stages() {
    if BACKGROUND.with(Cell::get) {
        std::thread::yield_now();
    }
}
