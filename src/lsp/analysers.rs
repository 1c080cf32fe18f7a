//! The threads analyses run on: one per core, each document always on the same one, which also
//! frees the document's superseded analyses.
//!
//! An analysis allocates some hundred thousand small blocks, and the server's allocator
//! (mimalloc) keeps freed blocks in the heap of the thread that allocated them. On the
//! blocking pool, consecutive analyses of a document ran on whichever thread was free, and the
//! superseded one was freed on yet another: each analysis took fresh pages while its freed
//! ones waited in another thread's heap. Keystroke to diagnostics on a 1,920-route file,
//! interleaved runs: 3.9-4.1 ms on the blocking pool, 3.2-3.4 ms with one thread per document.
//!
//! The threads give way to other work between an analysis's stages (`crate::give_way`).

use std::hash::BuildHasher;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Sender, channel};

/// Work sent to an analysis thread.
type Job = Box<dyn FnOnce() + Send>;

/// The analysis threads; they end when this is dropped.
pub struct Analysers {
    queues: Vec<Sender<Job>>,
    hasher: foldhash::fast::FixedState,
}

impl Analysers {
    /// Starts `threads` analysis threads (at least one).
    pub fn new(threads: usize) -> Analysers {
        let queues = (0..threads.max(1))
            .filter_map(|i| {
                let (queue, jobs) = channel::<Job>();
                std::thread::Builder::new()
                    .name(format!("apigw-analysis-{i}"))
                    .spawn(move || {
                        crate::give_way::mark_background_thread();
                        for job in jobs {
                            // A job that panics loses its result (its caller sees `None`),
                            // not the thread.
                            let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
                        }
                    })
                    .ok()
                    .map(|_| queue)
            })
            .collect();
        Analysers {
            queues,
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// Runs `work` on the thread of the document `uri`, after the work queued there; `None`
    /// when it panicked (or no thread could be started).
    pub async fn run<T: Send + 'static>(
        &self,
        uri: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.send(
            uri,
            Box::new(move || {
                let _ = answer.send(work());
            }),
        )?;
        answered.await.ok()
    }

    /// Drops `what` on the thread of the document `uri`, the one that made it (where no
    /// thread can take it, here).
    pub fn free<T: Send + 'static>(&self, uri: &str, what: T) {
        self.send(uri, Box::new(move || drop(what)));
    }

    fn send(&self, uri: &str, job: Job) -> Option<()> {
        let count = self.queues.len() as u64;
        let queue = self
            .queues
            .get(usize::try_from(self.hasher.hash_one(uri) % count.max(1)).ok()?)?;
        queue.send(job).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::Analysers;

    /// A document's work always runs on one thread, in the order it was sent; a panic loses
    /// only its own result.
    #[test]
    fn a_document_stays_on_its_thread() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let analysers = Analysers::new(4);
        runtime.block_on(async {
            let thread = || std::thread::current().id();
            let first = analysers.run("file:///a.yaml", thread).await;
            for _ in 0..20 {
                assert_eq!(analysers.run("file:///a.yaml", thread).await, first);
            }
            let panicked: Option<()> = analysers
                .run("file:///a.yaml", || panic!("a bug in one analysis"))
                .await;
            assert_eq!(panicked, None);
            assert_eq!(analysers.run("file:///a.yaml", thread).await, first);
        });
    }
}
