//! Language server latency on a file at CloudFormation's 500-resource limit (480 routes):
//! the work after a one-character `didChange` until diagnostics are ready (apply the edit to
//! the Rope and tree, re-parse, resolve, validate; no synthesis), and completion and hover
//! answers.
//! Targets (DESIGN.md): diagnostics under 5 ms, completion and hover under 2 ms.
//! `scripts/bench_lsp.py` measures the same over stdio with the real binary, and its memory.

use std::hint::black_box;

/// The server's allocator (see `src/allocator.rs`): the language server allocates with
/// mimalloc, so its work is measured with it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use apigw_lsp::lsp::{Analysis, completion, hover};
use apigw_lsp::syntax::{Document, Position};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

#[path = "fixtures.rs"]
mod fixtures;

fn bench(c: &mut Criterion) {
    let text = fixtures::generated_api(480);
    let doc = Document::new(&text, 1);
    let analysis = Analysis::new(&doc);
    assert!(analysis.checked.template().is_some());
    // Typing one character in the middle of the file: `/items240/{id}` -> `/items2400/{id}`,
    // analysed from the analysis before it, as the server does.
    let line = text
        .lines()
        .position(|l| l.contains("/items240/"))
        .unwrap_or(0) as u32;
    let at = Position {
        line,
        character: 23,
    };
    c.bench_function("lsp keystroke -> diagnostics (480 routes)", |b| {
        b.iter_batched(
            || Document::new(&text, 1),
            |mut doc| {
                doc.apply_change(Some((at, at)), "0", 2);
                let after = Analysis::after(&doc, Some(&analysis));
                black_box(after.checked.diagnostics.len())
            },
            BatchSize::SmallInput,
        )
    });
    let integration = analysis.offset(Position {
        line: line + 2,
        character: 21,
    });
    c.bench_function("lsp completion (480 routes)", |b| {
        b.iter(|| black_box(completion::complete(&analysis, integration)))
    });
    let path = analysis.offset(Position {
        line,
        character: 16,
    });
    c.bench_function("lsp hover on a route (480 routes)", |b| {
        b.iter(|| black_box(hover::hover(&analysis, path)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
