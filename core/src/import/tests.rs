//! Import of small hand-written describe-* files: what is kept, what is skipped, and how failures are reported.

use super::*;
use crate::doc::{
    CustomerGateway, EcsCluster, EcsService, EcsTask, ElasticIp, OnPremNetwork, Placement, Region, RouteTable,
    RouteTarget, Subnet, TaskDefinition, Vpc, VpnConnection,
};
use crate::testing::get;

fn import(files: &[(&str, &str)]) -> Result<Imported, ImportError> {
    let files: Vec<ImportFile<'_>> = files.iter().map(|(name, text)| ImportFile { name, text }).collect();
    import_aws(&files)
}

const VPCS: &str = r#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "IsDefault": false, "Tags": [{"Key": "Name", "Value": "main"}],
  "CidrBlockAssociationSet": [
    {"CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}},
    {"CidrBlock": "10.9.0.0/16", "CidrBlockState": {"State": "disassociated"}}]}]}"#;
const SUBNETS: &str = r#"{"Subnets": [
  {"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "eu-west-1a", "MapPublicIpOnLaunch": true},
  {"SubnetId": "subnet-b", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "eu-west-1b"}]}"#;
const TABLES: &str = r#"{"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
  "Associations": [{"Main": true}, {"Main": false, "SubnetId": "subnet-a"}],
  "PropagatingVgws": [{"GatewayId": "vgw-1"}],
  "Routes": [
    {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
    {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "Origin": "CreateRoute", "State": "active"},
    {"DestinationCidrBlock": "172.16.0.0/12", "GatewayId": "vgw-1", "Origin": "EnableVgwRoutePropagation", "State": "active"},
    {"DestinationCidrBlock": "192.0.2.0/24", "NatGatewayId": "nat-gone", "Origin": "CreateRoute", "State": "blackhole"}]}]}"#;

#[test]
fn keeps_aws_ids_and_skips_what_aws_reports_as_gone() {
    let imported = import(&[
        ("Vpcs.json", VPCS),
        ("Subnets.json", SUBNETS),
        ("RouteTables.json", TABLES),
        ("igw.json", r#"{"InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"VpcId": "vpc-1", "State": "available"}]}]}"#),
        ("Reservations.json", r#"{"Reservations": [{"Instances": [
            {"InstanceId": "i-live", "InstanceType": "t3.micro", "SubnetId": "subnet-a", "PrivateIpAddress": "10.0.1.10", "PublicIpAddress": "203.0.113.5", "State": {"Name": "running"}, "SecurityGroups": []},
            {"InstanceId": "i-dead", "InstanceType": "t3.micro", "SubnetId": "subnet-a", "State": {"Name": "terminated"}}]}]}"#),
        ("VpnGateways.json", r#"{"VpnGateways": [{"VpnGatewayId": "vgw-1", "State": "available", "VpcAttachments": [{"VpcId": "vpc-1", "State": "attached"}]}]}"#),
        ("CustomerGateways.json", r#"{"CustomerGateways": [{"CustomerGatewayId": "cgw-1", "BgpAsn": "65000", "IpAddress": "198.51.100.1", "State": "available"}]}"#),
        ("VpnConnections.json", r#"{"VpnConnections": [{"VpnConnectionId": "vpn-1", "CustomerGatewayId": "cgw-1", "VpnGatewayId": "vgw-1", "State": "available", "VgwTelemetry": [{"OutsideIpAddress": "3.3.3.3"}]}]}"#),
    ])
    .unwrap();
    let d = &imported.design;
    // Resources keep their AWS ids: each lookup fails the test if the id is gone.
    let vpc = get::<Vpc>(d, "vpc-1");
    assert_eq!(vpc.name, "main");
    assert!(vpc.secondary_cidrs.is_empty(), "the disassociated block is skipped");
    assert_eq!(get::<Region>(d, "eu-west-1").availability_zones.len(), 2);
    assert_eq!(d.instances.len(), 1);
    assert_eq!(get::<Subnet>(d, "subnet-a").route_table.as_ref().map(|t| t.as_str()), Some("rtb-1"));
    let t = get::<RouteTable>(d, "rtb-1");
    assert!(t.main);
    assert_eq!(t.routes.len(), 2, "local and propagated routes are derived, not stored: {:?}", t.routes);
    assert_eq!(t.routes[1].target, RouteTarget::Blackhole);
    // The propagated prefix is learned again through an on-premises network behind the customer gateway.
    let behind = get::<CustomerGateway>(d, "cgw-1").on_premises.as_ref().expect("a network behind cgw-1");
    assert_eq!(get::<OnPremNetwork>(d, behind.as_str()).cidrs[0].to_string(), "172.16.0.0/12");
    assert_eq!(
        get::<VpnConnection>(d, "vpn-1").tunnel_outside_ips,
        vec!["3.3.3.3".parse::<std::net::Ipv4Addr>().unwrap()]
    );
    assert!(imported.notes.iter().any(|n| n.contains("skipped instance i-dead (terminated)")));
    assert!(imported.notes.iter().any(|n| n.contains("not associated")));
    assert!(crate::check::check(d).iter().all(|x| x.code != "unknown-reference"), "{:#?}", crate::check::check(d));
}

#[test]
fn a_malformed_file_stops_the_import_with_file_path_and_reason() {
    let e = import(&[
        ("Vpcs.json", VPCS),
        ("broken/Subnets.json", r#"{"Subnets": [{"SubnetId": "s", "MapPublicIpOnLaunch": "yes"}]}"#),
    ])
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "broken/Subnets.json: at $.Subnets[0].MapPublicIpOnLaunch: invalid type: string \"yes\", expected a boolean"
    );
    let e = import(&[("Vpcs.json", "{\"Vpcs\": [")]).unwrap_err();
    assert!(matches!(e, ImportError::Syntax { line: 1, .. }), "{e:?}");
    assert_eq!(import(&[("x.json", r#"{"Buckets": []}"#)]).unwrap_err(), ImportError::Nothing);
}

#[test]
fn unknown_files_and_fields_are_listed() {
    let imported =
        import(&[("Vpcs.json", VPCS), ("rds.json", r#"{"DBInstances": []}"#), ("Subnets.json", SUBNETS)]).unwrap();
    assert!(
        imported.notes.iter().any(|n| n == "rds.json: unknown top-level key DBInstances; ignored"),
        "{:?}",
        imported.notes
    );
    let with_extra = VPCS.replace("\"IsDefault\": false", "\"IsDefault\": false, \"DhcpOptionsId\": \"dopt-1\"");
    let imported = import(&[("Vpcs.json", &with_extra)]).unwrap();
    assert!(imported.notes.iter().any(|n| n.contains("ignored fields Vpcs[].DhcpOptionsId")), "{:?}", imported.notes);
}

#[test]
fn region_folders_name_the_region_of_regionless_resources() {
    let imported = import(&[
        (
            "ap-northeast-2/Addresses.json",
            r#"{"Addresses": [{"AllocationId": "eipalloc-1", "PublicIp": "203.0.113.9"}]}"#,
        ),
        ("ap-northeast-2/Vpcs.json", VPCS),
    ])
    .unwrap();
    assert_eq!(get::<ElasticIp>(&imported.design, "eipalloc-1").region.as_str(), "ap-northeast-2");
    assert!(is_region_code("us-gov-west-1") && !is_region_code("us-east-1a") && !is_region_code("aws_configs"));
}

#[test]
fn the_layout_nests_and_never_overlaps() {
    let imported = import(&[
        ("Vpcs.json", VPCS),
        ("Subnets.json", SUBNETS),
        (
            "Reservations.json",
            r#"{"Reservations": [{"Instances": [
        {"InstanceId": "i-1", "InstanceType": "t3.micro", "SubnetId": "subnet-a", "State": {"Name": "running"}},
        {"InstanceId": "i-2", "InstanceType": "t3.micro", "SubnetId": "subnet-a", "State": {"Name": "running"}},
        {"InstanceId": "i-3", "InstanceType": "t3.micro", "SubnetId": "subnet-a", "State": {"Name": "running"}},
        {"InstanceId": "i-4", "InstanceType": "t3.micro", "SubnetId": "subnet-a", "State": {"Name": "running"}}]}]}"#,
        ),
    ])
    .unwrap();
    let l = &imported.design.layout;
    let get = |id: &str| *l.nodes.get(id).unwrap();
    let inside = |a: Placement, b: Placement| {
        a.x >= b.x
            && a.y >= b.y
            && a.x + a.w.unwrap_or(48.0) <= b.x + b.w.unwrap()
            && a.y + a.h.unwrap_or(48.0) <= b.y + b.h.unwrap()
    };
    assert!(inside(get("vpc-1"), get("eu-west-1")));
    assert!(inside(get("subnet-a"), get("vpc-1")) && inside(get("subnet-b"), get("vpc-1")));
    for i in ["i-1", "i-2", "i-3", "i-4"] {
        assert!(inside(get(i), get("subnet-a")), "{i}");
    }
    let overlaps = |a: Placement, b: Placement| {
        let (aw, ah, bw, bh) = (a.w.unwrap_or(48.0), a.h.unwrap_or(48.0), b.w.unwrap_or(48.0), b.h.unwrap_or(48.0));
        a.x < b.x + bw && b.x < a.x + aw && a.y < b.y + bh && b.y < a.y + ah
    };
    assert!(!overlaps(get("subnet-a"), get("subnet-b")));
    let icons = ["i-1", "i-2", "i-3", "i-4"].map(get);
    for (n, a) in icons.iter().enumerate() {
        for b in &icons[n + 1..] {
            assert!(!overlaps(*a, *b));
        }
    }
}

#[test]
fn ecs_clusters_services_tasks_and_definitions_are_imported() {
    let imported = import(&[
        ("Vpcs.json", VPCS),
        ("Subnets.json", SUBNETS),
        ("clusters.json", r#"{"clusters": [{"clusterArn": "arn:aws:ecs:eu-west-1:111122223333:cluster/main", "clusterName": "main", "status": "ACTIVE"}], "failures": []}"#),
        ("td.json", r#"{"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/api:3", "family": "api", "revision": 3, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
            "containerDefinitions": [{"name": "api", "image": "nginx", "essential": true, "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}]}}"#),
        ("services.json", r#"{"services": [{"serviceArn": "arn:aws:ecs:eu-west-1:111122223333:service/main/api", "serviceName": "api", "clusterArn": "arn:aws:ecs:eu-west-1:111122223333:cluster/main",
            "taskDefinition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/api:3", "desiredCount": 2, "launchType": "FARGATE", "status": "ACTIVE",
            "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"], "securityGroups": ["sg-1"], "assignPublicIp": "DISABLED"}}}]}"#),
        ("tasks.json", r#"{"tasks": [{"taskArn": "arn:aws:ecs:eu-west-1:111122223333:task/main/abc", "clusterArn": "arn:aws:ecs:eu-west-1:111122223333:cluster/main",
            "taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/api:3", "group": "service:api", "launchType": "FARGATE", "lastStatus": "RUNNING",
            "attachments": [{"type": "ElasticNetworkInterface", "details": [{"name": "subnetId", "value": "subnet-a"}, {"name": "privateIPv4Address", "value": "10.0.1.30"}]}]},
            {"taskArn": "arn:aws:ecs:eu-west-1:111122223333:task/main/old", "clusterArn": "c", "taskDefinitionArn": "t", "lastStatus": "STOPPED"}]}"#),
    ])
    .unwrap();
    let d = &imported.design;
    // ECS resources keep their ARNs as ids.
    let arn = |rest: &str| format!("arn:aws:ecs:eu-west-1:111122223333:{rest}");
    assert_eq!(get::<EcsCluster>(d, &arn("cluster/main")).region.as_str(), "eu-west-1");
    let def = get::<TaskDefinition>(d, &arn("task-definition/api:3"));
    assert_eq!(def.network_mode, crate::doc::NetworkMode::Awsvpc);
    assert_eq!(def.containers[0].port_mappings[0].container_port, 8080);
    let service = get::<EcsService>(d, &arn("service/main/api"));
    assert_eq!(service.subnets.len(), 2);
    assert_eq!(d.ecs_tasks.len(), 1, "the stopped task is skipped");
    let task = get::<EcsTask>(d, &arn("task/main/abc"));
    assert_eq!(task.service.as_ref(), Some(&service.id));
    assert_eq!(task.private_ip, Some("10.0.1.30".parse().unwrap()));
    assert_eq!(task.security_groups, service.security_groups);
    assert!(imported.notes.iter().all(|n| !n.contains("unknown top-level key failures")), "{:?}", imported.notes);
}

#[test]
fn many_vpcs_are_laid_out_as_a_grid_inside_their_region_without_overlaps() {
    let d = crate::synth::design_with_vpcs(40);
    let l = super::arrange(&d);
    let boxes: Vec<Placement> = d.vpcs.iter().map(|v| *l.nodes.get(&v.id).unwrap()).collect();
    let region = *l.nodes.get(&get::<Region>(&d, "us-east-1").id).unwrap();
    let (rw, rh) = (region.w.unwrap(), region.h.unwrap());
    for (n, a) in boxes.iter().enumerate() {
        assert!(
            a.x >= region.x
                && a.y >= region.y
                && a.x + a.w.unwrap() <= region.x + rw
                && a.y + a.h.unwrap() <= region.y + rh
        );
        for b in &boxes[n + 1..] {
            let apart = a.x + a.w.unwrap() <= b.x
                || b.x + b.w.unwrap() <= a.x
                || a.y + a.h.unwrap() <= b.y
                || b.y + b.h.unwrap() <= a.y;
            assert!(apart, "{a:?} {b:?}");
        }
    }
    // Neither one tall column nor one long row.
    assert!(rw / rh > 0.5 && rw / rh < 3.0, "{rw} x {rh}");
}
