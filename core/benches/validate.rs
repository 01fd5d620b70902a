//! Validation time on deterministic synthetic designs of about 100, 1,000 and 10,000 resources, on the largest
//! one the issue names (500 VPCs: 4,000 subnets, 5,000 instances, 20,000 filter rules), on 10,000 resources of
//! connected VPCs (every kind), and on one VPC whose network ACL has about 1,000 and 10,000 entries.
//!
//! Then each rule alone, on designs of about 1,000 and 10,000 units: connected VPCs (every kind of resource, units are
//! resources), one network ACL (units are its entries) and one security group (units are its rules). Criterion
//! reports each as time per unit (throughput): a rule whose time per unit grows tenfold from 1,000 to 10,000 loops
//! over one list inside another.
//!
//! Run with `cargo bench -p vpcanvas-core --bench validate`; one rule with a filter, such as
//! `cargo bench -p vpcanvas-core --bench validate -- 'rule/nacl-rule-shadowed' --measurement-time 1`.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use vpcanvas_core::check::{check, check_rule, rules};
use vpcanvas_core::doc::Design;
use vpcanvas_core::model::Network;
use vpcanvas_core::synth::{Shape, connected_design_with_resources, design, design_with_resources, design_with_vpcs};

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    let designs = [
        ("100", design_with_resources(100)),
        ("1000", design_with_resources(1_000)),
        ("10000", design_with_resources(10_000)),
        ("500-vpcs", design_with_vpcs(500)),
        ("connected-10000", connected_design_with_resources(10_000)),
        ("nacl-1000", design(&Shape { extra_nacl_rules: 500, ..Shape::vpcs(1) })),
        ("nacl-10000", design(&Shape { extra_nacl_rules: 5_000, ..Shape::vpcs(1) })),
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

fn resources(d: &Design) -> usize {
    d.resources().len()
}

fn nacl_entries(d: &Design) -> usize {
    d.network_acls.iter().map(|a| a.inbound.len() + a.outbound.len()).sum()
}

fn sg_rules(d: &Design) -> usize {
    d.security_groups.iter().map(|g| g.inbound.len() + g.outbound.len()).sum()
}

fn each_rule(c: &mut Criterion) {
    let mut group = c.benchmark_group("rule");
    group.sample_size(10).warm_up_time(Duration::from_millis(200)).measurement_time(Duration::from_millis(500));
    let scenarios = [
        (
            "vpcs",
            connected_design_with_resources(1_000),
            connected_design_with_resources(10_000),
            resources as fn(&Design) -> usize,
        ),
        (
            "nacl",
            design(&Shape { extra_nacl_rules: 500, ..Shape::vpcs(1) }),
            design(&Shape { extra_nacl_rules: 5_000, ..Shape::vpcs(1) }),
            nacl_entries,
        ),
        (
            "sg",
            design(&Shape { extra_sg_rules: 1_000, ..Shape::connected(3) }),
            design(&Shape { extra_sg_rules: 10_000, ..Shape::connected(3) }),
            sg_rules,
        ),
    ];
    for (scenario, small, large, size) in &scenarios {
        for d in [small, large] {
            let units = size(d) as u64;
            // The network (its indexes and relations) is built once, outside the timing: what is timed is the rule.
            let network = Network::new(d);
            group.throughput(Throughput::Elements(units));
            for rule in rules::ALL {
                group.bench_with_input(
                    BenchmarkId::new(format!("{}/{scenario}", rule.code), units),
                    &network,
                    |b, n| b.iter(|| check_rule(rule, std::hint::black_box(n))),
                );
            }
        }
    }
    group.finish();
}

criterion_group!(benches, validate, each_rule);
criterion_main!(benches);
