//! Internet exposure of the 500-VPC synthetic design with all 5,000 instances moved to public subnets with public
//! IPs, over 10 common ports. Run with `cargo bench -p vpcanvas-core --bench exposure`.

use criterion::{Criterion, criterion_group, criterion_main};
use vpcanvas_core::doc::Id;
use vpcanvas_core::model::Network;
use vpcanvas_core::sim::{Places, exposure};
use vpcanvas_core::synth::design_with_vpcs;

fn bench(c: &mut Criterion) {
    let mut design = design_with_vpcs(500);
    for i in &mut design.instances {
        i.subnet = Id::generated(&i.subnet.as_str().replace("private", "public"));
        i.associate_public_ip = Some(true);
        i.private_ip = None;
    }
    let net = Network::new(&design);
    let places = Places::new(&net);
    let ports = [22, 80, 443, 3306, 3389, 5432, 6379, 8080, 8443, 9200];
    let mut group = c.benchmark_group("exposure");
    group.sample_size(10);
    group.bench_function("5000 interfaces x 10 ports", |b| b.iter(|| exposure(&net, &places, Some(&ports)).len()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
