//! The walk: one packet, hop by hop, through interfaces, subnets, VPC routers and gateways, then its reply.

use std::net::Ipv4Addr;

use super::packet_filter::{self, Packet};
use super::place::{At, Places};
use super::route::{self, RouteChoice, RouteOrigin};
use super::{Answer, Blocked, Destination, Direction, Disposition, Hop, NodeKind, Query, Source, Step, Trace};
use crate::doc::{EndpointKind, Id, PeeringStatus, RouteTarget, Subnet, Vpc};
use crate::model::{DownCause, Network};
use crate::net::{Ipv4Cidr, Protocol};
use crate::text::Text;

/// The default internet host.
const INTERNET_HOST: Ipv4Addr = Ipv4Addr::new(8, 8, 8, 8);
/// More hops than any real path takes: a routing loop between appliances.
const MAX_HOPS: usize = 64;

/// A NAT gateway's translation, remembered for the reply.
#[derive(Debug, Clone, Copy)]
struct NatSession {
    nat: usize,
    client: Ipv4Addr,
}

/// A load balancer's connection, remembered for the reply: which node, and the client's address and port.
#[derive(Debug, Clone, Copy)]
struct LbSession {
    node: usize,
    client: Ipv4Addr,
    client_port: u16,
    listener_port: u16,
}

/// How a walk ended, and where the reply would start from.
struct Done {
    disposition: Disposition,
    blocked: Option<Blocked>,
    explanation: Text,
    /// The last packet, as it was when it arrived.
    packet: Packet,
    end: End,
}

/// Where a delivered packet ended, so that the reply knows where to start.
#[derive(Debug, Clone, Copy)]
enum End {
    Nowhere,
    Iface(usize),
    Internet,
    OnPremises,
    Endpoint,
    /// A VPN tunnel's outside address, which answers back to the internet.
    Tunnel,
}

struct Walk<'a, 'd> {
    net: &'a Network<'d>,
    places: &'a Places<'d>,
    hops: Vec<Hop>,
    reply: bool,
    sessions: Vec<NatSession>,
    lb_sessions: Vec<LbSession>,
    /// The VGW or endpoint a packet left by, for the reply.
    exit_via: Option<Id>,
    /// The load balancer node a trace started from: the node holds the connection its reply comes back to.
    origin_lb: Option<usize>,
}

fn bogon(ip: Ipv4Addr) -> bool {
    const RANGES: [(u32, u8); 4] = [(0x0A00_0000, 8), (0xAC10_0000, 12), (0xC0A8_0000, 16), (0x6440_0000, 10)];
    RANGES.iter().any(|(base, len)| Ipv4Cidr::clamped(Ipv4Addr::from(*base), *len).contains_addr(ip))
}

#[allow(clippy::too_many_arguments)] // every field of a blocked trace, named at the call site
fn deny(
    disposition: Disposition,
    id: &str,
    kind: NodeKind,
    direction: Direction,
    rule: Option<String>,
    code: &'static str,
    en: String,
    ko: String,
    packet: Packet,
) -> Done {
    Done {
        disposition,
        blocked: Some(Blocked { id: id.to_owned(), kind, direction, rule, code }),
        explanation: Text::new(en, ko),
        packet,
        end: End::Nowhere,
    }
}

fn arrived(disposition: Disposition, en: String, ko: String, packet: Packet, end: End) -> Done {
    Done { disposition, blocked: None, explanation: Text::new(en, ko), packet, end }
}

/// A component that is down in the failure scenario stops the packet (see docs/modeling.md, failure scenarios).
fn down(id: &str, kind: NodeKind, direction: Direction, cause: &DownCause, packet: Packet) -> Done {
    let (en, ko) = cause.words();
    deny(
        Disposition::Down,
        id,
        kind,
        direction,
        None,
        "COMPONENT_DOWN",
        format!("{id} is down in this failure scenario ({en}), so the packet stops here."),
        format!("이 장애 시나리오에서 {id}가 중단되어({ko}) 패킷이 여기서 멈춥니다."),
        packet,
    )
}

fn undecidable(en: String, ko: String, packet: Packet) -> Done {
    Done {
        disposition: Disposition::Undecidable,
        blocked: None,
        explanation: Text::new(en, ko),
        packet,
        end: End::Nowhere,
    }
}

impl<'a, 'd> Walk<'a, 'd> {
    fn new(net: &'a Network<'d>, places: &'a Places<'d>, reply: bool, sessions: Vec<NatSession>) -> Self {
        Walk {
            net,
            places,
            hops: Vec::new(),
            reply,
            sessions,
            lb_sessions: Vec::new(),
            exit_via: None,
            origin_lb: None,
        }
    }

    fn hop(&mut self, node: &str, kind: NodeKind) {
        self.hops.push(Hop { node: node.to_owned(), kind, steps: Vec::new() });
    }

    fn step(&mut self, step: Step) {
        if let Some(h) = self.hops.last_mut() {
            h.steps.push(step);
        }
    }

    fn too_long(&self) -> bool {
        self.hops.len() > MAX_HOPS
    }

    /// A packet leaves an interface.
    fn leave_iface(&mut self, i: usize, pkt: Packet) -> Done {
        let Some(f) = self.places.iface(i).cloned() else {
            return undecidable("unknown interface".into(), "알 수 없는 인터페이스".into(), pkt);
        };
        if self.too_long() {
            return undecidable(
                "the packet loops between appliances".into(),
                "패킷이 어플라이언스 사이를 맴돕니다".into(),
                pkt,
            );
        }
        let node = f.node.to_string();
        self.hop(&node, f.kind_label());
        if let Some(cause) = &f.down {
            return down(&node, f.kind_label(), Direction::Egress, cause, pkt);
        }
        if f.src_dst_check && !f.ips.contains(&pkt.src) {
            self.step(Step::Check { what: "source/destination check", passed: false });
            return deny(
                Disposition::DeniedOut,
                &node,
                f.kind_label(),
                Direction::Egress,
                None,
                "ENI_SOURCE_DEST_CHECK_RESTRICTION",
                format!(
                    "{node} drops the packet: its source {} is not one of its addresses and source/destination check is on. Turn the check off on appliances that forward traffic.",
                    pkt.src
                ),
                format!(
                    "{node}가 패킷을 버립니다. 출발지 {}가 자신의 주소가 아니고 출발지/대상 확인이 켜져 있습니다. 트래픽을 전달하는 어플라이언스는 이 확인을 끄세요.",
                    pkt.src
                ),
                pkt,
            );
        }
        if !self.sg(&f.groups, false, &pkt, f.subnet, &node, f.kind_label()) {
            let groups = group_list(&f.groups);
            return deny(
                Disposition::DeniedOut,
                &node,
                f.kind_label(),
                Direction::Egress,
                None,
                "ENI_SG_RULES_MISMATCH",
                format!(
                    "No outbound rule of {node}'s security groups ({groups}) allows {} to {}:{}. Add an outbound rule.",
                    proto(&pkt),
                    pkt.dst,
                    pkt.dst_port
                ),
                format!(
                    "{node}의 보안 그룹({groups})에 {}:{}로 가는 {}를 허용하는 아웃바운드 규칙이 없습니다. 아웃바운드 규칙을 추가하세요.",
                    pkt.dst,
                    pkt.dst_port,
                    proto(&pkt)
                ),
                pkt,
            );
        }
        if f.subnet.cidr.canonical().contains_addr(pkt.dst) {
            // Same subnet: switched at layer 2, no route table, no NACL (SEMANTICS §2 step 2).
            return self.same_subnet(f.subnet, pkt);
        }
        self.leave_subnet(f.subnet, pkt)
    }

    /// Security groups at an interface; records the step. Replies pass on the session (S3).
    fn sg(
        &mut self,
        groups: &[&'d crate::doc::SecurityGroup],
        inbound: bool,
        pkt: &Packet,
        subnet: &Subnet,
        _node: &str,
        _kind: NodeKind,
    ) -> bool {
        let direction = if inbound { Direction::Ingress } else { Direction::Egress };
        let ids: Vec<Id> = groups.iter().map(|g| g.id.clone()).collect();
        if self.reply {
            self.step(Step::SecurityGroup { direction, groups: ids, allowed: true, rule: None, session: true });
            return true;
        }
        let far = if inbound { pkt.src } else { pkt.dst };
        let peer_vpc = self.vpc_of_private(&subnet.vpc, far);
        let rule = packet_filter::security_groups(self.net, self.places, groups, inbound, pkt, peer_vpc.as_ref());
        let allowed = rule.is_some();
        self.step(Step::SecurityGroup { direction, groups: ids, allowed, rule, session: false });
        allowed
    }

    /// The VPC in which `ip` is a private address of an interface: this VPC, or a peered one.
    fn vpc_of_private(&self, own: &Id, ip: Ipv4Addr) -> Option<Id> {
        if self.places.private(own, ip).is_some() {
            return Some(own.clone());
        }
        self.net.design.vpc_peerings.iter().filter(|p| p.status == PeeringStatus::Active).find_map(|p| {
            let other = if &p.requester_vpc == own {
                &p.accepter_vpc
            } else if &p.accepter_vpc == own {
                &p.requester_vpc
            } else {
                return None;
            };
            self.places.private(other, ip).map(|_| other.clone())
        })
    }

    /// A NACL step; `None` when the design has no NACL for the subnet (AWS's default NACL allows everything).
    fn nacl(&mut self, subnet: &Subnet, outbound: bool, pkt: &Packet) -> Result<(), (Id, Option<u32>)> {
        let direction = if outbound { Direction::Egress } else { Direction::Ingress };
        let Some(acl) = self.net.network_acl_of(subnet) else {
            self.step(Step::Check {
                what: "no network ACL in the design: AWS's default NACL allows all traffic",
                passed: true,
            });
            return Ok(());
        };
        let (allowed, rule) = packet_filter::nacl(acl, outbound, pkt);
        self.step(Step::NetworkAcl { acl: acl.id.clone(), direction, allowed, rule });
        if allowed { Ok(()) } else { Err((acl.id.clone(), rule)) }
    }

    fn nacl_denied(&self, subnet: &Subnet, acl: &Id, rule: Option<u32>, outbound: bool, pkt: Packet) -> Done {
        let (disposition, direction, way, way_ko) = if outbound {
            (Disposition::DeniedOut, Direction::Egress, "outbound", "아웃바운드")
        } else {
            (Disposition::DeniedIn, Direction::Ingress, "inbound", "인바운드")
        };
        let which = rule.map(|r| format!("rule {r}")).unwrap_or_else(|| "the final deny (*)".to_owned());
        let which_ko = rule.map(|r| format!("규칙 {r}")).unwrap_or_else(|| "마지막 거부 규칙(*)".to_owned());
        let reply = if self.reply {
            " (the reply: NACLs are stateless, so replies need their own allow rule on the ephemeral ports)"
        } else {
            ""
        };
        let reply_ko = if self.reply {
            " (응답 패킷: NACL은 상태 비저장이라 임시 포트에 대한 허용 규칙이 따로 필요합니다)"
        } else {
            ""
        };
        deny(
            disposition,
            subnet.id.as_str(),
            NodeKind::Subnet,
            direction,
            Some(rule.map(|r| r.to_string()).unwrap_or_else(|| "*".into())),
            "SUBNET_ACL_RESTRICTION",
            format!(
                "Network ACL {acl} of subnet {} drops {} {} -> {}:{} with {which} of its {way} rules{reply}. Allow it there.",
                subnet.id,
                proto(&pkt),
                pkt.src,
                pkt.dst,
                pkt.dst_port
            ),
            format!(
                "서브넷 {}의 네트워크 ACL {acl}이 {way_ko} {which_ko}로 {} {} -> {}:{} 패킷을 버립니다{reply_ko}. 그 규칙에서 허용하세요.",
                subnet.id,
                proto(&pkt),
                pkt.src,
                pkt.dst,
                pkt.dst_port
            ),
            pkt,
        )
    }

    fn same_subnet(&mut self, subnet: &'d Subnet, pkt: Packet) -> Done {
        match self.places.private(&subnet.vpc, pkt.dst) {
            Some(At::Iface(i)) => self.arrive_iface(i, pkt),
            Some(At::Nat(n)) => self.nat_from_same_subnet(n, pkt),
            Some(At::Lb(k)) => self.lb_arrive(k, pkt),
            None => {
                self.hop(subnet.id.as_str(), NodeKind::Subnet);
                self.nobody_there(subnet, pkt)
            }
        }
    }

    /// The route a subnet's table chooses for the packet, recorded as a step; or how the packet dies for want of one.
    fn route_in(
        &mut self,
        subnet: &'d Subnet,
        vpc: &'d Vpc,
        pkt: Packet,
    ) -> Result<(&'d crate::doc::RouteTable, RouteChoice), Box<Done>> {
        let Some(table) = self.net.route_table_of(subnet) else {
            return Err(Box::new(deny(
                Disposition::NoRoute,
                subnet.id.as_str(),
                NodeKind::Subnet,
                Direction::Egress,
                None,
                "NO_ROUTE_TO_DESTINATION",
                format!("Subnet {} has no route table (and its VPC no main table), so nothing leaves it.", subnet.id),
                format!(
                    "서브넷 {}에 라우팅 테이블이 없고 VPC에 기본 테이블도 없어 아무것도 나갈 수 없습니다.",
                    subnet.id
                ),
                pkt,
            )));
        };
        let Some(choice) = route::lookup(self.net, table, vpc, pkt.dst) else {
            return Err(Box::new(deny(
                Disposition::NoRoute,
                table.id.as_str(),
                NodeKind::RouteTable,
                Direction::Egress,
                None,
                "NO_ROUTE_TO_DESTINATION",
                format!(
                    "Route table {} (subnet {}) has no route for {}. Add one, to a gateway that reaches it.",
                    table.id, subnet.id, pkt.dst
                ),
                format!(
                    "서브넷 {}의 라우팅 테이블 {}에 {}로 가는 라우트가 없습니다. 그곳에 닿는 게이트웨이로 라우트를 추가하세요.",
                    subnet.id, table.id, pkt.dst
                ),
                pkt,
            )));
        };
        self.step(route_step(&table.id, &choice));
        Ok((table, choice))
    }

    /// A packet leaves its subnet: the NACL's outbound rules, then the route table.
    fn leave_subnet(&mut self, subnet: &'d Subnet, pkt: Packet) -> Done {
        self.hop(subnet.id.as_str(), NodeKind::Subnet);
        if let Err((acl, rule)) = self.nacl(subnet, true, &pkt) {
            return self.nacl_denied(subnet, &acl, rule, true, pkt);
        }
        let Some(vpc) = self.net.vpc(&subnet.vpc) else {
            return undecidable(
                format!("subnet {} names VPC {}, which is not in the design", subnet.id, subnet.vpc),
                format!("서브넷 {}의 VPC {}가 설계에 없습니다", subnet.id, subnet.vpc),
                pkt,
            );
        };
        let (table, choice) = match self.route_in(subnet, vpc, pkt) {
            Ok(found) => found,
            Err(done) => return *done,
        };
        self.follow(&choice, table.id.as_str(), subnet, vpc, pkt)
    }

    /// Where the chosen route sends the packet.
    fn follow(&mut self, choice: &RouteChoice, table: &str, from: &'d Subnet, vpc: &'d Vpc, pkt: Packet) -> Done {
        let rule = Some(format!("{} -> {}", choice.written, choice.target.text()));
        match &choice.target {
            RouteTarget::Local => {
                self.hop(vpc.id.as_str(), NodeKind::Vpc);
                self.deliver_in_vpc(vpc, pkt)
            }
            RouteTarget::Blackhole => deny(
                Disposition::NullRouted,
                table,
                NodeKind::RouteTable,
                Direction::Egress,
                rule,
                "BAD_STATE_ROUTE",
                format!("Route table {table} sends {} to a blackhole: the packet is dropped.", pkt.dst),
                format!("라우팅 테이블 {table}이 {}를 블랙홀로 보내 패킷이 버려집니다.", pkt.dst),
                pkt,
            ),
            RouteTarget::InternetGateway(g) => {
                self.hop(vpc.id.as_str(), NodeKind::Vpc);
                self.igw_out(g, vpc, pkt)
            }
            RouteTarget::NatGateway(n) => {
                self.hop(vpc.id.as_str(), NodeKind::Vpc);
                match self.places.by_id(n.as_str()) {
                    Some(At::Nat(i)) => self.nat_forward(i, from, pkt),
                    _ => missing_target(table, rule, n, pkt),
                }
            }
            RouteTarget::VpcPeering(p) => {
                self.hop(vpc.id.as_str(), NodeKind::Vpc);
                self.peering(p, vpc, table, pkt)
            }
            RouteTarget::VpnGateway(g) => {
                self.hop(vpc.id.as_str(), NodeKind::Vpc);
                self.vgw_out(g, vpc, pkt)
            }
            RouteTarget::GatewayEndpoint(e) => {
                self.hop(vpc.id.as_str(), NodeKind::Vpc);
                self.endpoint_out(e, pkt)
            }
            RouteTarget::NetworkInterface(x) | RouteTarget::Instance(x) => {
                self.hop(vpc.id.as_str(), NodeKind::Vpc);
                match self.places.by_id(x.as_str()) {
                    Some(At::Iface(i)) => self.through_appliance(i, pkt),
                    _ => missing_target(table, rule, x, pkt),
                }
            }
            RouteTarget::TransitGateway(t) => self.tgw_out(t, from, vpc, pkt),
        }
    }

    /// From a subnet to a transit gateway (SEMANTICS §10): the VPC's attachment must have a subnet in the source's
    /// zone (T5); the lookup uses the route table associated with that attachment (T1), with static routes first and
    /// routes propagated by attachments (T2, T4).
    fn tgw_out(&mut self, t: &Id, from: &'d Subnet, vpc: &'d Vpc, pkt: Packet) -> Done {
        use crate::doc::TgwAttachmentResource as R;
        let d = self.net.design;
        let attachment = d
            .tgw_attachments
            .iter()
            .find(|a| &a.transit_gateway == t && matches!(&a.resource, R::Vpc { vpc: v, .. } if v == &vpc.id));
        let Some(attachment) = attachment else {
            return deny(
                Disposition::NullRouted,
                from.id.as_str(),
                NodeKind::Subnet,
                Direction::Egress,
                None,
                "TGW_ATTACH_VPC_AZ_RESTRICTION",
                format!("VPC {} routes {} to transit gateway {t}, but has no attachment to it.", vpc.id, pkt.dst),
                format!(
                    "VPC {}가 {}를 트랜짓 게이트웨이 {t}로 라우팅하지만 연결(attachment)이 없습니다.",
                    vpc.id, pkt.dst
                ),
                pkt,
            );
        };
        let R::Vpc { subnets, .. } = &attachment.resource else {
            return undecidable("unexpected attachment".into(), "예상하지 못한 연결".into(), pkt);
        };
        let in_zone =
            subnets.iter().filter_map(|s| self.net.subnet(s)).find(|s| s.availability_zone == from.availability_zone);
        let Some(entry) = in_zone else {
            return deny(
                Disposition::NullRouted,
                from.id.as_str(),
                NodeKind::Subnet,
                Direction::Egress,
                None,
                "TGW_ROUTE_AZ_RESTRICTION",
                format!(
                    "Subnet {} ({}) routes to transit gateway {t}, but attachment {} has no subnet in {}: resources there cannot send to the transit gateway. Add a subnet of that zone to the attachment.",
                    from.id, from.availability_zone, attachment.id, from.availability_zone
                ),
                format!(
                    "서브넷 {}({})이 트랜짓 게이트웨이 {t}로 라우팅하지만 연결 {}에 {}의 서브넷이 없어 보낼 수 없습니다. 그 영역의 서브넷을 연결에 추가하세요.",
                    from.id, from.availability_zone, attachment.id, from.availability_zone
                ),
                pkt,
            );
        };
        self.hop(vpc.id.as_str(), NodeKind::Vpc);
        // The attachment subnet's NACL sees instance-to-gateway traffic on its way in (T8).
        if let Err((acl, rule)) = self.nacl(entry, false, &pkt) {
            return self.nacl_denied(entry, &acl, rule, false, pkt);
        }
        self.hop(t.as_str(), NodeKind::TransitGateway);
        self.tgw_route(t, attachment, &from.availability_zone, pkt)
    }

    /// A transit gateway routes a packet that arrived on `attachment` (from `zone`, for zone affinity), by the route
    /// table associated with that attachment (T1, T2, T4).
    fn tgw_route(&mut self, t: &Id, attachment: &'d crate::doc::TgwAttachment, zone: &str, pkt: Packet) -> Done {
        use crate::doc::{TgwAttachmentResource as R, TgwRouteTarget};
        let d = self.net.design;
        let Some(table_id) = &attachment.association else {
            return deny(
                Disposition::NullRouted,
                t.as_str(),
                NodeKind::TransitGateway,
                Direction::Ingress,
                None,
                "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION",
                format!(
                    "Attachment {} is associated with no transit gateway route table, so its traffic is dropped.",
                    attachment.id
                ),
                format!(
                    "연결 {}이 어떤 트랜짓 게이트웨이 라우팅 테이블과도 연결되어 있지 않아 트래픽이 버려집니다.",
                    attachment.id
                ),
                pkt,
            );
        };
        // Candidates: static routes, then routes propagated into this table.
        let mut best: Option<(u8, bool, Option<&'d Id>, String)> = None;
        let mut consider = |len: u8, is_static: bool, target: Option<&'d Id>, written: String| {
            let better = match &best {
                None => true,
                Some((l, s, _, _)) => len > *l || (len == *l && is_static && !*s),
            };
            if better {
                best = Some((len, is_static, target, written));
            }
        };
        if let Some(table) = self.net.tgw_route_table(table_id) {
            for r in table.routes.iter().filter(|r| r.destination.canonical().contains_addr(pkt.dst)) {
                let target = match &r.target {
                    TgwRouteTarget::Attachment(a) => Some(a),
                    TgwRouteTarget::Blackhole => None,
                };
                consider(r.destination.prefix_len(), true, target, r.destination.to_string());
            }
        }
        for a in d.tgw_attachments.iter().filter(|a| a.propagations.contains(table_id)) {
            let prefixes: Vec<crate::net::Ipv4Cidr> = match &a.resource {
                R::Vpc { vpc: v, .. } => {
                    self.net.vpc(v).map(|v| Network::vpc_cidrs(v).map(|c| c.canonical()).collect()).unwrap_or_default()
                }
                R::Vpn { vpn_connection } => self
                    .net
                    .vpn_connection(vpn_connection)
                    .filter(|v| !self.net.outage().failed(&v.id))
                    .into_iter()
                    .flat_map(|v| v.static_routes.iter().copied())
                    .collect(),
                _ => Vec::new(),
            };
            for c in prefixes.iter().filter(|c| c.contains_addr(pkt.dst)) {
                consider(c.prefix_len(), false, Some(&a.id), c.to_string());
            }
        }
        let Some((_, is_static, target, written)) = best else {
            // Attachments that learn routes over BGP (Direct Connect gateways, dynamic VPNs) propagate prefixes the
            // design cannot know: then "no route" would be a guess.
            let learns_bgp =
                d.tgw_attachments.iter().filter(|a| a.propagations.contains(table_id)).any(|a| match &a.resource {
                    R::DxGateway { .. } => true,
                    R::Vpn { vpn_connection } => {
                        self.net.vpn_connection(vpn_connection).is_some_and(|v| !v.static_routes_only)
                    }
                    _ => false,
                });
            if learns_bgp {
                return undecidable(
                    format!(
                        "Transit gateway route table {table_id} has no known route for {}, but it also holds routes learned over BGP from on-premises, which the design cannot show.",
                        pkt.dst
                    ),
                    format!(
                        "트랜짓 게이트웨이 라우팅 테이블 {table_id}에 {}로 가는 알려진 라우트는 없지만, 설계에 나타나지 않는 온프레미스 BGP 라우트도 있습니다.",
                        pkt.dst
                    ),
                    pkt,
                );
            }
            return deny(
                Disposition::NoRoute,
                t.as_str(),
                NodeKind::TransitGateway,
                Direction::Egress,
                None,
                "TGW_RTB_CANNOT_ROUTE",
                format!(
                    "Transit gateway route table {table_id} has no route for {}. Propagate the destination's attachment into it, or add a static route.",
                    pkt.dst
                ),
                format!(
                    "트랜짓 게이트웨이 라우팅 테이블 {table_id}에 {}로 가는 라우트가 없습니다. 목적지 연결을 전파하거나 정적 라우트를 추가하세요.",
                    pkt.dst
                ),
                pkt,
            );
        };
        let origin = if is_static { RouteOrigin::Static } else { RouteOrigin::Propagated };
        let target_text = target.map(|x| x.to_string()).unwrap_or_else(|| "blackhole".into());
        self.step(Step::Route { table: table_id.clone(), destination: written, target: target_text, origin });
        let Some(target) = target else {
            return deny(
                Disposition::NullRouted,
                t.as_str(),
                NodeKind::TransitGateway,
                Direction::Egress,
                None,
                "TGW_RTB_BAD_STATE_ROUTE",
                format!("Transit gateway route table {table_id} drops traffic to {} (a blackhole route).", pkt.dst),
                format!(
                    "트랜짓 게이트웨이 라우팅 테이블 {table_id}이 {}로 가는 트래픽을 버립니다(블랙홀 라우트).",
                    pkt.dst
                ),
                pkt,
            );
        };
        let Some(exit) = d.tgw_attachments.iter().find(|a| &a.id == target) else {
            return undecidable(
                format!(
                    "Transit gateway route table {table_id} names attachment {target}, which is not in the design."
                ),
                format!("트랜짓 게이트웨이 라우팅 테이블 {table_id}이 설계에 없는 연결 {target}을 가리킵니다."),
                pkt,
            );
        };
        match &exit.resource {
            R::Vpc { vpc: v, subnets, .. } => {
                let Some(dest_vpc) = self.net.vpc(v) else {
                    return undecidable(
                        format!("Attachment {} leads to VPC {v}, which is not in the design.", exit.id),
                        format!("연결 {}이 설계에 없는 VPC {v}로 이어집니다.", exit.id),
                        pkt,
                    );
                };
                // Enter through the attachment interface in the same zone when there is one (zone affinity, T5).
                // An attachment interface in a failed zone carries nothing.
                let all: Vec<&'d Subnet> = subnets.iter().filter_map(|s| self.net.subnet(s)).collect();
                let candidates: Vec<&'d Subnet> =
                    all.iter().copied().filter(|s| !self.net.outage().zone_down(&s.availability_zone)).collect();
                if candidates.is_empty()
                    && let Some(s) = all.first()
                {
                    let cause = DownCause::Zone(s.availability_zone.clone());
                    return down(exit.id.as_str(), NodeKind::TransitGatewayAttachment, Direction::Egress, &cause, pkt);
                }
                let Some(entry) =
                    candidates.iter().find(|s| s.availability_zone == zone).or(candidates.first()).copied()
                else {
                    return undecidable(
                        format!("Attachment {} has no subnets in the design.", exit.id),
                        format!("연결 {}의 서브넷이 설계에 없습니다.", exit.id),
                        pkt,
                    );
                };
                self.hop(dest_vpc.id.as_str(), NodeKind::Vpc);
                self.enter_from_attachment(entry, dest_vpc, pkt)
            }
            R::Vpn { vpn_connection } => {
                self.hop(vpn_connection.as_str(), NodeKind::VpnConnection);
                if self.net.outage().failed(vpn_connection) {
                    let cause = DownCause::Failed(vpn_connection.clone());
                    return down(vpn_connection.as_str(), NodeKind::VpnConnection, Direction::Egress, &cause, pkt);
                }
                arrived(
                    Disposition::ExitsNetwork,
                    format!("Leaves through VPN {vpn_connection} towards on-premises ({}).", pkt.dst),
                    format!("VPN {vpn_connection}을 통해 온프레미스({})로 나갑니다.", pkt.dst),
                    pkt,
                    End::Nowhere,
                )
            }
            _ => undecidable(
                format!(
                    "Transit gateway {t} sends {} to attachment {}, a kind (Direct Connect gateway or peering) vpcanvas does not simulate yet.",
                    pkt.dst, exit.id
                ),
                format!(
                    "트랜짓 게이트웨이 {t}가 {}를 연결 {}로 보내는데, 이 종류(Direct Connect 게이트웨이, 피어링)는 아직 시뮬레이션하지 않습니다.",
                    pkt.dst, exit.id
                ),
                pkt,
            ),
        }
    }

    /// Traffic from a transit gateway enters a VPC at an attachment subnet and is routed by that subnet's route table
    /// (T6). The attachment subnet's NACL applies outbound, unless the destination is in that same subnet (T8).
    fn enter_from_attachment(&mut self, entry: &'d Subnet, vpc: &'d Vpc, pkt: Packet) -> Done {
        let (table, choice) = match self.route_in(entry, vpc, pkt) {
            Ok(found) => found,
            Err(done) => return *done,
        };
        if matches!(choice.target, RouteTarget::Local) {
            let Some(dest) = self.net.subnets_of(&vpc.id).find(|s| s.cidr.canonical().contains_addr(pkt.dst)) else {
                return self.deliver_in_vpc(vpc, pkt);
            };
            if dest.id == entry.id {
                // Same subnet as the attachment: its NACL does not see gateway-to-instance traffic (T8).
                self.hop(dest.id.as_str(), NodeKind::Subnet);
                return match self.places.private(&vpc.id, pkt.dst) {
                    Some(At::Iface(i)) => self.arrive_iface(i, pkt),
                    _ => self.nobody_there(dest, pkt),
                };
            }
            if let Err((acl, rule)) = self.nacl(entry, true, &pkt) {
                return self.nacl_denied(entry, &acl, rule, true, pkt);
            }
            return self.deliver_in_vpc(vpc, pkt);
        }
        if let Err((acl, rule)) = self.nacl(entry, true, &pkt) {
            return self.nacl_denied(entry, &acl, rule, true, pkt);
        }
        self.follow(&choice, table.id.as_str(), entry, vpc, pkt)
    }

    /// Inside a VPC router (its hop already recorded): to the subnet holding the address, through its NACL, to the
    /// interface that owns it.
    fn deliver_in_vpc(&mut self, vpc: &'d Vpc, pkt: Packet) -> Done {
        let Some(subnet) = self.net.subnets_of(&vpc.id).find(|s| s.cidr.canonical().contains_addr(pkt.dst)) else {
            return deny(
                Disposition::NullRouted,
                vpc.id.as_str(),
                NodeKind::Vpc,
                Direction::Ingress,
                None,
                "NO_DESTINATION",
                format!("{} is inside VPC {} but in none of its subnets, so the VPC router drops it.", pkt.dst, vpc.id),
                format!(
                    "{}는 VPC {} 안의 주소지만 어느 서브넷에도 속하지 않아 VPC 라우터가 버립니다.",
                    pkt.dst, vpc.id
                ),
                pkt,
            );
        };
        self.hop(subnet.id.as_str(), NodeKind::Subnet);
        if let Err((acl, rule)) = self.nacl(subnet, false, &pkt) {
            return self.nacl_denied(subnet, &acl, rule, false, pkt);
        }
        match self.places.private(&vpc.id, pkt.dst) {
            Some(At::Iface(i)) => self.arrive_iface(i, pkt),
            Some(At::Nat(n)) => self.nat_arrive(n, pkt),
            Some(At::Lb(k)) => self.lb_arrive(k, pkt),
            None => self.nobody_there(subnet, pkt),
        }
    }

    /// No interface, NAT gateway or load balancer node of the design owns the address.
    fn nobody_there(&mut self, subnet: &Subnet, pkt: Packet) -> Done {
        deny(
            Disposition::NeighborUnreachable,
            subnet.id.as_str(),
            NodeKind::Subnet,
            Direction::Ingress,
            None,
            "NO_DESTINATION_INTERFACE",
            format!("The packet reaches subnet {}, but no interface there has the address {}.", subnet.id, pkt.dst),
            format!("패킷이 서브넷 {}에 닿았지만 그곳에 주소 {}를 가진 인터페이스가 없습니다.", subnet.id, pkt.dst),
            pkt,
        )
    }

    /// A packet reaches a load balancer node (after the node subnet's NACL). A request must match a listener, pass
    /// the load balancer's security groups, and is sent to a target of the listener's target group: in the node's
    /// zone, or any zone with cross-zone load balancing; a Network Load Balancer keeps the client's address for
    /// instance targets, an Application Load Balancer sends from its node (SEMANTICS B1–B3). A reply goes back to the
    /// client from the node that holds the connection.
    fn lb_arrive(&mut self, k: usize, pkt: Packet) -> Done {
        use crate::doc::{ListenerProtocol as L, LoadBalancerKind, TargetRef};
        let Some(node) = self.places.lb_node(k).cloned() else {
            return undecidable("unknown load balancer node".into(), "알 수 없는 로드 밸런서 노드".into(), pkt);
        };
        let label = node.label();
        self.hop(&label, NodeKind::LbNode);
        if let Some(cause) = &node.down {
            return down(&label, NodeKind::LbNode, Direction::Ingress, cause, pkt);
        }
        let lb = node.lb;
        if self.reply && self.origin_lb == Some(k) && self.lb_sessions.is_empty() {
            if let Some(groups) = self.lb_groups(lb) {
                self.sg(&groups, true, &pkt, node.subnet, &label, NodeKind::LbNode);
            }
            return arrived(
                Disposition::Accepted,
                format!("The reply arrives back at {label}."),
                format!("응답이 도착합니다: {label}."),
                pkt,
                End::Nowhere,
            );
        }
        if self.reply {
            let Some(session) = self.lb_sessions.iter().rev().find(|s| s.node == k).copied() else {
                return deny(
                    Disposition::DeniedIn,
                    &label,
                    NodeKind::LbNode,
                    Direction::Ingress,
                    None,
                    "ELBV2_LISTENERS_MISMATCH",
                    format!("{label} has no connection for this reply."),
                    format!("{label}에 이 응답의 연결이 없습니다."),
                    pkt,
                );
            };
            self.step(Step::Translate { field: "destination", from: pkt.dst, to: session.client });
            let back = Packet {
                src: node.private_ip,
                dst: session.client,
                protocol: pkt.protocol,
                src_port: session.listener_port,
                dst_port: session.client_port,
            };
            return self.send_from_lb_node(&node, back);
        }
        let tcp_like = |p: &L| matches!(p, L::Http | L::Https | L::Tcp | L::Tls | L::TcpUdp);
        let listener = lb.listeners.iter().find(|l| {
            l.port == pkt.dst_port
                && ((pkt.protocol == Protocol::TCP && tcp_like(&l.protocol))
                    || (pkt.protocol == Protocol::UDP && matches!(l.protocol, L::Udp | L::TcpUdp)))
        });
        let Some(listener) = listener else {
            self.step(Step::Check { what: "a listener on the destination port", passed: false });
            return deny(
                Disposition::DeniedIn,
                &label,
                NodeKind::LbNode,
                Direction::Ingress,
                None,
                "ELBV2_LISTENERS_MISMATCH",
                format!(
                    "Load balancer {} has no {} listener on port {}, so its node drops the packet. Add a listener, or use a port it listens on.",
                    lb.id,
                    proto(&pkt),
                    pkt.dst_port
                ),
                format!(
                    "로드 밸런서 {}에 포트 {}의 {} 리스너가 없어 노드가 패킷을 버립니다. 리스너를 추가하거나 리스너가 있는 포트를 쓰세요.",
                    lb.id,
                    pkt.dst_port,
                    proto(&pkt)
                ),
                pkt,
            );
        };
        if !lb.security_groups.is_empty() {
            let groups: Vec<&'d crate::doc::SecurityGroup> =
                lb.security_groups.iter().filter_map(|g| self.net.security_group(g)).collect();
            if !self.sg(&groups, true, &pkt, node.subnet, &label, NodeKind::LbNode) {
                return deny(
                    Disposition::DeniedIn,
                    &label,
                    NodeKind::LbNode,
                    Direction::Ingress,
                    None,
                    "ENI_SG_RULES_MISMATCH",
                    format!(
                        "No inbound rule of load balancer {}'s security groups ({}) allows {} from {} to port {}.",
                        lb.id,
                        group_list(&groups),
                        proto(&pkt),
                        pkt.src,
                        pkt.dst_port
                    ),
                    format!(
                        "로드 밸런서 {}의 보안 그룹({})에 {}에서 포트 {}로 오는 {}를 허용하는 규칙이 없습니다.",
                        lb.id,
                        group_list(&groups),
                        pkt.src,
                        pkt.dst_port,
                        proto(&pkt)
                    ),
                    pkt,
                );
            }
        }
        let Some(group) = listener.target_groups.iter().find_map(|t| self.net.target_group(t)) else {
            return deny(
                Disposition::DeniedIn,
                &label,
                NodeKind::LbNode,
                Direction::Ingress,
                None,
                "ELBV2_LISTENER_HAS_NO_TG",
                format!(
                    "The port {} listener of load balancer {} forwards to no target group in the design.",
                    listener.port, lb.id
                ),
                format!(
                    "로드 밸런서 {}의 포트 {} 리스너가 설계의 어떤 대상 그룹으로도 전달하지 않습니다.",
                    lb.id, listener.port
                ),
                pkt,
            );
        };
        let cross_zone = lb.cross_zone.unwrap_or(lb.kind == LoadBalancerKind::Application);
        // Targets in order: (address, port, zone). A target that is down in the failure scenario fails its health
        // checks, and the load balancer stops sending to it.
        let mut targets: Vec<(Ipv4Addr, u16, Option<String>)> = Vec::new();
        let mut down_targets = 0;
        for t in &group.targets {
            let port = t.port.unwrap_or(group.port);
            match &t.target {
                TargetRef::Instance(i) => {
                    if let Some(At::Iface(x)) = self.places.by_id(i.as_str())
                        && let Some(f) = self.places.iface(x)
                    {
                        if f.down.is_some() {
                            down_targets += 1;
                            continue;
                        }
                        targets.push((f.primary_ip(), port, Some(f.subnet.availability_zone.clone())));
                    }
                }
                TargetRef::Ip(ip) => {
                    let owner = self.places.private(&node.subnet.vpc, *ip).and_then(|at| match at {
                        At::Iface(x) => self.places.iface(x),
                        _ => None,
                    });
                    let zone = match owner {
                        Some(f) => Some(f.subnet.availability_zone.clone()),
                        None => self
                            .net
                            .subnets_of(&node.subnet.vpc)
                            .find(|s| s.cidr.canonical().contains_addr(*ip))
                            .map(|s| s.availability_zone.clone()),
                    };
                    let zone_down = zone.as_deref().is_some_and(|z| self.net.outage().zone_down(z));
                    if owner.is_some_and(|f| f.down.is_some()) || zone_down {
                        down_targets += 1;
                        continue;
                    }
                    targets.push((*ip, port, zone));
                }
                TargetRef::LoadBalancer(_) => {}
            }
        }
        // ECS services register their running tasks themselves (C1–C3): an awsvpc task by its own address on the
        // container port, a bridge or host task by its container instance on the mapped host port.
        for service in self.net.design.ecs_services.iter() {
            let Some(binding) = service.load_balancers.iter().find(|b| b.target_group == group.id) else { continue };
            for task in self.net.design.ecs_tasks.iter().filter(|t| t.service.as_ref() == Some(&service.id)) {
                let Some(At::Iface(x)) = self.places.by_id(task.id.as_str()) else { continue };
                let Some(f) = self.places.iface(x) else { continue };
                if f.down.is_some() {
                    down_targets += 1;
                    continue;
                }
                let port = if f.kind == crate::doc::ResourceKind::EcsTask {
                    binding.container_port
                } else {
                    self.host_port(task, binding)
                };
                targets.push((f.primary_ip(), port, Some(f.subnet.availability_zone.clone())));
            }
        }
        let zone = &node.subnet.availability_zone;
        let pick = targets.iter().find(|t| cross_zone || t.2.as_ref() == Some(zone)).cloned();
        let Some((target_ip, target_port, _)) = pick else {
            return deny(
                Disposition::DeniedIn,
                &label,
                NodeKind::LbNode,
                Direction::Egress,
                None,
                "ELBV2_NO_TARGETS_IN_AZ",
                format!(
                    "Target group {} has no target the node in {zone} can send to{}{}.",
                    group.id,
                    if cross_zone { "" } else { " (cross-zone load balancing is off)" },
                    if down_targets > 0 {
                        format!("; {down_targets} of its targets are down in this failure scenario")
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "대상 그룹 {}에 {zone}의 노드가 보낼 수 있는 대상이 없습니다{}{}.",
                    group.id,
                    if cross_zone { "" } else { "(교차 영역 부하 분산 꺼짐)" },
                    if down_targets > 0 {
                        format!(". 이 장애 시나리오에서 대상 {down_targets}개가 중단되었습니다")
                    } else {
                        String::new()
                    }
                ),
                pkt,
            );
        };
        let preserve = group
            .preserve_client_ip
            .unwrap_or(lb.kind == LoadBalancerKind::Network && group.target_type == crate::doc::TargetType::Instance);
        self.lb_sessions.push(LbSession {
            node: k,
            client: pkt.src,
            client_port: pkt.src_port,
            listener_port: pkt.dst_port,
        });
        let src = if preserve { pkt.src } else { node.private_ip };
        if src != pkt.src {
            self.step(Step::Translate { field: "source", from: pkt.src, to: src });
        }
        self.step(Step::Translate { field: "destination", from: pkt.dst, to: target_ip });
        let forwarded =
            Packet { src, dst: target_ip, protocol: pkt.protocol, src_port: pkt.src_port, dst_port: target_port };
        self.send_from_lb_node(&node, forwarded)
    }

    /// The host port a bridge or host-mode task's container port is published on: the mapping's host port, the
    /// container port in host mode, and for a dynamic mapping (host port 0 or absent, bridge mode) the first port of
    /// the ephemeral range ECS picks from, 32768 (see docs/modeling.md).
    fn host_port(&self, task: &crate::doc::EcsTask, binding: &crate::doc::ServiceLoadBalancer) -> u16 {
        let td = self.net.task_definition(&task.task_definition);
        let mapping = td
            .and_then(|td| td.containers.iter().find(|c| c.name == binding.container_name))
            .and_then(|c| c.port_mappings.iter().find(|m| m.container_port == binding.container_port));
        match (td.map(|t| t.network_mode), mapping.and_then(|m| m.host_port)) {
            (Some(crate::doc::NetworkMode::Host), _) => binding.container_port,
            (_, Some(p)) if p != 0 => p,
            _ => 32768,
        }
    }

    /// A load balancer's security groups, when it has any (a Network Load Balancer may have none).
    fn lb_groups(&self, lb: &'d crate::doc::LoadBalancer) -> Option<Vec<&'d crate::doc::SecurityGroup>> {
        (!lb.security_groups.is_empty())
            .then(|| lb.security_groups.iter().filter_map(|g| self.net.security_group(g)).collect())
    }

    /// A load balancer node opens a connection of its own (to a target, say: health checks and forwarded requests
    /// leave from the node's private address): its security groups' outbound rules, then its subnet.
    fn leave_lb_node(&mut self, k: usize, pkt: Packet) -> Done {
        let Some(node) = self.places.lb_node(k).cloned() else {
            return undecidable("unknown load balancer node".into(), "알 수 없는 로드 밸런서 노드".into(), pkt);
        };
        let label = node.label();
        self.hop(&label, NodeKind::LbNode);
        if let Some(cause) = &node.down {
            return down(&label, NodeKind::LbNode, Direction::Egress, cause, pkt);
        }
        self.origin_lb = Some(k);
        if let Some(groups) = self.lb_groups(node.lb)
            && !self.sg(&groups, false, &pkt, node.subnet, &label, NodeKind::LbNode)
        {
            return deny(
                Disposition::DeniedOut,
                &label,
                NodeKind::LbNode,
                Direction::Egress,
                None,
                "ENI_SG_RULES_MISMATCH",
                format!(
                    "No outbound rule of load balancer {}'s security groups ({}) allows {} to {}:{}. Add an outbound rule for its targets.",
                    node.lb.id,
                    group_list(&groups),
                    proto(&pkt),
                    pkt.dst,
                    pkt.dst_port
                ),
                format!(
                    "로드 밸런서 {}의 보안 그룹({})에 {}:{}로 가는 {}를 허용하는 아웃바운드 규칙이 없습니다. 대상에 대한 아웃바운드 규칙을 추가하세요.",
                    node.lb.id,
                    group_list(&groups),
                    pkt.dst,
                    pkt.dst_port,
                    proto(&pkt)
                ),
                pkt,
            );
        }
        self.send_from_lb_node(&node, pkt)
    }

    /// From a load balancer node to a target (or, for a reply, to the client): within its subnet at layer 2, else by
    /// its subnet's route table and through its NACL.
    fn send_from_lb_node(&mut self, node: &super::place::LbNode<'d>, pkt: Packet) -> Done {
        self.hop(node.subnet.id.as_str(), NodeKind::Subnet);
        if node.subnet.cidr.canonical().contains_addr(pkt.dst) {
            return match self.places.private(&node.subnet.vpc, pkt.dst) {
                Some(At::Iface(i)) => self.arrive_iface(i, pkt),
                _ => self.nobody_there(node.subnet, pkt),
            };
        }
        self.route_from_subnet(node.subnet, pkt)
    }

    /// The packet enters its destination interface: its security groups' inbound rules.
    fn arrive_iface(&mut self, i: usize, pkt: Packet) -> Done {
        let Some(f) = self.places.iface(i).cloned() else {
            return undecidable("unknown interface".into(), "알 수 없는 인터페이스".into(), pkt);
        };
        let node = f.node.to_string();
        self.hop(&node, f.kind_label());
        if let Some(cause) = &f.down {
            return down(&node, f.kind_label(), Direction::Ingress, cause, pkt);
        }
        if !self.sg(&f.groups, true, &pkt, f.subnet, &node, f.kind_label()) {
            let groups = group_list(&f.groups);
            return deny(
                Disposition::DeniedIn,
                &node,
                f.kind_label(),
                Direction::Ingress,
                None,
                "ENI_SG_RULES_MISMATCH",
                format!(
                    "No inbound rule of {node}'s security groups ({groups}) allows {} from {} to port {}. Add an inbound rule for that source and port.",
                    proto(&pkt),
                    pkt.src,
                    pkt.dst_port
                ),
                format!(
                    "{node}의 보안 그룹({groups})에 {}에서 포트 {}로 오는 {}를 허용하는 인바운드 규칙이 없습니다. 그 출발지와 포트에 대한 인바운드 규칙을 추가하세요.",
                    pkt.src,
                    pkt.dst_port,
                    proto(&pkt)
                ),
                pkt,
            );
        }
        let text = if self.reply {
            ("The reply arrives back at", "응답이 도착합니다:")
        } else {
            ("Delivered to", "전달됨:")
        };
        arrived(Disposition::Accepted, format!("{} {node}.", text.0), format!("{} {node}.", text.1), pkt, End::Iface(i))
    }

    /// An appliance interface receives a packet routed to it, then forwards it (source/destination check off).
    fn through_appliance(&mut self, i: usize, pkt: Packet) -> Done {
        let Some(f) = self.places.iface(i).cloned() else {
            return undecidable("unknown interface".into(), "알 수 없는 인터페이스".into(), pkt);
        };
        let node = f.node.to_string();
        if let Some(cause) = &f.down {
            self.hop(&node, f.kind_label());
            return down(&node, f.kind_label(), Direction::Ingress, cause, pkt);
        }
        if f.src_dst_check {
            self.hop(&node, f.kind_label());
            self.step(Step::Check { what: "source/destination check", passed: false });
            return deny(
                Disposition::DeniedIn,
                &node,
                f.kind_label(),
                Direction::Ingress,
                None,
                "ENI_SOURCE_DEST_CHECK_RESTRICTION",
                format!(
                    "Traffic for {} is routed to {node}, which drops it because source/destination check is on. Turn it off on the appliance.",
                    pkt.dst
                ),
                format!(
                    "{}로 가는 트래픽이 {node}로 라우팅되지만 출발지/대상 확인이 켜져 있어 버려집니다. 어플라이언스에서 확인을 끄세요.",
                    pkt.dst
                ),
                pkt,
            );
        }
        // In through the appliance's subnet NACL and groups, then out again as if the appliance had sent it.
        self.hop(f.subnet.id.as_str(), NodeKind::Subnet);
        if let Err((acl, rule)) = self.nacl(f.subnet, false, &pkt) {
            return self.nacl_denied(f.subnet, &acl, rule, false, pkt);
        }
        self.hop(&node, f.kind_label());
        if !self.sg(&f.groups, true, &pkt, f.subnet, &node, f.kind_label()) {
            return deny(
                Disposition::DeniedIn,
                &node,
                f.kind_label(),
                Direction::Ingress,
                None,
                "ENI_SG_RULES_MISMATCH",
                format!("The appliance {node}'s security groups do not let {} from {} in.", proto(&pkt), pkt.src),
                format!("어플라이언스 {node}의 보안 그룹이 {}에서 오는 {}를 허용하지 않습니다.", pkt.src, proto(&pkt)),
                pkt,
            );
        }
        self.hops.pop();
        self.leave_iface(i, pkt)
    }

    /// A packet from the internet side arrives at an internet gateway.
    fn igw_out(&mut self, g: &Id, vpc: &'d Vpc, pkt: Packet) -> Done {
        let node = g.to_string();
        let attached = self.net.internet_gateway(g).is_some_and(|x| x.vpc.as_ref() == Some(&vpc.id));
        if !attached {
            return deny(
                Disposition::NullRouted,
                &node,
                NodeKind::InternetGateway,
                Direction::Ingress,
                None,
                "BAD_STATE_ROUTE",
                format!(
                    "The route sends {} to internet gateway {node}, which is not attached to VPC {}: a blackhole.",
                    pkt.dst, vpc.id
                ),
                format!(
                    "라우트가 {}를 VPC {}에 연결되지 않은 인터넷 게이트웨이 {node}로 보냅니다(블랙홀).",
                    pkt.dst, vpc.id
                ),
                pkt,
            );
        }
        self.hop(&node, NodeKind::InternetGateway);
        if bogon(pkt.dst) {
            self.step(Step::Check { what: "destination is a public address", passed: false });
            return deny(
                Disposition::DeniedIn,
                &node,
                NodeKind::InternetGateway,
                Direction::Egress,
                None,
                "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS",
                format!(
                    "Internet gateway {node} does not send traffic to the private address {}. Route private ranges to a VPN, peering or transit gateway.",
                    pkt.dst
                ),
                format!(
                    "인터넷 게이트웨이 {node}는 사설 주소 {}로 트래픽을 보내지 않습니다. 사설 대역은 VPN, 피어링, 트랜짓 게이트웨이로 라우팅하세요.",
                    pkt.dst
                ),
                pkt,
            );
        }
        let public = match self.places.private(&vpc.id, pkt.src) {
            Some(At::Iface(i)) => self.places.iface(i).and_then(|f| f.public_ip),
            Some(At::Nat(n)) => self.places.nat(n).and_then(|x| x.public_ip),
            Some(At::Lb(k)) => self.places.lb_node(k).and_then(|x| x.public_ip),
            None => None,
        };
        let Some(public) = public else {
            self.step(Step::Check { what: "source has a public IPv4 address", passed: false });
            return deny(
                Disposition::DeniedIn,
                &node,
                NodeKind::InternetGateway,
                Direction::Ingress,
                None,
                "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
                format!(
                    "Internet gateway {node} drops the packet: its source {} has no public IP or Elastic IP. Give the instance a public address, or route it through a NAT gateway.",
                    pkt.src
                ),
                format!(
                    "인터넷 게이트웨이 {node}가 패킷을 버립니다. 출발지 {}에 퍼블릭 IP나 탄력적 IP가 없습니다. 인스턴스에 퍼블릭 주소를 주거나 NAT 게이트웨이를 거치게 하세요.",
                    pkt.src
                ),
                pkt,
            );
        };
        self.step(Step::Translate { field: "source", from: pkt.src, to: public });
        let pkt = Packet { src: public, ..pkt };
        self.hop("aws-backbone", NodeKind::AwsBackbone);
        if let Some(owner) = self.places.public(pkt.dst) {
            // Hairpin: out of one internet gateway, in through another (I6).
            return self.igw_in(owner, pkt);
        }
        if self.is_aws_service(pkt.dst) {
            self.hop("aws-services", NodeKind::AwsServices);
            return arrived(
                Disposition::Accepted,
                format!("Delivered to the AWS service at {} through internet gateway {node}.", pkt.dst),
                format!("인터넷 게이트웨이 {node}를 거쳐 {}의 AWS 서비스에 전달되었습니다.", pkt.dst),
                pkt,
                End::Internet,
            );
        }
        self.hop("internet", NodeKind::Internet);
        arrived(
            Disposition::ExitsNetwork,
            format!("Leaves through internet gateway {node} to {} on the internet, from {}.", pkt.dst, pkt.src),
            format!("인터넷 게이트웨이 {node}를 통해 {}에서 인터넷의 {}로 나갑니다.", pkt.src, pkt.dst),
            pkt,
            End::Internet,
        )
    }

    /// Whether an address belongs to an AWS-managed prefix list of the design (S3, DynamoDB ranges).
    fn is_aws_service(&self, ip: Ipv4Addr) -> bool {
        self.net
            .design
            .prefix_lists
            .iter()
            .filter(|p| p.name.starts_with("com.amazonaws."))
            .any(|p| p.entries.iter().any(|e| e.cidr.as_v4().is_some_and(|c| c.contains_addr(ip))))
    }

    /// From the internet (its hop recorded) to the public address of `owner`, through its VPC's internet gateway.
    fn igw_in(&mut self, owner: At, pkt: Packet) -> Done {
        let (vpc_id, private) = match owner {
            At::Iface(i) => match self.places.iface(i) {
                Some(f) => (f.subnet.vpc.clone(), f.primary_ip()),
                None => return undecidable("unknown interface".into(), "알 수 없는 인터페이스".into(), pkt),
            },
            At::Nat(n) => match self.places.nat(n) {
                Some(x) => (x.subnet.vpc.clone(), x.private_ip),
                None => return undecidable("unknown NAT gateway".into(), "알 수 없는 NAT 게이트웨이".into(), pkt),
            },
            At::Lb(k) => match self.places.lb_node(k) {
                Some(x) => (x.subnet.vpc.clone(), x.private_ip),
                None => {
                    return undecidable("unknown load balancer node".into(), "알 수 없는 로드 밸런서 노드".into(), pkt);
                }
            },
        };
        let Some(vpc) = self.net.vpc(&vpc_id) else {
            return undecidable(
                format!("VPC {vpc_id} is not in the design"),
                format!("VPC {vpc_id}가 설계에 없습니다"),
                pkt,
            );
        };
        let Some(igw) = self.net.internet_gateways_of(&vpc.id).next() else {
            return deny(
                Disposition::NullRouted,
                "aws-backbone",
                NodeKind::AwsBackbone,
                Direction::Ingress,
                None,
                "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
                format!(
                    "{} is a public address in VPC {}, which has no internet gateway, so nothing from the internet reaches it.",
                    pkt.dst, vpc.id
                ),
                format!(
                    "{}는 VPC {}의 퍼블릭 주소지만 그 VPC에 인터넷 게이트웨이가 없어 인터넷에서 닿을 수 없습니다.",
                    pkt.dst, vpc.id
                ),
                pkt,
            );
        };
        let node = igw.id.to_string();
        self.hop(&node, NodeKind::InternetGateway);
        if bogon(pkt.src) {
            self.step(Step::Check { what: "source is a public address", passed: false });
            return deny(
                Disposition::DeniedIn,
                &node,
                NodeKind::InternetGateway,
                Direction::Ingress,
                None,
                "IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS",
                format!("Internet gateway {node} drops packets from the private address {}.", pkt.src),
                format!("인터넷 게이트웨이 {node}는 사설 주소 {}에서 온 패킷을 버립니다.", pkt.src),
                pkt,
            );
        }
        self.step(Step::Translate { field: "destination", from: pkt.dst, to: private });
        let pkt = Packet { dst: private, ..pkt };
        self.hop(vpc.id.as_str(), NodeKind::Vpc);
        self.deliver_in_vpc(vpc, pkt)
    }

    /// A packet routed to a NAT gateway from another subnet (SEMANTICS N1–N7).
    fn nat_forward(&mut self, n: usize, from: &'d Subnet, pkt: Packet) -> Done {
        let Some(place) = self.places.nat(n).cloned() else {
            return undecidable("unknown NAT gateway".into(), "알 수 없는 NAT 게이트웨이".into(), pkt);
        };
        let node = place.nat.id.to_string();
        self.hop(&node, NodeKind::NatGateway);
        if let Some(cause) = &place.down {
            return down(&node, NodeKind::NatGateway, Direction::Ingress, cause, pkt);
        }
        if from.id == place.subnet.id {
            return deny(
                Disposition::DeniedIn,
                &node,
                NodeKind::NatGateway,
                Direction::Ingress,
                None,
                "NGW_SAME_SUBNET",
                format!(
                    "Subnet {} routes to NAT gateway {node}, which sits in that same subnet: instances cannot use a NAT gateway in their own subnet. Route this subnet to an internet gateway, or move the NAT gateway.",
                    from.id
                ),
                format!(
                    "서브넷 {}이 같은 서브넷에 있는 NAT 게이트웨이 {node}로 라우팅합니다. 인스턴스는 자기 서브넷의 NAT 게이트웨이를 쓸 수 없습니다. 이 서브넷은 인터넷 게이트웨이로 라우팅하거나 NAT 게이트웨이를 옮기세요.",
                    from.id
                ),
                pkt,
            );
        }
        if let Err((acl, rule)) = self.nacl(place.subnet, false, &pkt) {
            return self.nacl_denied(place.subnet, &acl, rule, false, pkt);
        }
        self.nat_translate(&place, n, pkt)
    }

    fn nat_translate(&mut self, place: &super::place::NatPlace<'d>, n: usize, pkt: Packet) -> Done {
        let node = place.nat.id.to_string();
        if !matches!(pkt.protocol, Protocol::TCP | Protocol::UDP | Protocol::ICMP) {
            self.step(Step::Check { what: "protocol is TCP, UDP or ICMP", passed: false });
            return deny(
                Disposition::DeniedIn,
                &node,
                NodeKind::NatGateway,
                Direction::Ingress,
                None,
                "PROTOCOL_RESTRICTION",
                format!("NAT gateway {node} only translates TCP, UDP and ICMP; it drops {}.", proto(&pkt)),
                format!("NAT 게이트웨이 {node}는 TCP, UDP, ICMP만 변환하므로 {}를 버립니다.", proto(&pkt)),
                pkt,
            );
        }
        let in_vpc = self
            .net
            .vpc(&place.subnet.vpc)
            .is_some_and(|v| Network::vpc_cidrs(v).any(|c| c.canonical().contains_addr(pkt.src)));
        if !in_vpc {
            return deny(
                Disposition::DeniedIn,
                &node,
                NodeKind::NatGateway,
                Direction::Ingress,
                None,
                "NGW_REQUIRES_SOURCE_IN_VPC",
                format!(
                    "NAT gateway {node} only serves sources inside its VPC; {} comes from elsewhere (peering, VPN and Direct Connect cannot use it).",
                    pkt.src
                ),
                format!(
                    "NAT 게이트웨이 {node}는 자기 VPC 안의 출발지만 처리합니다. {}는 다른 곳에서 왔습니다(피어링, VPN, Direct Connect는 쓸 수 없음).",
                    pkt.src
                ),
                pkt,
            );
        }
        self.step(Step::Translate { field: "source", from: pkt.src, to: place.private_ip });
        self.sessions.push(NatSession { nat: n, client: pkt.src });
        let pkt = Packet { src: place.private_ip, ..pkt };
        self.hop(place.subnet.id.as_str(), NodeKind::Subnet);
        self.route_from_subnet(place.subnet, pkt)
    }

    /// Route lookup and NACL egress for traffic leaving a subnet from a gateway inside it (the hop is recorded).
    fn route_from_subnet(&mut self, subnet: &'d Subnet, pkt: Packet) -> Done {
        let Some(vpc) = self.net.vpc(&subnet.vpc) else {
            return undecidable(
                format!("VPC {} is not in the design", subnet.vpc),
                format!("VPC {}가 설계에 없습니다", subnet.vpc),
                pkt,
            );
        };
        let (table, choice) = match self.route_in(subnet, vpc, pkt) {
            Ok(found) => found,
            Err(done) => return *done,
        };
        let leaves_subnet =
            !matches!(choice.target, RouteTarget::Local) || !subnet.cidr.canonical().contains_addr(pkt.dst);
        if leaves_subnet && let Err((acl, rule)) = self.nacl(subnet, true, &pkt) {
            return self.nacl_denied(subnet, &acl, rule, true, pkt);
        }
        self.follow(&choice, table.id.as_str(), subnet, vpc, pkt)
    }

    /// A packet addressed to a NAT gateway's own private address (after its subnet's NACL).
    fn nat_arrive(&mut self, n: usize, pkt: Packet) -> Done {
        let Some(place) = self.places.nat(n).cloned() else {
            return undecidable("unknown NAT gateway".into(), "알 수 없는 NAT 게이트웨이".into(), pkt);
        };
        let node = place.nat.id.to_string();
        self.hop(&node, NodeKind::NatGateway);
        let session = if self.reply { self.sessions.iter().rev().find(|s| s.nat == n).copied() } else { None };
        let Some(session) = session else {
            return deny(
                Disposition::DeniedIn,
                &node,
                NodeKind::NatGateway,
                Direction::Ingress,
                None,
                "NGW_NO_SESSION",
                format!(
                    "NAT gateway {node} only forwards replies to connections its clients opened; it drops a connection started towards it."
                ),
                format!(
                    "NAT 게이트웨이 {node}는 클라이언트가 연 연결의 응답만 전달하며, 밖에서 시작된 연결은 버립니다."
                ),
                pkt,
            );
        };
        self.step(Step::Translate { field: "destination", from: pkt.dst, to: session.client });
        let pkt = Packet { dst: session.client, ..pkt };
        self.route_from_subnet(place.subnet, pkt)
    }

    /// A client in the NAT gateway's own subnet sends to it directly (N7).
    fn nat_from_same_subnet(&mut self, n: usize, pkt: Packet) -> Done {
        let Some(place) = self.places.nat(n).cloned() else {
            return undecidable("unknown NAT gateway".into(), "알 수 없는 NAT 게이트웨이".into(), pkt);
        };
        let node = place.nat.id.to_string();
        if self.reply {
            return self.nat_arrive(n, pkt);
        }
        self.hop(&node, NodeKind::NatGateway);
        deny(
            Disposition::DeniedIn,
            &node,
            NodeKind::NatGateway,
            Direction::Ingress,
            None,
            "NGW_NO_SESSION",
            format!("NAT gateway {node} does not accept connections addressed to it from its own subnet."),
            format!("NAT 게이트웨이 {node}는 같은 서브넷에서 자신에게 직접 오는 연결을 받지 않습니다."),
            pkt,
        )
    }

    /// Over a VPC peering (SEMANTICS §8).
    fn peering(&mut self, p: &Id, vpc: &'d Vpc, table: &str, pkt: Packet) -> Done {
        let Some(peering) = self.net.vpc_peering(p) else {
            return deny(
                Disposition::NullRouted,
                table,
                NodeKind::RouteTable,
                Direction::Egress,
                None,
                "BAD_STATE_ROUTE",
                format!("The route names peering {p}, which is not in the design: a blackhole."),
                format!("라우트가 설계에 없는 피어링 {p}를 가리킵니다(블랙홀)."),
                pkt,
            );
        };
        if peering.status != PeeringStatus::Active {
            return deny(
                Disposition::NullRouted,
                p.as_str(),
                NodeKind::VpcPeering,
                Direction::Egress,
                None,
                "BAD_STATE_ROUTE",
                format!("Peering {p} is not active, so routes to it are blackholes. Accept the peering."),
                format!("피어링 {p}가 활성 상태가 아니어서 이 라우트는 블랙홀입니다. 피어링을 수락하세요."),
                pkt,
            );
        }
        let peer_id = if peering.requester_vpc == vpc.id { &peering.accepter_vpc } else { &peering.requester_vpc };
        let Some(peer) = self.net.vpc(peer_id) else {
            return undecidable(
                format!("Peering {p} leads to VPC {peer_id}, which is not in the design."),
                format!("피어링 {p}가 설계에 없는 VPC {peer_id}로 이어집니다."),
                pkt,
            );
        };
        self.hop(peer.id.as_str(), NodeKind::Vpc);
        let inside = Network::vpc_cidrs(peer).any(|c| c.canonical().contains_addr(pkt.dst));
        if !inside {
            return deny(
                Disposition::NullRouted,
                peer.id.as_str(),
                NodeKind::Vpc,
                Direction::Ingress,
                None,
                "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",
                format!(
                    "VPC {} only accepts traffic over peering {p} for its own addresses; {} is not one. Peering is not transitive and carries no edge-to-edge traffic.",
                    peer.id, pkt.dst
                ),
                format!(
                    "VPC {}는 피어링 {p}로 자기 주소로 오는 트래픽만 받습니다. {}는 그 주소가 아닙니다. 피어링은 전이되지 않으며 엣지 간 트래픽도 전달하지 않습니다.",
                    peer.id, pkt.dst
                ),
                pkt,
            );
        }
        self.deliver_in_vpc(peer, pkt)
    }

    /// To a virtual private gateway, towards on-premises (SEMANTICS V1, V2).
    fn vgw_out(&mut self, g: &Id, vpc: &'d Vpc, pkt: Packet) -> Done {
        let node = g.to_string();
        self.hop(&node, NodeKind::VpnGateway);
        let attached = self.net.vpn_gateway(g).is_some_and(|x| x.vpc.as_ref() == Some(&vpc.id));
        if !attached {
            return deny(
                Disposition::NullRouted,
                &node,
                NodeKind::VpnGateway,
                Direction::Ingress,
                None,
                "BAD_STATE_ROUTE",
                format!(
                    "Virtual private gateway {node} is not attached to VPC {}: routes to it are blackholes.",
                    vpc.id
                ),
                format!(
                    "가상 프라이빗 게이트웨이 {node}가 VPC {}에 연결되어 있지 않아 이 라우트는 블랙홀입니다.",
                    vpc.id
                ),
                pkt,
            );
        }
        let links = route::vgw_links(self.net, g);
        let covering = || links.iter().filter(|(_, c)| c.canonical().contains_addr(pkt.dst));
        if !covering().any(|(link, _)| !self.net.outage().failed(link))
            && let Some((link, _)) = covering().next()
        {
            return down(
                link.as_str(),
                NodeKind::VpnConnection,
                Direction::Egress,
                &DownCause::Failed(link.clone()),
                pkt,
            );
        }
        if covering().next().is_some() {
            self.exit_via = Some(g.clone());
            return arrived(
                Disposition::ExitsNetwork,
                format!("Leaves through virtual private gateway {node} towards on-premises ({}).", pkt.dst),
                format!("가상 프라이빗 게이트웨이 {node}를 통해 온프레미스({})로 나갑니다.", pkt.dst),
                pkt,
                End::OnPremises,
            );
        }
        deny(
            Disposition::NoRoute,
            &node,
            NodeKind::VpnGateway,
            Direction::Egress,
            None,
            "NO_ROUTE_TO_DESTINATION",
            format!(
                "Virtual private gateway {node} knows no on-premises route to {}: it only forwards to prefixes learned over its VPN and Direct Connect links.",
                pkt.dst
            ),
            format!(
                "가상 프라이빗 게이트웨이 {node}는 {}로 가는 온프레미스 경로를 모릅니다. VPN과 Direct Connect로 배운 대역으로만 전달합니다.",
                pkt.dst
            ),
            pkt,
        )
    }

    /// To a gateway endpoint (S3 or DynamoDB) (SEMANTICS E1, E2).
    fn endpoint_out(&mut self, e: &Id, pkt: Packet) -> Done {
        let node = e.to_string();
        self.hop(&node, NodeKind::VpcEndpoint);
        let gateway = self.net.vpc_endpoint(e).is_some_and(|x| matches!(x.endpoint, EndpointKind::Gateway { .. }));
        if !gateway {
            return undecidable(
                format!("Endpoint {node} is not a gateway endpoint in the design."),
                format!("엔드포인트 {node}는 설계에 있는 게이트웨이 엔드포인트가 아닙니다."),
                pkt,
            );
        }
        if !matches!(pkt.protocol, Protocol::TCP | Protocol::ICMP) {
            return deny(
                Disposition::DeniedIn,
                &node,
                NodeKind::VpcEndpoint,
                Direction::Ingress,
                None,
                "VPCE_GATEWAY_PROTOCOL_RESTRICTION",
                format!("Gateway endpoint {node} carries TCP and ICMP only."),
                format!("게이트웨이 엔드포인트 {node}는 TCP와 ICMP만 전달합니다."),
                pkt,
            );
        }
        self.exit_via = Some(e.clone());
        arrived(
            Disposition::Accepted,
            format!("Delivered to the AWS service through gateway endpoint {node}."),
            format!("게이트웨이 엔드포인트 {node}를 통해 AWS 서비스에 전달되었습니다."),
            pkt,
            End::Endpoint,
        )
    }

    /// Traffic coming back in from a virtual private gateway or gateway endpoint it left by.
    fn enter_from(&mut self, via: &Id, kind: NodeKind, pkt: Packet) -> Done {
        let vpc_id = match kind {
            NodeKind::VpnGateway => self.net.vpn_gateway(via).and_then(|g| g.vpc.clone()),
            _ => self.net.vpc_endpoint(via).map(|e| e.vpc.clone()),
        };
        let Some(vpc) = vpc_id.as_ref().and_then(|v| self.net.vpc(v)) else {
            return undecidable(
                format!("{via} is attached to no VPC of the design."),
                format!("{via}가 설계의 어떤 VPC에도 연결되어 있지 않습니다."),
                pkt,
            );
        };
        self.hop(via.as_str(), kind);
        self.hop(vpc.id.as_str(), NodeKind::Vpc);
        self.deliver_in_vpc(vpc, pkt)
    }
}

impl super::place::Iface<'_> {
    fn kind_label(&self) -> NodeKind {
        match self.kind {
            crate::doc::ResourceKind::Instance => NodeKind::Instance,
            crate::doc::ResourceKind::EcsTask => NodeKind::EcsTask,
            _ => NodeKind::NetworkInterface,
        }
    }
}

/// A route whose target the design does not have: AWS shows it as a blackhole (R6).
fn missing_target(table: &str, rule: Option<String>, target: &Id, pkt: Packet) -> Done {
    deny(
        Disposition::NullRouted,
        table,
        NodeKind::RouteTable,
        Direction::Egress,
        rule,
        "BAD_STATE_ROUTE",
        format!("Route table {table} sends {} to {target}, which is not in the design: a blackhole.", pkt.dst),
        format!("라우팅 테이블 {table}이 {}를 설계에 없는 {target}로 보냅니다(블랙홀).", pkt.dst),
        pkt,
    )
}

fn group_list(groups: &[&crate::doc::SecurityGroup]) -> String {
    if groups.is_empty() {
        "none".to_owned()
    } else {
        groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}

fn proto(pkt: &Packet) -> String {
    if pkt.protocol == Protocol::All { "traffic".to_owned() } else { pkt.protocol.to_string().to_uppercase() }
}

fn route_step(table: &Id, choice: &RouteChoice) -> Step {
    Step::Route {
        table: table.clone(),
        destination: choice.written.clone(),
        target: choice.target.text(),
        origin: choice.origin,
    }
}

fn finish(walk: Walk<'_, '_>, done: &Done) -> Trace {
    Trace {
        disposition: done.disposition,
        hops: walk.hops,
        blocked: done.blocked.clone(),
        explanation: done.explanation.clone(),
    }
}

/// Runs a query: the request, then the reply from wherever the request ended up.
pub(super) fn run(net: &Network<'_>, places: &Places<'_>, query: &Query) -> Answer {
    let dst = match &query.destination {
        Destination::Ip(ip) => Some(*ip),
        Destination::Internet => Some(INTERNET_HOST),
        Destination::Resource(id) => match places.by_id(id.as_str()) {
            Some(At::Iface(i)) => places.iface(i).map(|f| match (&query.source, f.public_ip) {
                (Source::Internet { .. }, Some(public)) => public,
                _ => f.primary_ip(),
            }),
            Some(At::Nat(n)) => places.nat(n).map(|x| x.private_ip),
            // DNS answers with the nodes that run (the first one, for a trace).
            Some(At::Lb(k)) => {
                let live = places.lb_nodes_from(k).find(|(_, n)| n.down.is_none()).map(|(i, _)| i).unwrap_or(k);
                places.lb_node(live).map(|x| match (&query.source, x.public_ip) {
                    (Source::Internet { .. }, Some(public)) => public,
                    _ => x.private_ip,
                })
            }
            None => None,
        },
    };
    // A load balancer sends from its node in the destination's zone when it has one that runs, else from its first
    // node that runs.
    let source_node = match &query.source {
        Source::Resource(id) => match places.by_id(id.as_str()) {
            Some(At::Lb(first)) => {
                let zone = dst.and_then(|ip| {
                    places.ifaces.iter().find(|f| f.ips.contains(&ip)).map(|f| f.subnet.availability_zone.as_str())
                });
                let live = || places.lb_nodes_from(first).filter(|(_, n)| n.down.is_none());
                let pick = live().find(|(_, n)| Some(n.subnet.availability_zone.as_str()) == zone).or(live().next());
                Some(pick.map(|(i, _)| i).unwrap_or(first))
            }
            _ => None,
        },
        Source::Internet { .. } | Source::OnPremises { .. } => None,
    };
    let src_ip = match &query.source {
        Source::Internet { ip } => Some(ip.unwrap_or(INTERNET_HOST)),
        Source::OnPremises { ip } => Some(*ip),
        Source::Resource(id) => match places.by_id(id.as_str()) {
            Some(At::Iface(i)) => places.iface(i).map(|f| f.primary_ip()),
            Some(At::Lb(_)) => source_node.and_then(|k| places.lb_node(k)).map(|n| n.private_ip),
            _ => None,
        },
    };
    let placeholder = Packet {
        src: Ipv4Addr::UNSPECIFIED,
        dst: Ipv4Addr::UNSPECIFIED,
        protocol: query.protocol,
        src_port: query.src_port,
        dst_port: query.dst_port,
    };
    let (Some(src), Some(dst)) = (src_ip, dst) else {
        let what = match (&query.source, src_ip) {
            (Source::Resource(id), None) => id.to_string(),
            _ => match &query.destination {
                Destination::Resource(id) => id.to_string(),
                _ => String::new(),
            },
        };
        let known = net.kind_of(&what).map(|k| k.label());
        let (en, ko) = match known {
            Some(kind) => (
                format!("Tracing from or to {what} ({kind}) is not simulated yet."),
                format!("{what}({kind})를 출발지나 목적지로 하는 추적은 아직 지원하지 않습니다."),
            ),
            None => (
                format!(
                    "The design has no instance, network interface, ECS task, NAT gateway or load balancer {what}."
                ),
                format!(
                    "설계에 인스턴스, 네트워크 인터페이스, ECS 태스크, NAT 게이트웨이, 로드 밸런서 {what}가 없습니다."
                ),
            ),
        };
        let forward = Trace {
            disposition: Disposition::Undecidable,
            hops: vec![],
            blocked: None,
            explanation: Text::new(en, ko),
        };
        return Answer { reachable: false, forward, reply: None };
    };
    let pkt = Packet { src, dst, ..placeholder };
    let mut walk = Walk::new(net, places, false, Vec::new());
    let done = match &query.source {
        Source::Resource(id) => match places.by_id(id.as_str()) {
            Some(At::Iface(i)) => walk.leave_iface(i, pkt),
            Some(At::Lb(_)) => match source_node {
                Some(k) => walk.leave_lb_node(k, pkt),
                None => undecidable("unknown source".into(), "알 수 없는 출발지".into(), pkt),
            },
            _ => undecidable("unknown source".into(), "알 수 없는 출발지".into(), pkt),
        },
        Source::Internet { .. } => start_internet(&mut walk, pkt),
        Source::OnPremises { .. } => start_on_premises(&mut walk, pkt),
    };
    let sessions = walk.sessions.clone();
    let lb_sessions = walk.lb_sessions.clone();
    let exit_via = walk.exit_via.clone();
    let origin_lb = walk.origin_lb;
    let forward = finish(walk, &done);
    if !done.disposition.arrived() {
        return Answer { reachable: false, forward, reply: None };
    }
    // The reply: addresses and ports swapped, from where the request arrived; through the load balancer node that
    // holds the connection, if the request went through one.
    let mut back = done.packet.reply();
    if let Some(node) = lb_sessions.last().and_then(|s| places.lb_node(s.node)) {
        back.dst = node.private_ip;
    }
    let mut walk = Walk::new(net, places, true, sessions);
    walk.lb_sessions = lb_sessions;
    walk.origin_lb = origin_lb;
    let reply_done = match done.end {
        End::Iface(i) => walk.leave_iface(i, back),
        End::Internet => start_internet(&mut walk, back),
        End::OnPremises => match &exit_via {
            Some(g) => walk.enter_from(g, NodeKind::VpnGateway, back),
            None => undecidable("unknown gateway".into(), "알 수 없는 게이트웨이".into(), back),
        },
        End::Endpoint => match &exit_via {
            Some(e) => walk.enter_from(e, NodeKind::VpcEndpoint, back),
            None => undecidable("unknown endpoint".into(), "알 수 없는 엔드포인트".into(), back),
        },
        End::Tunnel => {
            walk.hop(&forward.hops.last().map(|h| h.node.clone()).unwrap_or_default(), NodeKind::VpnGateway);
            walk.hop("aws-backbone", NodeKind::AwsBackbone);
            walk.hop("internet", NodeKind::Internet);
            arrived(
                Disposition::ExitsNetwork,
                "The tunnel endpoint answers over the internet.".into(),
                "터널 엔드포인트가 인터넷으로 응답합니다.".into(),
                back,
                End::Internet,
            )
        }
        End::Nowhere => undecidable("nowhere to reply from".into(), "응답을 보낼 곳이 없습니다".into(), back),
    };
    let mut reply = finish(walk, &reply_done);
    // A reply to an on-premises host that leaves for the internet instead of going back over the VPN or Direct
    // Connect arrives, if at all, from the wrong (translated) address: the host's connection never sees it.
    if matches!(query.source, Source::OnPremises { .. })
        && reply.disposition == Disposition::ExitsNetwork
        && reply.hops.last().is_some_and(|h| h.kind == NodeKind::Internet)
    {
        let src = back.src;
        reply.disposition = Disposition::DeniedIn;
        reply.blocked = Some(Blocked {
            id: "on-premises".into(),
            kind: NodeKind::OnPremises,
            direction: Direction::Ingress,
            rule: None,
            code: "ASYMMETRIC_RETURN",
        });
        reply.explanation = Text::new(
            format!(
                "The reply to {} is routed to the internet, not back over the VPN or Direct Connect it came in by, so the on-premises host never sees it as an answer. Route the on-premises network to the virtual private gateway (propagation or a static route) in the route table of {}'s subnet.",
                back.dst, src
            ),
            format!(
                "{}로 가는 응답이 들어온 VPN이나 Direct Connect가 아니라 인터넷으로 라우팅되어 온프레미스 호스트가 응답으로 받지 못합니다. {}의 서브넷 라우팅 테이블에서 온프레미스 네트워크를 가상 프라이빗 게이트웨이로 라우팅하세요(전파 또는 정적 라우트).",
                back.dst, src
            ),
        );
        return Answer { reachable: false, forward, reply: Some(reply) };
    }
    Answer { reachable: reply_done.disposition.arrived(), forward, reply: Some(reply) }
}

/// A packet from the internet towards `pkt.dst`.
fn start_internet(walk: &mut Walk<'_, '_>, pkt: Packet) -> Done {
    walk.hop("internet", NodeKind::Internet);
    if bogon(pkt.dst) {
        return deny(
            Disposition::NullRouted,
            "internet",
            NodeKind::Internet,
            Direction::Egress,
            None,
            "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",
            format!(
                "{} is a private address: nothing on the internet can send to it. Reach it through a public IP, a load balancer, a VPN or Direct Connect.",
                pkt.dst
            ),
            format!(
                "{}는 사설 주소여서 인터넷에서 보낼 수 없습니다. 퍼블릭 IP, 로드 밸런서, VPN, Direct Connect를 통해 접근하세요.",
                pkt.dst
            ),
            pkt,
        );
    }
    walk.hop("aws-backbone", NodeKind::AwsBackbone);
    // A VPN tunnel's AWS-side address answers from the internet (SEMANTICS V5).
    let tunnel = walk.net.design.vpn_connections.iter().find(|v| v.tunnel_outside_ips.contains(&pkt.dst));
    if let Some(vpn) = tunnel {
        let gateway = match &vpn.gateway {
            crate::doc::VpnTermination::VpnGateway(g) | crate::doc::VpnTermination::TransitGateway(g) => g.to_string(),
        };
        walk.hop(&gateway, NodeKind::VpnGateway);
        return arrived(
            Disposition::Accepted,
            format!("Delivered to the outside address of a tunnel of VPN {} on {gateway}.", vpn.id),
            format!("{gateway}의 VPN {} 터널 외부 주소에 전달되었습니다.", vpn.id),
            pkt,
            End::Tunnel,
        );
    }
    match walk.places.public(pkt.dst) {
        Some(owner) => walk.igw_in(owner, pkt),
        None => deny(
            Disposition::NullRouted,
            "aws-backbone",
            NodeKind::AwsBackbone,
            Direction::Ingress,
            None,
            "UNKNOWN_DESTINATION",
            format!("No interface of the design has the public address {}.", pkt.dst),
            format!("설계의 어떤 인터페이스도 퍼블릭 주소 {}를 갖고 있지 않습니다.", pkt.dst),
            pkt,
        ),
    }
}

/// A packet from an on-premises host towards `pkt.dst`: in over a VPN connection or Direct Connect virtual interface
/// that carries the host's network, to the virtual private gateway of the destination's VPC (V1, V2, DX), or to a
/// transit gateway through a VPN or Direct Connect gateway attachment (T1).
fn start_on_premises(walk: &mut Walk<'_, '_>, pkt: Packet) -> Done {
    use crate::doc::{TgwAttachmentResource as R, VifAttachment, VirtualInterfaceKind};
    walk.hop("on-premises", NodeKind::OnPremises);
    let net = walk.net;
    let d = net.design;
    let outage = net.outage();
    let onprem_holds = |onprem: Option<&Id>, ip: Ipv4Addr| {
        onprem
            .and_then(|o| net.on_prem_network(o))
            .is_some_and(|o| o.cidrs.iter().any(|c| c.canonical().contains_addr(ip)))
    };
    // Virtual private gateways with a link that carries the source's network.
    let mut down_link: Option<Id> = None;
    let mut vgws: Vec<(&Id, &Vpc, Id)> = Vec::new();
    for g in &d.vpn_gateways {
        let Some(vpc) = g.vpc.as_ref().and_then(|v| net.vpc(v)) else { continue };
        for (link, prefix) in route::vgw_links(net, &g.id) {
            if !prefix.canonical().contains_addr(pkt.src) {
                continue;
            }
            if outage.failed(&link) {
                down_link.get_or_insert(link);
            } else {
                vgws.push((&g.id, vpc, link));
                break;
            }
        }
    }
    let in_vpc = |vpc: &Vpc| Network::vpc_cidrs(vpc).any(|c| c.canonical().contains_addr(pkt.dst));
    if let Some((g, vpc, link)) = vgws.iter().find(|(_, v, _)| in_vpc(v)).cloned() {
        walk.hop(
            link.as_str(),
            if walk.net.vpn_connection(&link).is_some() { NodeKind::VpnConnection } else { NodeKind::VirtualInterface },
        );
        walk.hop(g.as_str(), NodeKind::VpnGateway);
        walk.hop(vpc.id.as_str(), NodeKind::Vpc);
        return walk.deliver_in_vpc(vpc, pkt);
    }
    // Transit gateway attachments that carry it: a VPN whose static routes or customer network hold the source, or
    // a Direct Connect gateway with a transit virtual interface from a network that holds it.
    let via_tgw = d.tgw_attachments.iter().find_map(|a| {
        let link = match &a.resource {
            R::Vpn { vpn_connection } => walk.net.vpn_connection(vpn_connection).and_then(|v| {
                let holds = if v.static_routes_only {
                    v.static_routes.iter().any(|c| c.canonical().contains_addr(pkt.src))
                } else {
                    let cgw = walk.net.customer_gateway(&v.customer_gateway);
                    onprem_holds(cgw.and_then(|c| c.on_premises.as_ref()), pkt.src)
                };
                holds.then(|| (v.id.clone(), NodeKind::VpnConnection))
            }),
            R::DxGateway { dx_gateway } => d
                .virtual_interfaces
                .iter()
                .find(|v| {
                    v.kind == VirtualInterfaceKind::Transit
                        && matches!(&v.attachment, Some(VifAttachment::DxGateway(x)) if x == dx_gateway)
                        && onprem_holds(v.on_premises.as_ref(), pkt.src)
                })
                .map(|v| (v.id.clone(), NodeKind::VirtualInterface)),
            _ => None,
        }?;
        Some((a, link))
    });
    if let Some((attachment, (link, kind))) = via_tgw {
        walk.hop(link.as_str(), kind);
        if outage.failed(&link) {
            return down(link.as_str(), kind, Direction::Ingress, &DownCause::Failed(link.clone()), pkt);
        }
        walk.hop(attachment.transit_gateway.as_str(), NodeKind::TransitGateway);
        return walk.tgw_route(&attachment.transit_gateway, attachment, "", pkt);
    }
    if let Some((g, vpc, link)) = vgws.first().cloned() {
        walk.hop(
            link.as_str(),
            if walk.net.vpn_connection(&link).is_some() { NodeKind::VpnConnection } else { NodeKind::VirtualInterface },
        );
        walk.hop(g.as_str(), NodeKind::VpnGateway);
        return deny(
            Disposition::NoRoute,
            g.as_str(),
            NodeKind::VpnGateway,
            Direction::Ingress,
            None,
            "NO_ROUTE_TO_DESTINATION",
            format!(
                "Virtual private gateway {g} only delivers into VPC {}, and {} is not one of its addresses: traffic from on-premises cannot pass through a VPC to anywhere else.",
                vpc.id, pkt.dst
            ),
            format!(
                "가상 프라이빗 게이트웨이 {g}는 VPC {} 안으로만 전달하는데 {}는 그 VPC의 주소가 아닙니다. 온프레미스 트래픽은 VPC를 거쳐 다른 곳으로 갈 수 없습니다.",
                vpc.id, pkt.dst
            ),
            pkt,
        );
    }
    if let Some(link) = down_link {
        return down(link.as_str(), NodeKind::VpnConnection, Direction::Ingress, &DownCause::Failed(link.clone()), pkt);
    }
    deny(
        Disposition::NoRoute,
        "on-premises",
        NodeKind::OnPremises,
        Direction::Egress,
        None,
        "NO_ROUTE_TO_DESTINATION",
        format!(
            "No VPN connection or Direct Connect interface of the design carries traffic from {}: add the address's network to an on-premises network behind a customer gateway or virtual interface, or to a static VPN route.",
            pkt.src
        ),
        format!(
            "설계의 어떤 VPN 연결이나 Direct Connect 인터페이스도 {}에서 오는 트래픽을 전달하지 않습니다. 그 주소의 네트워크를 고객 게이트웨이나 가상 인터페이스 뒤의 온프레미스 네트워크, 또는 VPN 정적 라우트에 추가하세요.",
            pkt.src
        ),
        pkt,
    )
}
