//! One trace on the synthetic 10,000-resource design, with the design indexed once (as the app and the exposure
//! queries do), and the cost of indexing. Run with `cargo bench -p vpcanvas-core --bench trace`.

use criterion::{Criterion, criterion_group, criterion_main};
use vpcanvas_core::doc::Id;
use vpcanvas_core::model::Network;
use vpcanvas_core::net::Protocol;
use vpcanvas_core::sim::{Destination, Places, Query, Source, trace_in};
use vpcanvas_core::synth::design_with_resources;

fn traces(c: &mut Criterion) {
    let design = design_with_resources(10_000);
    let net = Network::new(&design);
    let places = Places::new(&net);
    let id = |s: &str| Id::generated(s);
    let queries = [
        (
            "instance to internet via NAT (with reply)",
            Query::new(Source::Resource(id("i-100-1")), Destination::Internet, Protocol::TCP, 443),
        ),
        (
            "instance to instance, other subnet (with reply)",
            Query::new(Source::Resource(id("i-100-1")), Destination::Resource(id("i-100-2")), Protocol::TCP, 8080),
        ),
        (
            "internet to a private address (dropped)",
            Query::new(
                Source::Internet { ip: None },
                Destination::Ip("10.0.100.10".parse().unwrap_or(std::net::Ipv4Addr::UNSPECIFIED)),
                Protocol::TCP,
                80,
            ),
        ),
    ];
    let mut group = c.benchmark_group("trace-10000");
    for (name, q) in &queries {
        group.bench_function(*name, |b| b.iter(|| trace_in(&net, &places, std::hint::black_box(q))));
    }
    group.bench_function("index the design (Network + Places)", |b| {
        b.iter(|| {
            let net = Network::new(std::hint::black_box(&design));
            Places::new(&net).ifaces.len()
        })
    });
    group.finish();
}

criterion_group!(benches, traces);
criterion_main!(benches);
