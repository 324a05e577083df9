//! Comparing large schemas: 2,000 and 10,000-property objects, deep nesting, 5,000 and
//! 100,000-value enums, 3,000 required properties all changed; with the witnesses that a
//! break brings. Figures in BENCHMARKS.md ("Compatibility checker").

#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use metaaccess_account_compat::diff;
use serde_json::{json, Map, Value};

fn wide(n: usize, changed: usize) -> Value {
    let props: Map<String, Value> = (0..n)
        .map(|i| {
            let max = if i == changed { 5 } else { 10 };
            (format!("p{i}"), json!({"type": "integer", "maximum": max}))
        })
        .collect();
    json!({"type": "object", "properties": props, "required": ["p0"], "additionalProperties": false})
}

/// `n` required properties, each of type `t`.
fn required(n: usize, t: &str) -> Value {
    let props: Map<String, Value> = (0..n)
        .map(|i| (format!("p{i}"), json!({ "type": t })))
        .collect();
    let names: Vec<&String> = props.keys().collect();
    json!({"type": "object", "properties": props, "required": names, "additionalProperties": false})
}

fn deep(depth: usize, leaf: &str) -> Value {
    (0..depth).fold(
        json!({"type": leaf}),
        |inner, _| json!({"type": "object", "properties": {"x": inner}, "required": ["x"]}),
    )
}

fn big_enum(n: usize, skip: usize) -> Value {
    let values: Vec<Value> = (0..n)
        .filter(|i| *i != skip)
        .map(|i| json!(format!("v{i}")))
        .collect();
    json!({"type": "string", "enum": values})
}

fn benches(c: &mut Criterion) {
    let (a, b) = (wide(2000, usize::MAX), wide(2000, 1000));
    c.bench_function("2000 properties, one maximum tightened", |t| {
        t.iter(|| diff(&a, &b))
    });
    let (a, b) = (deep(40, "string"), deep(40, "integer"));
    c.bench_function("40 levels deep, leaf type changed", |t| {
        t.iter(|| diff(&a, &b))
    });
    let (a, b) = (big_enum(5000, usize::MAX), big_enum(5000, 2500));
    c.bench_function("5000-value enum, one value removed", |t| {
        t.iter(|| diff(&a, &b))
    });
}

/// The issue-21 sizes: slower per run, so fewer samples.
fn large(c: &mut Criterion) {
    let mut g = c.benchmark_group("large");
    g.sample_size(10);
    let (a, b) = (big_enum(100_000, usize::MAX), big_enum(100_000, 50_000));
    g.bench_function("100000-value enum, one value removed", |t| {
        t.iter(|| diff(&a, &b))
    });
    let (a, b) = (wide(10_000, usize::MAX), wide(10_000, 5000));
    g.bench_function("10000 properties, one maximum tightened", |t| {
        t.iter(|| diff(&a, &b))
    });
    let (a, b) = (required(3000, "string"), required(3000, "integer"));
    g.bench_function("3000 required properties, every type changed", |t| {
        t.iter(|| diff(&a, &b))
    });
    g.finish();
}

criterion_group!(group, benches, large);
criterion_main!(group);
