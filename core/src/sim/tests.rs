//! Traces on the sample design and small variations of it: one behaviour per test.

use std::net::Ipv4Addr;

use super::*;
use crate::doc::*;
use crate::net::{PortRange, Protocol};
use crate::testing::{cidr, get, get_mut, id, sample, template};

pub(super) fn ip(text: &str) -> Ipv4Addr {
    text.parse().unwrap()
}

fn from(src: &str, dst: Destination, protocol: Protocol, port: u16) -> Query {
    Query::new(Source::Resource(id(src)), dst, protocol, port)
}

fn to(dst: &str) -> Destination {
    Destination::Resource(id(dst))
}

#[test]
fn private_instance_reaches_the_internet_through_its_nat_gateway_and_the_reply_comes_back() {
    let a = trace(&sample(), &from("i-web-a", Destination::Internet, Protocol::TCP, 443));
    assert_eq!(a.forward.disposition, Disposition::ExitsNetwork, "{:#?}", a.forward);
    assert_eq!(
        a.forward.nodes(),
        [
            "i-web-a",
            "subnet-private-a",
            "vpc-main",
            "nat-a",
            "subnet-public-a",
            "vpc-main",
            "igw-main",
            "aws-backbone",
            "internet"
        ]
    );
    let translations: Vec<_> = a
        .forward
        .hops
        .iter()
        .flat_map(|h| &h.steps)
        .filter_map(|s| match s {
            Step::Translate { field, to, .. } => Some((*field, *to)),
            _ => None,
        })
        .collect();
    assert_eq!(translations, [("source", ip("10.0.0.10")), ("source", ip("203.0.113.10"))]);
    let reply = a.reply.as_ref().unwrap();
    assert_eq!(reply.disposition, Disposition::Accepted, "{:#?}", reply);
    assert_eq!(
        reply.nodes(),
        [
            "internet",
            "aws-backbone",
            "igw-main",
            "vpc-main",
            "subnet-public-a",
            "nat-a",
            "vpc-main",
            "subnet-private-a",
            "i-web-a"
        ]
    );
    assert!(a.reachable);
}

#[test]
fn without_the_nat_route_there_is_no_route() {
    let mut d = sample();
    get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.clear();
    let a = trace(&d, &from("i-web-a", Destination::Internet, Protocol::TCP, 443));
    assert_eq!(a.forward.disposition, Disposition::NoRoute);
    assert_eq!(a.forward.nodes(), ["i-web-a", "subnet-private-a"]);
    let b = a.forward.blocked.unwrap();
    assert_eq!((b.id.as_str(), b.code), ("rtb-private-a", "NO_ROUTE_TO_DESTINATION"));
    assert!(!a.reachable);
}

#[test]
fn a_nacl_without_the_ephemeral_range_drops_the_reply() {
    let mut d = sample();
    let mut acl = get::<NetworkAcl>(&d, "acl-default").clone();
    acl.id = id("acl-private");
    acl.is_default = false;
    acl.inbound[0].cidr = "10.0.0.0/16".parse().unwrap();
    d.network_acls.push(acl);
    get_mut::<Subnet>(&mut d, "subnet-private-a").network_acl = Some(id("acl-private"));
    let a = trace(&d, &from("i-web-a", Destination::Internet, Protocol::TCP, 443));
    assert_eq!(a.forward.disposition, Disposition::ExitsNetwork);
    // Serialised, the reply's blocker is the flow's.
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["blocked_by"]["id"], "subnet-private-a");
    assert_eq!(json["blocked_by"]["kind"], "subnet");
    assert_eq!(json["blocked_on"], "return");
    assert_eq!(json["return"]["blocked_by"], json["blocked_by"]);
    let reply = a.reply.unwrap();
    assert_eq!(reply.disposition, Disposition::DeniedIn);
    let b = reply.blocked.unwrap();
    assert_eq!((b.id.as_str(), b.code, b.rule.as_deref()), ("subnet-private-a", "SUBNET_ACL_RESTRICTION", Some("*")));
    assert!(reply.explanation.en.contains("the reply"), "{}", reply.explanation.en);
    assert!(!a.reachable);
}

#[test]
fn the_internet_cannot_address_a_private_ip() {
    let a = trace(
        &sample(),
        &Query::new(Source::Internet { ip: None }, Destination::Ip(ip("10.0.10.10")), Protocol::TCP, 80),
    );
    assert_eq!(a.forward.disposition, Disposition::NullRouted);
    assert_eq!(a.forward.nodes(), ["internet"]);
}

#[test]
fn ssh_from_the_office_reaches_the_bastion_but_not_from_elsewhere() {
    let office = Query::new(
        Source::Internet { ip: Some(ip("198.51.100.7")) },
        Destination::Ip(ip("203.0.113.20")),
        Protocol::TCP,
        22,
    );
    let a = trace(&sample(), &office);
    assert_eq!(a.forward.disposition, Disposition::Accepted, "{:#?}", a.forward);
    assert_eq!(a.forward.nodes(), ["internet", "aws-backbone", "igw-main", "vpc-main", "subnet-public-a", "i-bastion"]);
    assert!(a.reachable, "{:#?}", a.reply);
    assert_eq!(
        a.reply.unwrap().nodes(),
        ["i-bastion", "subnet-public-a", "vpc-main", "igw-main", "aws-backbone", "internet"]
    );

    let elsewhere = Query::new(Source::Internet { ip: None }, Destination::Ip(ip("203.0.113.20")), Protocol::TCP, 22);
    let a = trace(&sample(), &elsewhere);
    assert_eq!(a.forward.disposition, Disposition::DeniedIn);
    let b = a.forward.blocked.unwrap();
    assert_eq!((b.id.as_str(), b.code), ("i-bastion", "ENI_SG_RULES_MISMATCH"));
}

#[test]
fn security_group_references_match_members() {
    let a = trace(&sample(), &from("i-bastion", to("i-web-a"), Protocol::TCP, 22));
    assert_eq!(a.forward.disposition, Disposition::Accepted);
    let rule = a.forward.hops.last().unwrap().steps.iter().find_map(|s| match s {
        Step::SecurityGroup { rule, .. } => rule.clone(),
        _ => None,
    });
    assert_eq!(rule.as_deref(), Some("sg-web#inbound[1]"));
    let a = trace(&sample(), &from("i-web-a", to("i-web-c"), Protocol::TCP, 22));
    assert_eq!(a.forward.disposition, Disposition::DeniedIn, "web-a is not in sg-bastion");
}

#[test]
fn same_subnet_traffic_skips_nacls_and_routes() {
    let mut d = sample();
    let mut web_b = get::<Instance>(&d, "i-web-a").clone();
    web_b.id = id("i-web-b");
    web_b.private_ip = Some(ip("10.0.10.11"));
    d.instances.push(web_b);
    let acl = get_mut::<NetworkAcl>(&mut d, "acl-default");
    acl.inbound.clear();
    acl.outbound.clear();
    let a = trace(&d, &from("i-web-a", to("i-web-b"), Protocol::TCP, 80));
    assert_eq!(a.forward.disposition, Disposition::Accepted, "{:#?}", a.forward);
    assert_eq!(a.forward.nodes(), ["i-web-a", "i-web-b"]);
    assert!(a.reachable);
    // Across subnets the same NACL now drops everything.
    let a = trace(&d, &from("i-web-a", to("i-web-c"), Protocol::TCP, 80));
    assert_eq!(a.forward.disposition, Disposition::DeniedOut);
}

#[test]
fn addresses_nobody_owns() {
    let a = trace(&sample(), &from("i-web-a", Destination::Ip(ip("10.0.200.5")), Protocol::TCP, 80));
    assert_eq!(
        (a.forward.disposition, a.forward.nodes()),
        (Disposition::NullRouted, vec!["i-web-a", "subnet-private-a", "vpc-main"])
    );
    let a = trace(&sample(), &from("i-web-a", Destination::Ip(ip("10.0.11.99")), Protocol::TCP, 80));
    assert_eq!(a.forward.disposition, Disposition::NeighborUnreachable);
}

#[test]
fn an_instance_without_a_public_ip_cannot_use_the_internet_gateway() {
    let mut d = sample();
    let bastion = get_mut::<Instance>(&mut d, "i-bastion");
    bastion.public_ip = None;
    bastion.associate_public_ip = Some(false);
    let a = trace(&d, &from("i-bastion", Destination::Internet, Protocol::TCP, 443));
    assert_eq!(a.forward.disposition, Disposition::DeniedIn);
    let b = a.forward.blocked.unwrap();
    assert_eq!((b.id.as_str(), b.code), ("igw-main", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"));
}

#[test]
fn the_nat_gateway_drops_unsolicited_and_non_tcp_udp_icmp_traffic() {
    let a = trace(
        &sample(),
        &Query::new(Source::Internet { ip: None }, Destination::Ip(ip("203.0.113.10")), Protocol::TCP, 80),
    );
    assert_eq!(a.forward.disposition, Disposition::DeniedIn);
    assert_eq!(a.forward.nodes(), ["internet", "aws-backbone", "igw-main", "vpc-main", "subnet-public-a", "nat-a"]);
    let a = trace(&sample(), &from("i-web-a", Destination::Internet, Protocol::Number(47), 0));
    assert_eq!(a.forward.blocked.map(|b| b.code), Some("PROTOCOL_RESTRICTION"));
}

#[test]
fn a_public_subnet_instance_cannot_use_a_nat_gateway_in_its_own_subnet() {
    let mut d = sample();
    get_mut::<RouteTable>(&mut d, "rtb-public").routes[0].target = RouteTarget::NatGateway(id("nat-a"));
    let a = trace(&d, &from("i-bastion", Destination::Internet, Protocol::TCP, 443));
    assert_eq!(a.forward.disposition, Disposition::DeniedIn);
    assert_eq!(a.forward.blocked.map(|b| b.id), Some("nat-a".to_owned()));
}

fn peered(status: PeeringStatus) -> Design {
    let mut d = sample();
    let mut v = get::<Vpc>(&d, "vpc-main").clone();
    v.id = id("vpc-b");
    v.cidr = cidr("10.1.0.0/16");
    d.vpcs.push(v);
    let mut s = get::<Subnet>(&d, "subnet-private-a").clone();
    s.id = id("subnet-b");
    s.vpc = id("vpc-b");
    s.cidr = cidr("10.1.1.0/24");
    s.route_table = Some(id("rtb-b"));
    d.subnets.push(s);
    d.route_tables.push(RouteTable {
        id: id("rtb-b"),
        name: String::new(),
        vpc: id("vpc-b"),
        main: true,
        routes: vec![Route {
            destination: RouteDestination::Cidr(cidr("10.0.0.0/16")),
            target: RouteTarget::VpcPeering(id("pcx-1")),
        }],
        propagating_vpn_gateways: vec![],
        gateway_associations: vec![],
        tags: Default::default(),
    });
    get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.push(Route {
        destination: RouteDestination::Cidr(cidr("10.1.0.0/16")),
        target: RouteTarget::VpcPeering(id("pcx-1")),
    });
    let mut db = get::<Instance>(&d, "i-web-a").clone();
    db.id = id("i-db");
    db.subnet = id("subnet-b");
    db.private_ip = Some(ip("10.1.1.10"));
    db.security_groups = vec![id("sg-db")];
    d.instances.push(db);
    d.security_groups.push(SecurityGroup {
        id: id("sg-db"),
        name: "db".into(),
        description: String::new(),
        vpc: id("vpc-b"),
        is_default: false,
        // Same-Region peering: a reference to the web group of the other VPC matches.
        inbound: vec![SgRule {
            protocol: Protocol::TCP,
            ports: Some(PortRange::single(5432)),
            icmp: None,
            peer: RulePeer::SecurityGroup { group: id("sg-web"), account: None },
            description: String::new(),
        }],
        outbound: vec![],
        tags: Default::default(),
    });
    d.vpc_peerings.push(VpcPeering {
        id: id("pcx-1"),
        name: String::new(),
        requester_vpc: id("vpc-main"),
        accepter_vpc: id("vpc-b"),
        accepter_account: None,
        status,
        tags: Default::default(),
    });
    d
}

#[test]
fn peering_delivers_to_the_peer_and_references_cross_it() {
    let a = trace(&peered(PeeringStatus::Active), &from("i-web-a", to("i-db"), Protocol::TCP, 5432));
    assert_eq!(a.forward.disposition, Disposition::Accepted, "{:#?}", a.forward);
    assert_eq!(a.forward.nodes(), ["i-web-a", "subnet-private-a", "vpc-main", "vpc-b", "subnet-b", "i-db"]);
    assert!(a.reachable, "{:#?}", a.reply);
    let a = trace(&peered(PeeringStatus::PendingAcceptance), &from("i-web-a", to("i-db"), Protocol::TCP, 5432));
    assert_eq!(a.forward.disposition, Disposition::NullRouted);
}

#[test]
fn peering_carries_no_edge_to_edge_traffic() {
    let mut d = peered(PeeringStatus::Active);
    // vpc-b tries to use vpc-main's NAT gateway for the internet.
    get_mut::<RouteTable>(&mut d, "rtb-b").routes.push(Route {
        destination: RouteDestination::Cidr(cidr("0.0.0.0/0")),
        target: RouteTarget::VpcPeering(id("pcx-1")),
    });
    get_mut::<SecurityGroup>(&mut d, "sg-db").outbound.push(SgRule {
        protocol: Protocol::All,
        ports: None,
        icmp: None,
        peer: RulePeer::Cidr("0.0.0.0/0".parse().unwrap()),
        description: String::new(),
    });
    let a = trace(&d, &from("i-db", Destination::Internet, Protocol::TCP, 443));
    assert_eq!(a.forward.disposition, Disposition::NullRouted);
    assert_eq!(a.forward.blocked.map(|b| b.code), Some("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"));
}

#[test]
fn gateway_endpoints_win_by_prefix_list_and_lose_to_a_more_specific_route() {
    let mut d = sample();
    d.prefix_lists.push(PrefixList {
        id: id("pl-s3"),
        name: "com.amazonaws.ap-northeast-2.s3".into(),
        region: id("ap-northeast-2"),
        entries: vec![PrefixListEntry { cidr: "52.219.0.0/16".parse().unwrap(), description: String::new() }],
        tags: Default::default(),
    });
    d.vpc_endpoints.push(VpcEndpoint {
        id: id("vpce-s3"),
        name: String::new(),
        vpc: id("vpc-main"),
        service_name: "com.amazonaws.ap-northeast-2.s3".into(),
        endpoint: EndpointKind::Gateway { route_tables: vec![id("rtb-private-a")], prefix_list: Some(id("pl-s3")) },
        tags: Default::default(),
    });
    get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.push(Route {
        destination: RouteDestination::PrefixList(id("pl-s3")),
        target: RouteTarget::GatewayEndpoint(id("vpce-s3")),
    });
    let s3 = Destination::Ip(ip("52.219.1.1"));
    let a = trace(&d, &from("i-web-a", s3.clone(), Protocol::TCP, 443));
    assert_eq!(a.forward.nodes(), ["i-web-a", "subnet-private-a", "vpc-main", "vpce-s3"]);
    assert!(a.reachable, "{:#?}", a);
    get_mut::<RouteTable>(&mut d, "rtb-private-a").routes.push(Route {
        destination: RouteDestination::Cidr(cidr("52.219.1.0/24")),
        target: RouteTarget::NatGateway(id("nat-a")),
    });
    let a = trace(&d, &from("i-web-a", s3, Protocol::TCP, 443));
    assert_eq!(a.forward.nodes()[3], "nat-a");
    assert_eq!(a.forward.nodes().last(), Some(&"aws-services"));
}

/// The sample with a BGP VPN from data centre `dc` (192.168.0.0/16, 10.0.10.0/25) to `vgw-1`, propagated into the
/// private route table of zone c.
pub(super) fn with_vpn() -> Design {
    let mut d = sample();
    d.on_premises.push(OnPremNetwork {
        id: id("dc"),
        name: String::new(),
        cidrs: vec![cidr("192.168.0.0/16"), cidr("10.0.10.0/25")],
        tags: Default::default(),
    });
    d.vpn_gateways.push(VpnGateway {
        id: id("vgw-1"),
        name: String::new(),
        region: id("ap-northeast-2"),
        vpc: Some(id("vpc-main")),
        amazon_side_asn: None,
        tags: Default::default(),
    });
    d.customer_gateways.push(CustomerGateway {
        id: id("cgw-1"),
        name: String::new(),
        region: id("ap-northeast-2"),
        ip_address: ip("198.51.100.9"),
        bgp_asn: 65000,
        on_premises: Some(id("dc")),
        tags: Default::default(),
    });
    d.vpn_connections.push(VpnConnection {
        id: id("vpn-1"),
        name: String::new(),
        customer_gateway: id("cgw-1"),
        gateway: VpnTermination::VpnGateway(id("vgw-1")),
        static_routes_only: false,
        static_routes: vec![],
        tunnel_outside_ips: vec![],
        tags: Default::default(),
    });
    get_mut::<RouteTable>(&mut d, "rtb-private-c").propagating_vpn_gateways.push(id("vgw-1"));
    d
}

#[test]
fn a_vpn_route_leaves_for_on_premises_and_the_local_route_beats_a_propagated_one() {
    let d = with_vpn();
    let a = trace(&d, &from("i-web-c", Destination::Ip(ip("192.168.5.5")), Protocol::TCP, 443));
    assert_eq!(a.forward.disposition, Disposition::ExitsNetwork);
    assert_eq!(a.forward.nodes(), ["i-web-c", "subnet-private-c", "vpc-main", "vgw-1"]);
    assert!(a.reachable, "{:#?}", a.reply);
    // 10.0.10.0/25 is propagated but inside the VPC: the local route wins (R3).
    let a = trace(&d, &from("i-web-c", to("i-web-a"), Protocol::TCP, 80));
    assert_eq!(a.forward.nodes(), ["i-web-c", "subnet-private-c", "vpc-main", "subnet-private-a", "i-web-a"]);
}

#[test]
fn resources_that_cannot_be_traced_yet_are_undecidable_not_guessed() {
    let a = trace(&sample(), &from("igw-main", Destination::Internet, Protocol::TCP, 443));
    assert_eq!(a.forward.disposition, Disposition::Undecidable);
    assert!(
        a.forward.explanation.en.contains("Tracing from or to igw-main (internet gateway) is not simulated yet"),
        "{}",
        a.forward.explanation.en
    );
    let a = trace(&sample(), &from("i-nope", Destination::Internet, Protocol::TCP, 443));
    assert!(
        a.forward
            .explanation
            .en
            .contains("no instance, network interface, ECS task, NAT gateway or load balancer i-nope")
    );
}

#[test]
fn traces_are_deterministic_and_serialise() {
    let q = from("i-web-a", Destination::Internet, Protocol::TCP, 443);
    let a = trace(&sample(), &q);
    assert_eq!(a, trace(&sample(), &q));
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["reachable"], true);
    assert_eq!(json["disposition"], "EXITS_NETWORK");
    assert_eq!(
        json["hops"][0],
        serde_json::json!({ "id": "i-web-a", "kind": "instance", "steps": json["hops"][0]["steps"] })
    );
    assert_eq!(json["blocked_by"], serde_json::Value::Null);
    assert!(json.get("blocked_on").is_none());
    assert_eq!(json["return"]["hops"][0]["id"], "internet");
    assert_eq!(json["return"]["hops"][0]["kind"], "internet");
    assert_eq!(json["return"]["blocked_by"], serde_json::Value::Null);
}

#[test]
fn node_kinds_serialise_as_their_names() {
    use NodeKind::*;
    let all = [
        Instance,
        NetworkInterface,
        EcsTask,
        LbNode,
        Subnet,
        RouteTable,
        Vpc,
        VpcPeering,
        VpcEndpoint,
        InternetGateway,
        NatGateway,
        VpnGateway,
        VpnConnection,
        VirtualInterface,
        TransitGateway,
        TransitGatewayAttachment,
        AwsBackbone,
        AwsServices,
        Internet,
        OnPremises,
    ];
    for k in all {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        assert_eq!(k.to_string(), k.as_str());
    }
    assert_eq!(LbNode.as_str(), "lb_node");
    assert_eq!(TransitGatewayAttachment.as_str(), "transit_gateway_attachment");
}

fn over_transit_gateway(attachment_subnets: Vec<&str>) -> Design {
    let mut d = peered(PeeringStatus::Active);
    d.vpc_peerings.clear();
    // The peering routes (rtb-b's only route and the one `peered` added to rtb-private-a) go to the gateway instead.
    get_mut::<RouteTable>(&mut d, "rtb-b").routes[0].target = RouteTarget::TransitGateway(id("tgw-1"));
    get_mut::<RouteTable>(&mut d, "rtb-private-a").routes[1].target = RouteTarget::TransitGateway(id("tgw-1"));
    get_mut::<SecurityGroup>(&mut d, "sg-db").inbound[0].peer = RulePeer::Cidr("10.0.0.0/16".parse().unwrap());
    d.transit_gateways.push(TransitGateway {
        id: id("tgw-1"),
        name: String::new(),
        region: id("ap-northeast-2"),
        amazon_side_asn: None,
        default_association_route_table: None,
        default_propagation_route_table: None,
        security_group_referencing: false,
        tags: Default::default(),
    });
    d.tgw_route_tables.push(TgwRouteTable {
        id: id("tgw-rtb-1"),
        name: String::new(),
        transit_gateway: id("tgw-1"),
        routes: vec![],
        tags: Default::default(),
    });
    let attach = |a: &str, vpc: &str, subnets: Vec<&str>| TgwAttachment {
        id: id(a),
        name: String::new(),
        transit_gateway: id("tgw-1"),
        resource: TgwAttachmentResource::Vpc {
            vpc: id(vpc),
            subnets: subnets.into_iter().map(id).collect(),
            appliance_mode: false,
            security_group_referencing: false,
        },
        association: Some(id("tgw-rtb-1")),
        propagations: vec![id("tgw-rtb-1")],
        tags: Default::default(),
    };
    d.tgw_attachments.push(attach("tgw-attach-main", "vpc-main", attachment_subnets));
    d.tgw_attachments.push(attach("tgw-attach-b", "vpc-b", vec!["subnet-b"]));
    d
}

#[test]
fn a_transit_gateway_routes_between_attached_vpcs_by_propagation() {
    let d = over_transit_gateway(vec!["subnet-private-a"]);
    let a = trace(&d, &from("i-web-a", to("i-db"), Protocol::TCP, 5432));
    assert_eq!(a.forward.disposition, Disposition::Accepted, "{:#?}", a.forward);
    assert_eq!(a.forward.nodes(), ["i-web-a", "subnet-private-a", "vpc-main", "tgw-1", "vpc-b", "subnet-b", "i-db"]);
    let origin = a.forward.hops[3].steps.iter().find_map(|s| match s {
        Step::Route { origin, .. } => Some(*origin),
        _ => None,
    });
    assert_eq!(origin, Some(RouteOrigin::Propagated));
    assert!(a.reachable, "{:#?}", a.reply);
}

#[test]
fn a_zone_without_an_attachment_subnet_cannot_send_to_the_transit_gateway() {
    let mut d = over_transit_gateway(vec!["subnet-private-a"]);
    get_mut::<RouteTable>(&mut d, "rtb-private-c").routes.push(Route {
        destination: RouteDestination::Cidr(cidr("10.1.0.0/16")),
        target: RouteTarget::TransitGateway(id("tgw-1")),
    });
    let a = trace(&d, &from("i-web-c", to("i-db"), Protocol::TCP, 5432));
    assert_eq!(a.forward.disposition, Disposition::NullRouted);
    assert_eq!(a.forward.nodes(), ["i-web-c", "subnet-private-c"]);
    assert_eq!(a.forward.blocked.map(|b| b.code), Some("TGW_ROUTE_AZ_RESTRICTION"));
}

pub(super) fn with_alb() -> Design {
    let mut d = sample();
    d.security_groups.push(SecurityGroup {
        id: id("sg-alb"),
        name: "alb".into(),
        description: String::new(),
        vpc: id("vpc-main"),
        is_default: false,
        inbound: vec![SgRule {
            protocol: Protocol::TCP,
            ports: Some(PortRange::single(80)),
            icmp: None,
            peer: RulePeer::Cidr("0.0.0.0/0".parse().unwrap()),
            description: String::new(),
        }],
        outbound: vec![SgRule {
            protocol: Protocol::All,
            ports: None,
            icmp: None,
            peer: RulePeer::Cidr("10.0.0.0/16".parse().unwrap()),
            description: String::new(),
        }],
        tags: Default::default(),
    });
    d.load_balancers.push(LoadBalancer {
        id: id("alb-web"),
        name: "web".into(),
        kind: LoadBalancerKind::Application,
        scheme: LoadBalancerScheme::InternetFacing,
        vpc: id("vpc-main"),
        subnets: vec![id("subnet-public-a"), id("subnet-public-c")],
        security_groups: vec![id("sg-alb")],
        listeners: vec![Listener {
            port: 80,
            protocol: ListenerProtocol::Http,
            target_groups: vec![id("tg-web")],
            certificates: vec![],
        }],
        cross_zone: None,
        node_addresses: vec![LbNodeAddress {
            subnet: id("subnet-public-a"),
            private_ip: ip("10.0.0.50"),
            public_ip: Some(ip("203.0.113.50")),
        }],
        tags: Default::default(),
    });
    d.target_groups.push(TargetGroup {
        id: id("tg-web"),
        name: "web".into(),
        vpc: id("vpc-main"),
        target_type: TargetType::Instance,
        protocol: ListenerProtocol::Http,
        port: 80,
        health_check_port: None,
        preserve_client_ip: None,
        targets: vec![
            Target { target: TargetRef::Instance(id("i-web-a")), port: None },
            Target { target: TargetRef::Instance(id("i-web-c")), port: None },
        ],
        tags: Default::default(),
    });
    d
}

#[test]
fn the_internet_reaches_web_servers_through_the_load_balancer_and_back() {
    let q = Query::new(Source::Internet { ip: None }, Destination::Ip(ip("203.0.113.50")), Protocol::TCP, 80);
    let a = trace(&with_alb(), &q);
    assert_eq!(a.forward.disposition, Disposition::Accepted, "{:#?}", a.forward);
    assert_eq!(
        a.forward.nodes(),
        [
            "internet",
            "aws-backbone",
            "igw-main",
            "vpc-main",
            "subnet-public-a",
            "web node ap-northeast-2a",
            "subnet-public-a",
            "vpc-main",
            "subnet-private-a",
            "i-web-a"
        ]
    );
    // The ALB sends from its node, which sg-web admits (HTTP from inside the VPC).
    let translated: Vec<_> = a.forward.hops[5]
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Translate { field, to, .. } => Some((*field, *to)),
            _ => None,
        })
        .collect();
    assert_eq!(translated, [("source", ip("10.0.0.50")), ("destination", ip("10.0.10.10"))]);
    let reply = a.reply.unwrap();
    assert!(a.reachable, "{reply:#?}");
    assert_eq!(reply.nodes().last(), Some(&"internet"));
    assert!(reply.nodes().contains(&"web node ap-northeast-2a"));
}

#[test]
fn targets_that_admit_the_load_balancers_group_are_reached_through_it() {
    // web's group admits HTTP only from the load balancer's group, not from the VPC's block.
    let mut d = with_alb();
    let web = get_mut::<SecurityGroup>(&mut d, "sg-web");
    for r in web.inbound.iter_mut().filter(|r| r.ports == Some(PortRange::single(80))) {
        r.peer = RulePeer::SecurityGroup { group: id("sg-alb"), account: None };
    }
    let q = Query::new(Source::Internet { ip: None }, Destination::Ip(ip("203.0.113.50")), Protocol::TCP, 80);
    let a = trace(&d, &q);
    assert!(a.reachable, "{:#?}", a.forward);
    // Another instance in the same subnet as the node is not a member of sg-alb: refused.
    let q = Query::new(Source::Resource(id("i-bastion")), Destination::Resource(id("i-web-a")), Protocol::TCP, 80);
    assert!(!trace(&d, &q).reachable);
}

#[test]
fn a_port_without_a_listener_stops_at_the_load_balancer_node() {
    let q = Query::new(Source::Internet { ip: None }, Destination::Ip(ip("203.0.113.50")), Protocol::TCP, 8080);
    let a = trace(&with_alb(), &q);
    assert_eq!(a.forward.disposition, Disposition::DeniedIn);
    let b = a.forward.blocked.unwrap();
    assert_eq!((b.kind, b.code), (NodeKind::LbNode, "ELBV2_LISTENERS_MISMATCH"));
}

#[test]
fn an_awsvpc_task_has_its_own_interface_and_a_bridge_task_uses_its_host() {
    let mut d = sample();
    d.ecs_clusters.push(EcsCluster {
        id: id("cluster"),
        name: String::new(),
        region: id("ap-northeast-2"),
        tags: Default::default(),
    });
    let def = |tid: &str, mode| TaskDefinition {
        id: id(tid),
        family: tid.into(),
        revision: None,
        network_mode: mode,
        compatibilities: vec![],
        cpu: None,
        memory_mib: None,
        containers: vec![],
    };
    d.task_definitions.push(def("api", NetworkMode::Awsvpc));
    d.task_definitions.push(def("legacy", NetworkMode::Bridge));
    let task = |tid: &str, def: &str, subnet: Option<&str>, host: Option<&str>| EcsTask {
        id: id(tid),
        name: String::new(),
        cluster: id("cluster"),
        task_definition: id(def),
        service: None,
        launch_type: LaunchType::Ec2,
        container_instance: host.map(id),
        subnet: subnet.map(id),
        private_ip: None,
        public_ip: None,
        security_groups: vec![id("sg-web")],
        tags: Default::default(),
    };
    d.ecs_tasks.push(task("task-api", "api", Some("subnet-private-c"), None));
    d.ecs_tasks.push(task("task-legacy", "legacy", None, Some("i-web-a")));
    // The awsvpc task gets its own address in its subnet and its own groups: HTTP from the bastion is allowed.
    let a = trace(&d, &from("i-bastion", to("task-api"), Protocol::TCP, 80));
    assert_eq!(a.forward.nodes().last(), Some(&"task-api"), "{:#?}", a.forward);
    assert!(a.reachable);
    // The bridge task is reached on its host.
    let a = trace(&d, &from("i-bastion", to("task-legacy"), Protocol::TCP, 80));
    assert_eq!(a.forward.nodes().last(), Some(&"i-web-a"));
    // A task can be a source too: out through its subnet's NAT gateway.
    let a = trace(&d, &from("task-api", Destination::Internet, Protocol::TCP, 443));
    assert_eq!(a.forward.nodes()[..4], ["task-api", "subnet-private-c", "vpc-main", "nat-c"]);
}

#[test]
fn exposure_lists_a_public_load_balancer_on_its_listener_port() {
    let d = with_alb();
    let net = crate::model::Network::new(&d);
    let places = Places::new(&net);
    let found = super::exposure(&net, &places, None);
    let lb: Vec<_> = found.iter().filter(|e| e.id.as_str() == "alb-web").collect();
    // One entry per node: the known address, and a stand-in for the node in zone c.
    assert_eq!(lb.len(), 2, "{found:#?}");
    assert_eq!(lb[0].public_ip, ip("203.0.113.50"));
    assert_eq!(lb[0].tcp, vec![PortRange::single(80)]);
    assert_eq!(lb[0].witness.nodes().last(), Some(&"i-web-a"));
}

#[test]
fn an_on_premises_host_comes_in_over_the_vpn_and_the_reply_goes_back_out() {
    let d = with_vpn();
    let q = Query::new(Source::OnPremises { ip: ip("192.168.5.5") }, to("i-web-c"), Protocol::TCP, 80);
    let a = trace(&d, &q);
    // sg-web admits HTTP from the VPC only: the data centre is refused at the instance.
    assert_eq!(a.forward.disposition, Disposition::DeniedIn, "{:#?}", a.forward);
    assert_eq!(a.forward.nodes(), ["on-premises", "vpn-1", "vgw-1", "vpc-main", "subnet-private-c", "i-web-c"]);
    let mut d = d;
    get_mut::<SecurityGroup>(&mut d, "sg-web").inbound[0].peer = RulePeer::Cidr("192.168.0.0/16".parse().unwrap());
    let a = trace(&d, &q);
    assert!(a.reachable, "{:#?}", a);
    let reply = a.reply.unwrap();
    assert_eq!(reply.disposition, Disposition::ExitsNetwork);
    assert_eq!(reply.nodes(), ["i-web-c", "subnet-private-c", "vpc-main", "vgw-1"]);
    // Zone a's private table does not propagate the gateway's routes: its reply goes to the NAT gateway instead and
    // never reaches the data centre.
    let a = trace(&d, &Query::new(Source::OnPremises { ip: ip("192.168.5.5") }, to("i-web-a"), Protocol::TCP, 80));
    assert!(!a.reachable);
    assert!(a.reply.unwrap().nodes().contains(&"nat-a"));
}

#[test]
fn an_on_premises_address_no_link_carries_has_no_way_in() {
    let d = with_vpn();
    let q = Query::new(Source::OnPremises { ip: ip("172.20.0.1") }, to("i-web-c"), Protocol::TCP, 80);
    let a = trace(&d, &q);
    assert_eq!(a.forward.disposition, Disposition::NoRoute);
    assert_eq!(a.forward.nodes(), ["on-premises"]);
    assert!(a.forward.explanation.en.contains("carries traffic from 172.20.0.1"));
    // Its link down: the way in is down.
    let mut outage = crate::model::Outage::none();
    outage.fail(id("vpn-1"));
    let net = crate::model::Network::under(&d, outage);
    let places = Places::new(&net);
    let q = Query::new(Source::OnPremises { ip: ip("192.168.5.5") }, to("i-web-c"), Protocol::TCP, 80);
    let a = trace_in(&net, &places, &q);
    assert_eq!(a.forward.disposition, Disposition::Down);
    assert_eq!(a.forward.blocked.unwrap().id, "vpn-1");
}

#[test]
fn an_on_premises_host_comes_in_through_a_transit_gateway_vpn_attachment() {
    let mut d = over_transit_gateway(vec!["subnet-private-a"]);
    d.customer_gateways.push(CustomerGateway {
        id: id("cgw-1"),
        name: String::new(),
        region: id("ap-northeast-2"),
        ip_address: ip("198.51.100.9"),
        bgp_asn: 65000,
        on_premises: None,
        tags: Default::default(),
    });
    d.vpn_connections.push(VpnConnection {
        id: id("vpn-tgw"),
        name: String::new(),
        customer_gateway: id("cgw-1"),
        gateway: VpnTermination::TransitGateway(id("tgw-1")),
        static_routes_only: true,
        static_routes: vec![cidr("172.16.0.0/16")],
        tunnel_outside_ips: vec![],
        tags: Default::default(),
    });
    d.tgw_attachments.push(TgwAttachment {
        id: id("tgw-attach-vpn"),
        name: String::new(),
        transit_gateway: id("tgw-1"),
        resource: TgwAttachmentResource::Vpn { vpn_connection: id("vpn-tgw") },
        association: Some(id("tgw-rtb-1")),
        propagations: vec![id("tgw-rtb-1")],
        tags: Default::default(),
    });
    get_mut::<SecurityGroup>(&mut d, "sg-db").inbound[0].peer = RulePeer::Cidr("0.0.0.0/0".parse().unwrap());
    let q = Query::new(Source::OnPremises { ip: ip("172.16.4.4") }, to("i-db"), Protocol::TCP, 5432);
    let a = trace(&d, &q);
    assert_eq!(a.forward.disposition, Disposition::Accepted, "{:#?}", a.forward);
    assert_eq!(a.forward.nodes(), ["on-premises", "vpn-tgw", "tgw-1", "vpc-b", "subnet-b", "i-db"]);
}

#[test]
fn a_reply_to_on_premises_that_leaves_for_the_internet_is_not_an_answer() {
    let mut d = with_vpn();
    get_mut::<OnPremNetwork>(&mut d, "dc").cidrs.push(cidr("203.0.114.0/24"));
    get_mut::<SecurityGroup>(&mut d, "sg-bastion").inbound[0].peer = RulePeer::Cidr("0.0.0.0/0".parse().unwrap());
    let q = Query::new(Source::OnPremises { ip: ip("203.0.114.5") }, to("i-bastion"), Protocol::TCP, 22);
    let a = trace(&d, &q);
    assert_eq!(a.forward.disposition, Disposition::Accepted, "{:#?}", a.forward);
    assert!(!a.reachable);
    let reply = a.reply.unwrap();
    assert_eq!(reply.nodes().last(), Some(&"internet"));
    assert_eq!(reply.disposition, Disposition::DeniedIn);
    assert_eq!(reply.blocked.unwrap().code, "ASYMMETRIC_RETURN");
    assert!(reply.explanation.en.contains("not back over the VPN"));
    // Propagating the gateway's routes into the public table sends the reply home.
    get_mut::<RouteTable>(&mut d, "rtb-public").propagating_vpn_gateways.push(id("vgw-1"));
    assert!(trace(&d, &q).reachable);
}

#[test]
fn a_gateway_endpoint_routes_the_tables_it_is_associated_with_by_itself() {
    // The S3 template, without the route the document also lists: the association alone routes S3 (E1).
    let mut d = template("s3-gateway-endpoint");
    for table in &mut d.route_tables {
        table.routes.retain(|r| !matches!(r.target, RouteTarget::GatewayEndpoint(_)));
    }
    let s3 = service_address(&d, "s3").unwrap();
    let q = Query::new(Source::Resource(id("i-app-a")), Destination::Ip(s3), Protocol::TCP, 443);
    let a = trace(&d, &q);
    assert!(a.reachable, "{:#?}", a.forward);
    assert!(a.forward.nodes().iter().any(|n| n.starts_with("vpce-")), "{:?}", a.forward.nodes());
    // Not associated: no route, no S3.
    for e in &mut d.vpc_endpoints {
        if let EndpointKind::Gateway { route_tables, .. } = &mut e.endpoint {
            route_tables.clear();
        }
    }
    assert!(!trace(&d, &q).reachable);
}
