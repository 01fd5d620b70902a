//! A zone failure on the synthetic 10,000-resource design: the scenario alone (what is down, ECS re-placement),
//! and the whole impact report (every working flow traced before and after). Run with
//! `cargo bench -p vpcanvas-core --bench failure`.

use criterion::{Criterion, criterion_group, criterion_main};
use vpcanvas_core::model::Outage;
use vpcanvas_core::sim::{impact, scenario};
use vpcanvas_core::synth::design_with_resources;

fn bench(c: &mut Criterion) {
    let design = design_with_resources(10_000);
    let zone = design.subnets.first().map(|s| s.availability_zone.clone()).unwrap_or_default();
    let outage = || {
        let mut o = Outage::none();
        o.fail_zone(zone.clone());
        o
    };
    let mut group = c.benchmark_group("failure-10000");
    group.sample_size(10);
    group.bench_function("scenario: one zone down", |b| b.iter(|| scenario(&design, outage()).replacements.len()));
    group.bench_function("impact: one zone down, no subnet-pair ports", |b| {
        b.iter(|| impact(&design, outage(), &[]).broken.len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
