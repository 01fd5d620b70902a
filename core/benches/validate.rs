//! Validation time on deterministic synthetic designs of about 100, 1,000 and 10,000 resources, and on the largest
//! one the issue names (500 VPCs: 4,000 subnets, 5,000 instances, 20,000 filter rules).
//! Run with `cargo bench -p vpcanvas-core --bench validate`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use vpcanvas_core::check::check;
use vpcanvas_core::synth::{design_with_resources, design_with_vpcs};

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    let designs = [
        ("100", design_with_resources(100)),
        ("1000", design_with_resources(1_000)),
        ("10000", design_with_resources(10_000)),
        ("500-vpcs", design_with_vpcs(500)),
    ];
    for (label, design) in &designs {
        let resources = design.resources().len() as u64;
        group.throughput(Throughput::Elements(resources));
        group.bench_with_input(BenchmarkId::new("resources", format!("{label} ({resources})")), design, |b, d| {
            b.iter(|| check(std::hint::black_box(d)))
        });
    }
    group.finish();
}

criterion_group!(benches, validate);
criterion_main!(benches);
