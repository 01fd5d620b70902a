//! A design as one CloudFormation template (YAML): parameters for the AMIs (and certificates), resources that refer
//! to each other with `Ref` and `Fn::GetAtt`, never by AWS id.
//!
//! CloudFormation cannot adopt what AWS creates with a VPC, so the design's main route table and default network
//! ACL become a route table and an ACL of their own, associated explicitly with every subnet that used them: the
//! same routing and filtering. The default security group is the VPC's (`Fn::GetAtt VPC.DefaultSecurityGroup`); its
//! rules from the design are added to it. What CloudFormation has no resource for (Direct Connect) or this exporter
//! does not write is listed in [`Export::skipped`].

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::tf_more::{aws_name, listener_protocol, network_mode};
use crate::doc::{
    Design, EndpointKind, Id, LaunchType, ListenerProtocol, LoadBalancerKind, LoadBalancerScheme, NatConnectivity,
    NetworkMode, RouteDestination, RouteTarget, RuleAction, RulePeer, SgRule, Tags, TargetRef, TargetType,
    TgwAttachmentResource, TgwRouteTarget, TransportProtocol, VpnTermination,
};
use crate::model::Network;
use crate::net::{IpCidr, Protocol};

/// The template, and what was not exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub template: String,
    pub skipped: Vec<String>,
}

/// Logical ids from the design's ids: `vpc-main` → `VpcMain`, unique.
struct Logical {
    by_id: BTreeMap<String, String>,
}

impl Logical {
    fn new(d: &Design) -> Logical {
        let mut by_id = BTreeMap::new();
        let mut taken: BTreeMap<String, usize> = BTreeMap::new();
        for r in d.resources() {
            let mut name = String::new();
            let mut upper = true;
            for c in r.id.as_str().chars() {
                if c.is_ascii_alphanumeric() {
                    name.push(if upper { c.to_ascii_uppercase() } else { c });
                    upper = false;
                } else {
                    upper = true;
                }
            }
            if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                name = format!("R{name}");
            }
            name.truncate(200);
            let n = taken.entry(name.clone()).or_insert(0);
            *n += 1;
            let name = if *n == 1 { name } else { format!("{name}{n}") };
            by_id.insert(r.id.to_string(), name);
        }
        Logical { by_id }
    }

    fn of(&self, id: &Id) -> String {
        self.by_id.get(id.as_str()).cloned().unwrap_or_else(|| "Missing".to_owned())
    }
}

fn reference(name: &str) -> Value {
    json!({ "Ref": name })
}

fn get_att(name: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [name, attribute] })
}

fn tags(name: &str, id: &Id, extra: &Tags) -> Value {
    let mut out = vec![json!({ "Key": "Name", "Value": if name.is_empty() { id.as_str() } else { name } })];
    out.extend(extra.iter().filter(|(k, _)| k.as_str() != "Name").map(|(k, v)| json!({ "Key": k, "Value": v })));
    Value::Array(out)
}

fn protocol(p: Protocol) -> Value {
    match p {
        Protocol::All => json!("-1"),
        Protocol::TCP => json!("tcp"),
        Protocol::UDP => json!("udp"),
        Protocol::ICMP => json!("icmp"),
        Protocol::Number(n) => json!(n.to_string()),
    }
}

/// Exports a design as a CloudFormation template.
pub fn export(d: &Design) -> Export {
    let l = Logical::new(d);
    let n = |id: &Id| l.of(id);
    let mut params = serde_json::Map::new();
    let mut res = serde_json::Map::new();
    let mut skipped = Vec::new();
    let mut add = |name: String, kind: &str, props: Value, depends: Option<Vec<String>>| {
        let mut r = json!({ "Type": kind, "Properties": props });
        if let Some(dep) = depends.filter(|x| !x.is_empty()) {
            r["DependsOn"] = json!(dep);
        }
        res.insert(name, r);
    };
    let group_ref = |id: &Id| -> Value {
        match d.security_groups.iter().find(|g| &g.id == id) {
            Some(g) if g.is_default => get_att(&n(&g.vpc), "DefaultSecurityGroup"),
            _ => get_att(&n(id), "GroupId"),
        }
    };
    let prefix_list = |id: &Id| -> Value {
        match d.prefix_lists.iter().find(|p| &p.id == id) {
            Some(p) if !p.name.starts_with("com.amazonaws.") => get_att(&n(id), "PrefixListId"),
            _ => json!(id.as_str()),
        }
    };
    let igw_attachment = |vpc: &Id| -> Option<String> {
        d.internet_gateways.iter().find(|g| g.vpc.as_ref() == Some(vpc)).map(|g| format!("{}Attachment", n(&g.id)))
    };

    for v in &d.vpcs {
        add(
            n(&v.id),
            "AWS::EC2::VPC",
            json!({ "CidrBlock": v.cidr.to_string(), "EnableDnsSupport": v.dns_support,
                    "EnableDnsHostnames": v.dns_hostnames, "Tags": tags(&v.name, &v.id, &v.tags) }),
            None,
        );
        for (k, c) in v.secondary_cidrs.iter().enumerate() {
            add(
                format!("{}Cidr{}", n(&v.id), k + 2),
                "AWS::EC2::VPCCidrBlock",
                json!({ "VpcId": reference(&n(&v.id)), "CidrBlock": c.to_string() }),
                None,
            );
        }
    }
    for s in &d.subnets {
        add(
            n(&s.id),
            "AWS::EC2::Subnet",
            json!({ "VpcId": reference(&n(&s.vpc)), "CidrBlock": s.cidr.to_string(),
                    "AvailabilityZone": s.availability_zone, "MapPublicIpOnLaunch": s.map_public_ip_on_launch,
                    "Tags": tags(&s.name, &s.id, &s.tags) }),
            None,
        );
    }
    for g in &d.internet_gateways {
        add(n(&g.id), "AWS::EC2::InternetGateway", json!({ "Tags": tags(&g.name, &g.id, &g.tags) }), None);
        if let Some(v) = &g.vpc {
            add(
                format!("{}Attachment", n(&g.id)),
                "AWS::EC2::VPCGatewayAttachment",
                json!({ "VpcId": reference(&n(v)), "InternetGatewayId": reference(&n(&g.id)) }),
                None,
            );
        }
    }
    for e in &d.elastic_ips {
        add(n(&e.id), "AWS::EC2::EIP", json!({ "Domain": "vpc", "Tags": tags(&e.name, &e.id, &e.tags) }), None);
    }
    for g in &d.nat_gateways {
        let mut props = json!({ "SubnetId": reference(&n(&g.subnet)), "Tags": tags(&g.name, &g.id, &g.tags) });
        if g.connectivity == NatConnectivity::Private {
            props["ConnectivityType"] = json!("private");
        } else if let Some(e) = &g.elastic_ip {
            props["AllocationId"] = get_att(&n(e), "AllocationId");
        }
        let vpc = d.subnets.iter().find(|s| s.id == g.subnet).map(|s| s.vpc.clone());
        add(n(&g.id), "AWS::EC2::NatGateway", props, vpc.and_then(|v| igw_attachment(&v)).map(|a| vec![a]));
    }
    for g in &d.vpn_gateways {
        let mut props = json!({ "Type": "ipsec.1", "Tags": tags(&g.name, &g.id, &g.tags) });
        if let Some(a) = g.amazon_side_asn {
            props["AmazonSideAsn"] = json!(a);
        }
        add(n(&g.id), "AWS::EC2::VPNGateway", props, None);
        if let Some(v) = &g.vpc {
            add(
                format!("{}Attachment", n(&g.id)),
                "AWS::EC2::VPCGatewayAttachment",
                json!({ "VpcId": reference(&n(v)), "VpnGatewayId": reference(&n(&g.id)) }),
                None,
            );
        }
    }
    for t in &d.route_tables {
        let name = n(&t.id);
        add(
            name.clone(),
            "AWS::EC2::RouteTable",
            json!({ "VpcId": reference(&n(&t.vpc)), "Tags": tags(&t.name, &t.id, &t.tags) }),
            None,
        );
        for (k, r) in t.routes.iter().enumerate() {
            let mut props = json!({ "RouteTableId": reference(&name) });
            match &r.destination {
                RouteDestination::Cidr(c) => props["DestinationCidrBlock"] = json!(c.to_string()),
                RouteDestination::Ipv6Cidr(c) => props["DestinationIpv6CidrBlock"] = json!(c.to_string()),
                RouteDestination::PrefixList(p) => props["DestinationPrefixListId"] = prefix_list(p),
            }
            let mut depends = Vec::new();
            match &r.target {
                RouteTarget::Local | RouteTarget::Blackhole | RouteTarget::GatewayEndpoint(_) => continue,
                RouteTarget::InternetGateway(x) => {
                    props["GatewayId"] = reference(&n(x));
                    depends.extend(igw_attachment(&t.vpc));
                }
                RouteTarget::VpnGateway(x) => {
                    props["GatewayId"] = reference(&n(x));
                    depends.push(format!("{}Attachment", n(x)));
                }
                RouteTarget::NatGateway(x) => props["NatGatewayId"] = reference(&n(x)),
                RouteTarget::VpcPeering(x) => props["VpcPeeringConnectionId"] = reference(&n(x)),
                RouteTarget::TransitGateway(x) => props["TransitGatewayId"] = reference(&n(x)),
                RouteTarget::NetworkInterface(x) => props["NetworkInterfaceId"] = reference(&n(x)),
                RouteTarget::Instance(x) => props["InstanceId"] = reference(&n(x)),
            }
            add(format!("{name}Route{}", k + 1), "AWS::EC2::Route", props, Some(depends));
        }
        if !t.propagating_vpn_gateways.is_empty() {
            add(
                format!("{name}Propagation"),
                "AWS::EC2::VPNGatewayRoutePropagation",
                json!({ "RouteTableIds": [reference(&name)],
                        "VpnGatewayId": reference(&n(&t.propagating_vpn_gateways[0])) }),
                Some(vec![format!("{}Attachment", n(&t.propagating_vpn_gateways[0]))]),
            );
        }
    }
    let net = Network::new(d);
    // Every subnet is associated explicitly: with its own table, or with what stands for its VPC's main one.
    for s in &d.subnets {
        if let Some(t) = net.route_table_of(s) {
            add(
                format!("{}RouteTable", n(&s.id)),
                "AWS::EC2::SubnetRouteTableAssociation",
                json!({ "SubnetId": reference(&n(&s.id)), "RouteTableId": reference(&n(&t.id)) }),
                None,
            );
        }
        if let Some(a) = net.network_acl_of(s) {
            add(
                format!("{}NetworkAcl", n(&s.id)),
                "AWS::EC2::SubnetNetworkAclAssociation",
                json!({ "SubnetId": reference(&n(&s.id)), "NetworkAclId": reference(&n(&a.id)) }),
                None,
            );
        }
    }
    for a in &d.network_acls {
        let name = n(&a.id);
        add(
            name.clone(),
            "AWS::EC2::NetworkAcl",
            json!({ "VpcId": reference(&n(&a.vpc)), "Tags": tags(&a.name, &a.id, &a.tags) }),
            None,
        );
        for (egress, rules) in [(false, &a.inbound), (true, &a.outbound)] {
            for x in rules {
                let mut props = json!({
                    "NetworkAclId": reference(&name), "RuleNumber": x.rule_number, "Egress": egress,
                    "RuleAction": if x.action == RuleAction::Allow { "allow" } else { "deny" },
                    "Protocol": match x.protocol { Protocol::All => -1, Protocol::Number(p) => i64::from(p) },
                });
                match x.cidr {
                    IpCidr::V4(c) => props["CidrBlock"] = json!(c.to_string()),
                    IpCidr::V6(c) => props["Ipv6CidrBlock"] = json!(c.to_string()),
                }
                if let Some(p) = x.ports.filter(|_| x.protocol.has_ports()) {
                    props["PortRange"] = json!({ "From": p.from, "To": p.to });
                }
                if x.protocol.has_icmp() {
                    let t = x.icmp.and_then(|i| i.icmp_type).map_or(-1, i64::from);
                    let c = x.icmp.and_then(|i| i.code).map_or(-1, i64::from);
                    props["Icmp"] = json!({ "Type": t, "Code": c });
                }
                let dir = if egress { "Out" } else { "In" };
                add(format!("{name}{dir}{}", x.rule_number), "AWS::EC2::NetworkAclEntry", props, None);
            }
        }
    }
    for g in &d.security_groups {
        let name = n(&g.id);
        if !g.is_default {
            add(
                name.clone(),
                "AWS::EC2::SecurityGroup",
                json!({ "GroupDescription": super::group_description(&g.description),
                        "GroupName": if g.name.is_empty() { g.id.as_str() } else { g.name.as_str() },
                        "VpcId": reference(&n(&g.vpc)), "Tags": tags(&g.name, &g.id, &g.tags) }),
                None,
            );
        }
        let own = group_ref(&g.id);
        for (egress, rules) in [(false, &g.inbound), (true, &g.outbound)] {
            for (k, x) in rules.iter().enumerate() {
                let (kind, dir) = if egress {
                    ("AWS::EC2::SecurityGroupEgress", "Egress")
                } else {
                    ("AWS::EC2::SecurityGroupIngress", "Ingress")
                };
                add(
                    format!("{name}{dir}{}", k + 1),
                    kind,
                    sg_rule(x, own.clone(), egress, &group_ref, &prefix_list),
                    None,
                );
            }
        }
    }
    for i in &d.instances {
        let name = n(&i.id);
        let param = format!("{name}Ami");
        let mut p = json!({ "Type": "AWS::EC2::Image::Id", "Description": format!("The AMI of instance {}.", i.id) });
        if let Some(a) = i.ami.as_ref().filter(|a| !a.id.is_empty()) {
            p["Default"] = json!(a.id);
        }
        params.insert(param.clone(), p);
        let groups: Vec<Value> = i.security_groups.iter().map(&group_ref).collect();
        let mut props = json!({
            "ImageId": reference(&param), "InstanceType": i.instance_type,
            "MetadataOptions": { "HttpTokens": "required" }, "Tags": tags(&i.name, &i.id, &i.tags),
        });
        if i.associate_public_ip.is_some() {
            // The public address choice lives on the primary interface.
            let mut nic = json!({ "DeviceIndex": "0", "SubnetId": reference(&n(&i.subnet)),
                                  "AssociatePublicIpAddress": i.associate_public_ip.unwrap_or(false) });
            if !groups.is_empty() {
                nic["GroupSet"] = json!(groups);
            }
            if let Some(ip) = i.private_ip {
                nic["PrivateIpAddress"] = json!(ip.to_string());
            }
            props["NetworkInterfaces"] = json!([nic]);
        } else {
            props["SubnetId"] = reference(&n(&i.subnet));
            if !groups.is_empty() {
                props["SecurityGroupIds"] = json!(groups);
            }
            if let Some(ip) = i.private_ip {
                props["PrivateIpAddress"] = json!(ip.to_string());
            }
        }
        if !i.source_dest_check {
            props["SourceDestCheck"] = json!(false);
        }
        add(name.clone(), "AWS::EC2::Instance", props, None);
        if let Some(e) = &i.elastic_ip {
            add(
                format!("{name}Eip"),
                "AWS::EC2::EIPAssociation",
                json!({ "AllocationId": get_att(&n(e), "AllocationId"), "InstanceId": reference(&name) }),
                None,
            );
        }
    }
    for x in &d.network_interfaces {
        let mut props = json!({ "SubnetId": reference(&n(&x.subnet)), "Tags": tags(&x.name, &x.id, &x.tags) });
        if !x.security_groups.is_empty() {
            props["GroupSet"] = json!(x.security_groups.iter().map(&group_ref).collect::<Vec<_>>());
        }
        if let Some(ip) = x.private_ip {
            props["PrivateIpAddress"] = json!(ip.to_string());
        }
        if !x.source_dest_check {
            props["SourceDestCheck"] = json!(false);
        }
        add(n(&x.id), "AWS::EC2::NetworkInterface", props, None);
        if let Some(a) = &x.attachment {
            add(
                format!("{}Attachment", n(&x.id)),
                "AWS::EC2::NetworkInterfaceAttachment",
                json!({ "InstanceId": reference(&n(&a.instance)), "NetworkInterfaceId": reference(&n(&x.id)),
                        "DeviceIndex": a.device_index.to_string() }),
                None,
            );
        }
    }
    // Load balancing.
    for lb in &d.load_balancers {
        let name = n(&lb.id);
        let mut props = json!({
            "Name": aws_name(if lb.name.is_empty() { lb.id.as_str() } else { &lb.name }),
            "Scheme": if lb.scheme == LoadBalancerScheme::Internal { "internal" } else { "internet-facing" },
            "Type": if lb.kind == LoadBalancerKind::Application { "application" } else { "network" },
            "Subnets": lb.subnets.iter().map(|s| reference(&n(s))).collect::<Vec<_>>(),
            "Tags": tags(&lb.name, &lb.id, &lb.tags),
        });
        if !lb.security_groups.is_empty() {
            props["SecurityGroups"] = json!(lb.security_groups.iter().map(&group_ref).collect::<Vec<_>>());
        }
        if lb.kind == LoadBalancerKind::Application {
            props["LoadBalancerAttributes"] =
                json!([{ "Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true" }]);
        }
        let vpc = lb.vpc.clone();
        add(name.clone(), "AWS::ElasticLoadBalancingV2::LoadBalancer", props, igw_attachment(&vpc).map(|a| vec![a]));
        for li in &lb.listeners {
            let mut props = json!({
                "LoadBalancerArn": reference(&name), "Port": li.port, "Protocol": listener_protocol(li.protocol),
            });
            props["DefaultActions"] = match li.target_groups.first() {
                Some(tg) => json!([{ "Type": "forward", "TargetGroupArn": reference(&n(tg)) }]),
                None => {
                    json!([{ "Type": "fixed-response", "FixedResponseConfig": { "StatusCode": "404", "ContentType": "text/plain" } }])
                }
            };
            if matches!(li.protocol, ListenerProtocol::Https | ListenerProtocol::Tls) {
                let param = format!("{name}Certificate{}", li.port);
                let mut p = json!({ "Type": "String", "Description": format!("The ACM certificate of listener {} of {}.", li.port, lb.id) });
                if let Some(c) = li.certificates.first() {
                    p["Default"] = json!(c);
                }
                params.insert(param.clone(), p);
                props["Certificates"] = json!([{ "CertificateArn": reference(&param) }]);
                props["SslPolicy"] = json!("ELBSecurityPolicy-TLS13-1-2-2021-06");
            }
            add(format!("{name}Listener{}", li.port), "AWS::ElasticLoadBalancingV2::Listener", props, None);
        }
    }
    for tg in &d.target_groups {
        let target_type = match tg.target_type {
            TargetType::Instance => "instance",
            TargetType::Ip => "ip",
            TargetType::Lambda => "lambda",
            TargetType::Alb => "alb",
        };
        let targets: Vec<Value> = tg
            .targets
            .iter()
            .map(|t| {
                let id = match &t.target {
                    TargetRef::Instance(i) => reference(&n(i)),
                    TargetRef::Ip(ip) => json!(ip.to_string()),
                    TargetRef::LoadBalancer(lb) => reference(&n(lb)),
                };
                let mut v = json!({ "Id": id });
                if let Some(p) = t.port {
                    v["Port"] = json!(p);
                }
                v
            })
            .collect();
        let mut props = json!({
            "Name": aws_name(if tg.name.is_empty() { tg.id.as_str() } else { &tg.name }),
            "VpcId": reference(&n(&tg.vpc)), "TargetType": target_type, "Port": tg.port,
            "Protocol": listener_protocol(tg.protocol), "Tags": tags(&tg.name, &tg.id, &tg.tags),
            "HealthCheckPort": tg.health_check_port.map_or_else(|| "traffic-port".to_owned(), |p| p.to_string()),
        });
        if !targets.is_empty() {
            props["Targets"] = json!(targets);
        }
        add(n(&tg.id), "AWS::ElasticLoadBalancingV2::TargetGroup", props, None);
    }
    // ECS.
    for c in &d.ecs_clusters {
        add(
            n(&c.id),
            "AWS::ECS::Cluster",
            json!({ "ClusterName": aws_name(if c.name.is_empty() { c.id.as_str() } else { &c.name }),
                    "ClusterSettings": [{ "Name": "containerInsights", "Value": "enabled" }],
                    "Tags": tags(&c.name, &c.id, &c.tags) }),
            None,
        );
    }
    for t in &d.task_definitions {
        let containers: Vec<Value> = t
            .containers
            .iter()
            .map(|c| {
                let ports: Vec<Value> = c
                    .port_mappings
                    .iter()
                    .map(|p| {
                        let mut m = json!({ "ContainerPort": p.container_port,
                                            "Protocol": if p.protocol == TransportProtocol::Udp { "udp" } else { "tcp" } });
                        if let Some(h) = p.host_port {
                            m["HostPort"] = json!(h);
                        }
                        m
                    })
                    .collect();
                let mut v = json!({ "Name": c.name, "Image": c.image, "Essential": c.essential, "PortMappings": ports });
                if let Some(cpu) = c.cpu {
                    v["Cpu"] = json!(cpu);
                }
                if let Some(m) = c.memory_mib {
                    v["Memory"] = json!(m);
                }
                v
            })
            .collect();
        let mut props = json!({
            "Family": aws_name(&t.family),
            "NetworkMode": network_mode(t.network_mode),
            "ContainerDefinitions": containers,
        });
        if !t.compatibilities.is_empty() {
            props["RequiresCompatibilities"] = json!(
                t.compatibilities
                    .iter()
                    .map(|c| if *c == LaunchType::Fargate { "FARGATE" } else { "EC2" })
                    .collect::<Vec<_>>()
            );
        }
        if let Some(c) = t.cpu {
            props["Cpu"] = json!(c.to_string());
        }
        if let Some(m) = t.memory_mib {
            props["Memory"] = json!(m.to_string());
        }
        add(n(&t.id), "AWS::ECS::TaskDefinition", props, None);
    }
    for svc in &d.ecs_services {
        let awsvpc = d
            .task_definitions
            .iter()
            .find(|t| t.id == svc.task_definition)
            .is_some_and(|t| t.network_mode == NetworkMode::Awsvpc);
        let mut props = json!({
            "ServiceName": aws_name(if svc.name.is_empty() { svc.id.as_str() } else { &svc.name }),
            "Cluster": reference(&n(&svc.cluster)), "TaskDefinition": reference(&n(&svc.task_definition)),
            "DesiredCount": svc.desired_count,
            "LaunchType": if svc.launch_type == LaunchType::Fargate { "FARGATE" } else { "EC2" },
            "Tags": tags(&svc.name, &svc.id, &svc.tags),
        });
        if awsvpc {
            let mut net = json!({ "Subnets": svc.subnets.iter().map(|s| reference(&n(s))).collect::<Vec<_>>(),
                                  "AssignPublicIp": if svc.assign_public_ip { "ENABLED" } else { "DISABLED" } });
            if !svc.security_groups.is_empty() {
                net["SecurityGroups"] = json!(svc.security_groups.iter().map(&group_ref).collect::<Vec<_>>());
            }
            props["NetworkConfiguration"] = json!({ "AwsvpcConfiguration": net });
        }
        // A service registers in its target group once a listener forwards to it.
        let mut depends = Vec::new();
        if !svc.load_balancers.is_empty() {
            props["LoadBalancers"] = json!(svc
                .load_balancers
                .iter()
                .map(|x| json!({ "TargetGroupArn": reference(&n(&x.target_group)), "ContainerName": x.container_name, "ContainerPort": x.container_port }))
                .collect::<Vec<_>>());
            for x in &svc.load_balancers {
                for lb in &d.load_balancers {
                    for li in lb.listeners.iter().filter(|li| li.target_groups.contains(&x.target_group)) {
                        depends.push(format!("{}Listener{}", n(&lb.id), li.port));
                    }
                }
            }
        }
        add(n(&svc.id), "AWS::ECS::Service", props, Some(depends));
    }
    // Connections.
    let region_of_vpc = |v: &Id| d.vpcs.iter().find(|x| &x.id == v).map(|x| x.region.clone());
    for p in &d.vpc_peerings {
        let mut props = json!({ "VpcId": reference(&n(&p.requester_vpc)), "PeerVpcId": reference(&n(&p.accepter_vpc)),
                                "Tags": tags(&p.name, &p.id, &p.tags) });
        if let Some(a) = &p.accepter_account {
            props["PeerOwnerId"] = json!(a);
        }
        if region_of_vpc(&p.requester_vpc) != region_of_vpc(&p.accepter_vpc)
            && let Some(r) = region_of_vpc(&p.accepter_vpc)
        {
            props["PeerRegion"] = json!(r.as_str());
        }
        add(n(&p.id), "AWS::EC2::VPCPeeringConnection", props, None);
    }
    for p in d.prefix_lists.iter().filter(|p| !p.name.starts_with("com.amazonaws.")) {
        let entries: Vec<Value> = p
            .entries
            .iter()
            .filter_map(|e| e.cidr.as_v4().map(|c| json!({ "Cidr": c.to_string(), "Description": e.description })))
            .collect();
        add(
            n(&p.id),
            "AWS::EC2::PrefixList",
            json!({ "PrefixListName": if p.name.is_empty() { p.id.as_str() } else { p.name.as_str() },
                    "AddressFamily": "IPv4", "MaxEntries": entries.len().max(1), "Entries": entries,
                    "Tags": tags(&p.name, &p.id, &p.tags) }),
            None,
        );
    }
    for e in &d.vpc_endpoints {
        let mut props = json!({ "VpcId": reference(&n(&e.vpc)), "ServiceName": e.service_name });
        match &e.endpoint {
            EndpointKind::Gateway { route_tables, .. } => {
                props["VpcEndpointType"] = json!("Gateway");
                props["RouteTableIds"] = json!(route_tables.iter().map(|t| reference(&n(t))).collect::<Vec<_>>());
            }
            EndpointKind::Interface { subnets, security_groups, private_dns } => {
                props["VpcEndpointType"] = json!("Interface");
                props["SubnetIds"] = json!(subnets.iter().map(|s| reference(&n(s))).collect::<Vec<_>>());
                props["SecurityGroupIds"] = json!(security_groups.iter().map(&group_ref).collect::<Vec<_>>());
                props["PrivateDnsEnabled"] = json!(private_dns);
            }
        }
        add(n(&e.id), "AWS::EC2::VPCEndpoint", props, None);
    }
    for g in &d.customer_gateways {
        add(
            n(&g.id),
            "AWS::EC2::CustomerGateway",
            json!({ "BgpAsn": g.bgp_asn, "IpAddress": g.ip_address.to_string(), "Type": "ipsec.1",
                    "Tags": tags(&g.name, &g.id, &g.tags) }),
            None,
        );
    }
    for v in &d.vpn_connections {
        let mut props = json!({ "CustomerGatewayId": reference(&n(&v.customer_gateway)), "Type": "ipsec.1",
                                "StaticRoutesOnly": v.static_routes_only, "Tags": tags(&v.name, &v.id, &v.tags) });
        match &v.gateway {
            VpnTermination::VpnGateway(g) => props["VpnGatewayId"] = reference(&n(g)),
            VpnTermination::TransitGateway(g) => props["TransitGatewayId"] = reference(&n(g)),
        }
        add(n(&v.id), "AWS::EC2::VPNConnection", props, None);
        if matches!(v.gateway, VpnTermination::VpnGateway(_)) {
            for (k, c) in v.static_routes.iter().enumerate() {
                add(
                    format!("{}Route{}", n(&v.id), k + 1),
                    "AWS::EC2::VPNConnectionRoute",
                    json!({ "VpnConnectionId": reference(&n(&v.id)), "DestinationCidrBlock": c.to_string() }),
                    None,
                );
            }
        }
    }
    for x in &d.dx_gateways {
        skipped.push(format!("Direct Connect gateway {} (CloudFormation has no Direct Connect resources)", x.id));
    }
    for x in &d.virtual_interfaces {
        skipped.push(format!(
            "Direct Connect virtual interface {} (CloudFormation has no Direct Connect resources)",
            x.id
        ));
    }
    for t in &d.transit_gateways {
        let mut props = json!({ "DefaultRouteTableAssociation": "disable", "DefaultRouteTablePropagation": "disable",
                                "Tags": tags(&t.name, &t.id, &t.tags) });
        if let Some(a) = t.amazon_side_asn {
            props["AmazonSideAsn"] = json!(a);
        }
        if t.security_group_referencing {
            props["SecurityGroupReferencingSupport"] = json!("enable");
        }
        add(n(&t.id), "AWS::EC2::TransitGateway", props, None);
    }
    let vpc_attachment = |id: &Id| {
        d.tgw_attachments.iter().any(|a| &a.id == id && matches!(a.resource, TgwAttachmentResource::Vpc { .. }))
    };
    for a in &d.tgw_attachments {
        match &a.resource {
            TgwAttachmentResource::Vpc { vpc, subnets, appliance_mode, .. } => {
                let mut props = json!({ "TransitGatewayId": reference(&n(&a.transit_gateway)), "VpcId": reference(&n(vpc)),
                                        "SubnetIds": subnets.iter().map(|s| reference(&n(s))).collect::<Vec<_>>(),
                                        "Tags": tags(&a.name, &a.id, &a.tags) });
                if *appliance_mode {
                    props["Options"] = json!({ "ApplianceModeSupport": "enable" });
                }
                add(n(&a.id), "AWS::EC2::TransitGatewayVpcAttachment", props, None);
                if let Some(t) = &a.association {
                    add(
                        format!("{}Association", n(&a.id)),
                        "AWS::EC2::TransitGatewayRouteTableAssociation",
                        json!({ "TransitGatewayAttachmentId": reference(&n(&a.id)), "TransitGatewayRouteTableId": reference(&n(t)) }),
                        None,
                    );
                }
                for (k, t) in a.propagations.iter().enumerate() {
                    add(
                        format!("{}Propagation{}", n(&a.id), k + 1),
                        "AWS::EC2::TransitGatewayRouteTablePropagation",
                        json!({ "TransitGatewayAttachmentId": reference(&n(&a.id)), "TransitGatewayRouteTableId": reference(&n(t)) }),
                        None,
                    );
                }
            }
            _ => skipped.push(format!(
                "transit gateway attachment {} (only VPC attachments are written; a VPN's comes with its connection)",
                a.id
            )),
        }
    }
    for t in &d.tgw_route_tables {
        add(
            n(&t.id),
            "AWS::EC2::TransitGatewayRouteTable",
            json!({ "TransitGatewayId": reference(&n(&t.transit_gateway)), "Tags": tags(&t.name, &t.id, &t.tags) }),
            None,
        );
        for (k, r) in t.routes.iter().enumerate() {
            let mut props = json!({ "TransitGatewayRouteTableId": reference(&n(&t.id)), "DestinationCidrBlock": r.destination.to_string() });
            match &r.target {
                TgwRouteTarget::Blackhole => props["Blackhole"] = json!(true),
                TgwRouteTarget::Attachment(x) if vpc_attachment(x) => {
                    props["TransitGatewayAttachmentId"] = reference(&n(x))
                }
                TgwRouteTarget::Attachment(x) => {
                    skipped.push(format!("transit gateway route to {} in {} (its attachment is not written)", x, t.id));
                    continue;
                }
            }
            add(format!("{}Route{}", n(&t.id), k + 1), "AWS::EC2::TransitGatewayRoute", props, None);
        }
    }
    for t in &d.ecs_tasks {
        skipped.push(format!("ECS task {} (started by its service)", t.id));
    }

    let mut template = serde_json::Map::new();
    template.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
    template.insert(
        "Description".into(),
        json!(format!(
            "{} (written by vpcanvas)",
            if d.name.is_empty() { "A vpcanvas design" } else { d.name.as_str() }
        )),
    );
    if !params.is_empty() {
        template.insert("Parameters".into(), Value::Object(params));
    }
    template.insert("Resources".into(), Value::Object(res));
    Export { template: yaml(&Value::Object(template)), skipped }
}

fn sg_rule(
    x: &SgRule,
    own: Value,
    egress: bool,
    group_ref: &dyn Fn(&Id) -> Value,
    prefix_list: &dyn Fn(&Id) -> Value,
) -> Value {
    let mut props = json!({ "GroupId": own, "IpProtocol": protocol(x.protocol) });
    if x.protocol.has_ports() {
        let (from, to) = x.ports.map_or((0, 65535), |p| (p.from, p.to));
        props["FromPort"] = json!(from);
        props["ToPort"] = json!(to);
    } else if x.protocol.has_icmp() {
        props["FromPort"] = json!(x.icmp.and_then(|i| i.icmp_type).map_or(-1, i64::from));
        props["ToPort"] = json!(x.icmp.and_then(|i| i.code).map_or(-1, i64::from));
    }
    match (&x.peer, egress) {
        (RulePeer::Cidr(IpCidr::V4(c)), false) => props["CidrIp"] = json!(c.to_string()),
        (RulePeer::Cidr(IpCidr::V4(c)), true) => props["CidrIp"] = json!(c.to_string()),
        (RulePeer::Cidr(IpCidr::V6(c)), _) => props["CidrIpv6"] = json!(c.to_string()),
        (RulePeer::PrefixList(p), false) => props["SourcePrefixListId"] = prefix_list(p),
        (RulePeer::PrefixList(p), true) => props["DestinationPrefixListId"] = prefix_list(p),
        (RulePeer::SecurityGroup { group, .. }, false) => props["SourceSecurityGroupId"] = group_ref(group),
        (RulePeer::SecurityGroup { group, .. }, true) => props["DestinationSecurityGroupId"] = group_ref(group),
    }
    if !x.description.is_empty() {
        props["Description"] = json!(x.description);
    }
    props
}

/// YAML for a JSON value: block style, every string double-quoted (JSON escapes are valid YAML), so that no name
/// can turn into YAML syntax.
pub fn yaml(v: &Value) -> String {
    let mut out = String::new();
    write_yaml(v, 0, &mut out);
    out
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(Value::String(s.clone()).to_string()),
        Value::Array(a) if a.is_empty() => Some("[]".into()),
        Value::Object(o) if o.is_empty() => Some("{}".into()),
        _ => None,
    }
}

fn write_yaml(v: &Value, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                let key = Value::String(k.clone()).to_string();
                let key = if k.chars().all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '_') && !k.is_empty() {
                    k.clone()
                } else {
                    key
                };
                match scalar(val) {
                    Some(s) => out.push_str(&format!("{pad}{key}: {s}\n")),
                    None => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        write_yaml(val, indent + 1, out);
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match scalar(item) {
                    Some(s) => out.push_str(&format!("{pad}- {s}\n")),
                    None => {
                        // The first line of a nested block goes after the dash.
                        let mut inner = String::new();
                        write_yaml(item, indent + 1, &mut inner);
                        let trimmed = inner.trim_start_matches(' ');
                        out.push_str(&format!("{pad}- {trimmed}"));
                    }
                }
            }
        }
        other => {
            if let Some(s) = scalar(other) {
                out.push_str(&format!("{pad}{s}\n"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_block_style_with_quoted_strings() {
        let v = json!({ "A": { "B": [1, "x: y", { "C": "d" }, []] }, "Ref": "It's \"q\"" });
        assert_eq!(yaml(&v), "A:\n  B:\n    - 1\n    - \"x: y\"\n    - C: \"d\"\n    - []\nRef: \"It's \\\"q\\\"\"\n");
    }

    #[test]
    fn every_template_exports_with_every_reference_declared() {
        for t in crate::templates::all() {
            let d = t.design().unwrap_or_else(|e| panic!("{e}"));
            let e = export(&d);
            let declared: Vec<&str> = e
                .template
                .lines()
                .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(':'))
                .map(|l| l.trim().trim_end_matches(':'))
                .collect();
            for l in e.template.lines() {
                for marker in ["Ref: \"", "- \""] {
                    if let Some(rest) = l.trim().strip_prefix(marker)
                        && marker.starts_with("Ref")
                    {
                        let name = rest.trim_end_matches('"');
                        assert!(declared.contains(&name), "{}: Ref {name} is not declared", t.key);
                    }
                }
            }
        }
    }
}
