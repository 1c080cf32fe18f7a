//! Synthesis time of the bookstore example and of a generated API at CloudFormation's
//! 500-resource stack limit (480 routes sharing one integration). Targets (DESIGN.md): a seed
//! example under 5 ms and the 480-route stack under 30 ms, each as a whole process; the
//! in-process figures here are the lower bound of those.

use std::hint::black_box;

use apigw_lsp::check::check_text;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "fixtures.rs"]
mod fixtures;
use fixtures::generated_api;

fn bench(c: &mut Criterion) {
    let bookstore = include_str!("../examples/01-bookstore.apigw.yaml");
    c.bench_function("synth bookstore", |b| {
        b.iter(|| check_text(black_box(bookstore)).template().is_some())
    });
    let large = generated_api(480);
    assert_eq!(
        check_text(&large)
            .template()
            .and_then(|t| t["Resources"].as_object())
            .map(|r| r.len()),
        Some(483),
        "480 routes + API + stage + integration"
    );
    c.bench_function("synth 480 routes", |b| {
        b.iter(|| check_text(black_box(&large)).template().is_some())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
