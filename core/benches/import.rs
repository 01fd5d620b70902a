//! Import of a generated describe-* set: the 10,000-resource synthetic design written out as AWS CLI JSON (one file
//! per describe call), then imported. Run with `cargo bench -p vpcanvas-core --bench import`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark that cannot set up may stop loudly

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use vpcanvas_core::doc::*;
use vpcanvas_core::import::{ImportFile, import_aws};
use vpcanvas_core::net::IpCidr;
use vpcanvas_core::synth::design_with_resources;

fn tags(name: &str) -> Value {
    json!([{ "Key": "Name", "Value": name }])
}

fn target(t: &RouteTarget) -> (&'static str, String) {
    match t {
        RouteTarget::InternetGateway(x) => ("GatewayId", x.to_string()),
        RouteTarget::NatGateway(x) => ("NatGatewayId", x.to_string()),
        other => ("GatewayId", format!("{other:?}")),
    }
}

/// The design as describe-* output.
fn describe(d: &Design) -> Vec<(String, String)> {
    let vpcs: Vec<Value> = d.vpcs.iter().map(|v| json!({ "VpcId": v.id, "CidrBlock": v.cidr.to_string(), "IsDefault": false, "State": "available",
        "CidrBlockAssociationSet": [{ "CidrBlock": v.cidr.to_string(), "CidrBlockState": { "State": "associated" } }], "Tags": tags(&v.name) })).collect();
    let subnets: Vec<Value> = d.subnets.iter().map(|s| json!({ "SubnetId": s.id, "VpcId": s.vpc, "CidrBlock": s.cidr.to_string(),
        "AvailabilityZone": s.availability_zone, "MapPublicIpOnLaunch": s.map_public_ip_on_launch, "State": "available", "Tags": tags(&s.name) })).collect();
    let tables: Vec<Value> = d.route_tables.iter().map(|t| {
        let mut assoc: Vec<Value> = d.subnets.iter().filter(|s| s.route_table.as_ref() == Some(&t.id)).map(|s| json!({ "Main": false, "SubnetId": s.id, "RouteTableId": t.id })).collect();
        if t.main { assoc.push(json!({ "Main": true, "RouteTableId": t.id })); }
        let mut routes = vec![json!({ "DestinationCidrBlock": "10.0.0.0/8", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active" })];
        for r in &t.routes {
            let RouteDestination::Cidr(c) = &r.destination else { continue };
            let (key, value) = target(&r.target);
            routes.push(json!({ "DestinationCidrBlock": c.to_string(), key: value, "Origin": "CreateRoute", "State": "active" }));
        }
        json!({ "RouteTableId": t.id, "VpcId": t.vpc, "Associations": assoc, "Routes": routes, "PropagatingVgws": [], "Tags": tags(&t.name) })
    }).collect();
    let entry = |r: &NaclRule, egress: bool| {
        let IpCidr::V4(c) = r.cidr else { return json!({}) };
        let mut e = json!({ "RuleNumber": r.rule_number, "Protocol": match r.protocol { vpcanvas_core::net::Protocol::All => "-1".to_string(), vpcanvas_core::net::Protocol::Number(n) => n.to_string() },
            "RuleAction": if r.action == RuleAction::Allow { "allow" } else { "deny" }, "Egress": egress, "CidrBlock": c.to_string() });
        if let Some(p) = r.ports {
            e["PortRange"] = json!({ "From": p.from, "To": p.to });
        }
        e
    };
    let nacls: Vec<Value> = d.network_acls.iter().map(|a| {
        let mut entries: Vec<Value> = a.inbound.iter().map(|r| entry(r, false)).chain(a.outbound.iter().map(|r| entry(r, true))).collect();
        entries.push(json!({ "RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0" }));
        let assoc: Vec<Value> = d.subnets.iter().filter(|s| s.network_acl.as_ref() == Some(&a.id)).map(|s| json!({ "SubnetId": s.id, "NetworkAclId": a.id })).collect();
        json!({ "NetworkAclId": a.id, "VpcId": a.vpc, "IsDefault": a.is_default, "Entries": entries, "Associations": assoc, "Tags": [] })
    }).collect();
    let perm = |r: &SgRule| {
        let proto = match r.protocol {
            vpcanvas_core::net::Protocol::All => "-1".to_string(),
            vpcanvas_core::net::Protocol::Number(n) => n.to_string(),
        };
        let mut p = json!({ "IpProtocol": proto, "IpRanges": [], "UserIdGroupPairs": [], "PrefixListIds": [], "Ipv6Ranges": [] });
        if let Some(ports) = r.ports {
            p["FromPort"] = json!(ports.from);
            p["ToPort"] = json!(ports.to);
        }
        match &r.peer {
            RulePeer::Cidr(c) => p["IpRanges"] = json!([{ "CidrIp": c.to_string() }]),
            RulePeer::SecurityGroup { group, .. } => p["UserIdGroupPairs"] = json!([{ "GroupId": group }]),
            RulePeer::PrefixList(pl) => p["PrefixListIds"] = json!([{ "PrefixListId": pl }]),
        }
        p
    };
    let groups: Vec<Value> = d.security_groups.iter().map(|g| json!({ "GroupId": g.id, "GroupName": g.name, "Description": g.description, "VpcId": g.vpc,
        "IpPermissions": g.inbound.iter().map(perm).collect::<Vec<_>>(), "IpPermissionsEgress": g.outbound.iter().map(perm).collect::<Vec<_>>() })).collect();
    let instances: Vec<Value> = d.instances.iter().map(|i| json!({ "InstanceId": i.id, "InstanceType": i.instance_type, "ImageId": "ami-12345678", "SubnetId": i.subnet,
        "PrivateIpAddress": i.private_ip.map(|ip| ip.to_string()), "State": { "Code": 16, "Name": "running" }, "SourceDestCheck": true,
        "SecurityGroups": i.security_groups.iter().map(|g| json!({ "GroupId": g })).collect::<Vec<_>>(), "Tags": tags(&i.name),
        "NetworkInterfaces": [{ "NetworkInterfaceId": format!("eni-{}", i.id), "SubnetId": i.subnet, "Attachment": { "DeviceIndex": 0 }, "PrivateIpAddress": i.private_ip.map(|ip| ip.to_string()) }] })).collect();
    let igws: Vec<Value> = d.internet_gateways.iter().map(|g| json!({ "InternetGatewayId": g.id, "Attachments": [{ "VpcId": g.vpc, "State": "available" }], "Tags": [] })).collect();
    let nats: Vec<Value> = d.nat_gateways.iter().map(|n| json!({ "NatGatewayId": n.id, "SubnetId": n.subnet, "State": "available",
        "NatGatewayAddresses": [{ "AllocationId": n.elastic_ip, "PrivateIp": n.private_ip.map(|ip| ip.to_string()), "PublicIp": "198.51.100.1" }] })).collect();
    let addresses: Vec<Value> = d
        .elastic_ips
        .iter()
        .map(|e| json!({ "AllocationId": e.id, "PublicIp": "198.51.100.1", "Domain": "vpc" }))
        .collect();
    let file = |key: &str, list: Vec<Value>| (format!("us-east-1/{key}.json"), json!({ key: list }).to_string());
    vec![
        file("Vpcs", vpcs),
        file("Subnets", subnets),
        file("RouteTables", tables),
        file("NetworkAcls", nacls),
        file("SecurityGroups", groups),
        ("us-east-1/Reservations.json".into(), json!({ "Reservations": [{ "Instances": instances }] }).to_string()),
        file("InternetGateways", igws),
        file("NatGateways", nats),
        file("Addresses", addresses),
    ]
}

fn bench(c: &mut Criterion) {
    let design = design_with_resources(10_000);
    let files = describe(&design);
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let refs: Vec<ImportFile<'_>> = files.iter().map(|(name, text)| ImportFile { name, text }).collect();
    let imported = import_aws(&refs).expect("the generated set imports");
    assert_eq!(imported.design.instances.len(), design.instances.len());
    assert_eq!(imported.design.subnets.len(), design.subnets.len());
    eprintln!("describe-* set: {} resources, {} files, {bytes} bytes", design.resources().len(), files.len());
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("10000 resources", |b| {
        b.iter(|| import_aws(std::hint::black_box(&refs)).map(|i| i.design.vpcs.len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
