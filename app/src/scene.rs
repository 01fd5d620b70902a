//! What the canvas draws, worked out from a design without touching the DOM: container boxes (Region, VPC,
//! Availability Zone, subnet), resource icons and the links between them, in canvas coordinates.
//!
//! Kept apart from the Leptos components so it can be tested natively and reused by picture export.

use vpcanvas_core::doc::{Design, Id, Layout, Placement, ResourceKind};
use vpcanvas_core::model::Network;

use crate::i18n::Lang;

/// Icon tiles are this many canvas units square.
pub const ICON: f64 = 48.0;
/// Room around the drawing.
pub const MARGIN: f64 = 24.0;
/// Height of a container's title band, where unplaced children are not put.
pub const TITLE_BAND: f64 = 40.0;
/// Space an unplaced icon and its two label lines take.
const SLOT_W: f64 = 150.0;
const SLOT_H: f64 = 110.0;

/// The style of a container box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxStyle {
    Region,
    Vpc,
    Zone,
    PublicSubnet,
    PrivateSubnet,
}

impl BoxStyle {
    pub fn class(self) -> &'static str {
        match self {
            BoxStyle::Region => "box region",
            BoxStyle::Vpc => "box vpc",
            BoxStyle::Zone => "box zone",
            BoxStyle::PublicSubnet => "box subnet public",
            BoxStyle::PrivateSubnet => "box subnet private",
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            BoxStyle::Region => "region",
            BoxStyle::Vpc => "vpc",
            BoxStyle::Zone => "zone",
            BoxStyle::PublicSubnet | BoxStyle::PrivateSubnet => "subnet",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    /// Whether `inner` lies wholly inside this rect.
    pub fn contains(&self, inner: &Rect) -> bool {
        inner.x >= self.x && inner.y >= self.y && inner.right() <= self.right() && inner.bottom() <= self.bottom()
    }
    /// Whether the two rects share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }
    /// The smallest rect holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let (x, y) = (self.x.min(other.x), self.y.min(other.y));
        Rect { x, y, w: self.right().max(other.right()) - x, h: self.bottom().max(other.bottom()) - y }
    }
}

/// A container box with its title and the line beneath it.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxShape {
    /// The resource id, or `vpc/zone` for an Availability Zone box.
    pub key: String,
    pub style: BoxStyle,
    pub rect: Rect,
    pub title: String,
    pub detail: String,
}

/// What an icon shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    Internet,
    InternetGateway,
    NatGateway,
    Instance,
    Other(ResourceKind),
}

/// Where an icon's two label lines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelSide {
    Below,
    /// Beside the tile: for gateways that sit on a VPC's edge, whose label would otherwise cross the boxes inside.
    Right,
}

/// A resource drawn as an icon with a name and a detail line.
#[derive(Debug, Clone, PartialEq)]
pub struct IconShape {
    pub key: String,
    pub glyph: Glyph,
    pub kind: &'static str,
    pub rect: Rect,
    pub title: String,
    pub detail: String,
    pub label: LabelSide,
}

/// A line between two icons (an internet gateway and the internet, say).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkShape {
    pub from: (f64, f64),
    pub to: (f64, f64),
    /// The connector it draws (a peering, VPN, virtual interface or attachment), if it is one.
    pub key: Option<String>,
}

/// Everything the canvas draws, back to front, and the area it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub boxes: Vec<BoxShape>,
    pub links: Vec<LinkShape>,
    pub icons: Vec<IconShape>,
    pub bounds: Rect,
}

fn rect_of(p: &Placement, default_w: f64, default_h: f64) -> Rect {
    Rect { x: p.x, y: p.y, w: p.w.unwrap_or(default_w).max(1.0), h: p.h.unwrap_or(default_h).max(1.0) }
}

fn title_or_id(name: &str, id: &Id) -> String {
    if name.is_empty() { id.to_string() } else { name.to_owned() }
}

/// Hands out grid slots inside a container to icons that have no placement, below its title band and clear of
/// the icons that do have one.
struct Slots {
    next: std::collections::BTreeMap<String, usize>,
}

impl Slots {
    /// `taken` are the icons already placed; `inner` the boxes inside the parent, kept clear too while a slot
    /// inside the parent is free of them (a VPC full of zone boxes gets its icons over them rather than
    /// outside it).
    fn place(&mut self, parent: Option<&Rect>, parent_key: &str, taken: &[Rect], inner: &[Rect]) -> Rect {
        let area = parent.cloned().unwrap_or(Rect { x: 0.0, y: 0.0, w: 6.0 * SLOT_W, h: f64::MAX });
        let cols = ((area.w - 2.0 * MARGIN) / SLOT_W).floor().max(1.0) as usize;
        let start = *self.next.entry(parent_key.to_owned()).or_insert(0);
        let slot = |i: usize| Rect {
            x: area.x + MARGIN + (i % cols) as f64 * SLOT_W + (SLOT_W - ICON) / 2.0,
            y: area.y + TITLE_BAND + MARGIN + (i / cols) as f64 * SLOT_H,
            w: ICON,
            h: ICON,
        };
        let clear_of = |c: &Rect, others: &[Rect], gap_x: f64, gap_y: f64| {
            others.iter().all(|t| {
                c.right() + gap_x <= t.x
                    || t.right() + gap_x <= c.x
                    || c.bottom() + gap_y <= t.y
                    || t.bottom() + gap_y <= c.y
            })
        };
        // A slot clear of icons and boxes, inside the parent.
        let mut i = start;
        while slot(i).bottom() + 40.0 <= area.bottom() && i < start + 2_000 {
            let c = slot(i);
            if clear_of(&c, taken, 40.0, 50.0) && clear_of(&c, inner, 50.0, 16.0) {
                self.next.insert(parent_key.to_owned(), i + 1);
                return c;
            }
            i += 1;
        }
        // None: the first clear of icons.
        let mut i = start;
        loop {
            let c = slot(i);
            if clear_of(&c, taken, 40.0, 50.0) || i > start + 10_000 {
                self.next.insert(parent_key.to_owned(), i + 1);
                return c;
            }
            i += 1;
        }
    }
}

/// An icon to draw, before it has a position.
struct Pending {
    id: Id,
    glyph: Glyph,
    kind: &'static str,
    /// The container it is drawn in, if any.
    parent: Option<Id>,
    title: String,
    detail: String,
}

impl Pending {
    fn into_icon(self, rect: Rect) -> IconShape {
        let label = label_side(self.glyph);
        IconShape {
            key: self.id.to_string(),
            glyph: self.glyph,
            kind: self.kind,
            rect,
            title: self.title,
            detail: self.detail,
            label,
        }
    }
}

fn ip_text(ip: Option<std::net::Ipv4Addr>) -> String {
    ip.map(|ip| ip.to_string()).unwrap_or_default()
}

/// Lays out the scene of a design, labelled in English. Containers need a placement to be drawn; icons without one
/// are given a free slot inside their container.
pub fn build(design: &Design) -> Scene {
    build_in(design, Lang::En)
}

/// Lays out the scene of a design with its labels in `lang` (names and ids stay as written).
pub fn build_in(design: &Design, lang: Lang) -> Scene {
    let w = |en: &'static str, ko: &'static str| lang.pick(en, ko);
    let layout: &Layout = &design.layout;
    let placed = |id: &Id| layout.nodes.get(id);
    let net = Network::new(design);
    let mut boxes = Vec::new();

    for region in &design.regions {
        if let Some(p) = placed(&region.id) {
            let detail = region.name.clone();
            boxes.push(BoxShape {
                key: region.id.to_string(),
                style: BoxStyle::Region,
                rect: rect_of(p, 600.0, 400.0),
                title: format!("{} {}", w("Region", "리전"), region.id),
                detail,
            });
        }
    }
    for vpc in &design.vpcs {
        if let Some(p) = placed(&vpc.id) {
            let cidrs: Vec<String> = Network::vpc_cidrs(vpc).map(|c| c.to_string()).collect();
            boxes.push(BoxShape {
                key: vpc.id.to_string(),
                style: BoxStyle::Vpc,
                rect: rect_of(p, 500.0, 300.0),
                title: {
                    let name = title_or_id(&vpc.name, &vpc.id);
                    if name.to_lowercase().starts_with("vpc") { name } else { format!("VPC {name}") }
                },
                detail: cidrs.join(", "),
            });
        }
    }
    for zone in &layout.zones {
        boxes.push(BoxShape {
            key: format!("{}/{}", zone.vpc, zone.zone),
            style: BoxStyle::Zone,
            rect: rect_of(&zone.placement, 400.0, 300.0),
            title: zone.zone.clone(),
            detail: String::from(w("Availability Zone", "가용 영역")),
        });
    }
    for subnet in &design.subnets {
        if let Some(p) = placed(&subnet.id) {
            let public = net.is_public(subnet);
            boxes.push(BoxShape {
                key: subnet.id.to_string(),
                style: if public { BoxStyle::PublicSubnet } else { BoxStyle::PrivateSubnet },
                rect: rect_of(p, 300.0, 160.0),
                title: title_or_id(&subnet.name, &subnet.id),
                detail: format!(
                    "{} · {}",
                    subnet.cidr,
                    if public { w("public", "퍼블릭") } else { w("private", "프라이빗") }
                ),
            });
        }
    }

    let mut wanted: Vec<Pending> = Vec::new();
    for igw in &design.internet_gateways {
        wanted.push(Pending {
            id: igw.id.clone(),
            glyph: Glyph::InternetGateway,
            kind: "internet_gateway",
            parent: igw.vpc.clone(),
            title: title_or_id(&igw.name, &igw.id),
            detail: String::from(w("internet gateway", "인터넷 게이트웨이")),
        });
    }
    for nat in &design.nat_gateways {
        let eip = nat
            .elastic_ip
            .as_ref()
            .and_then(|e| design.elastic_ips.iter().find(|x| &x.id == e))
            .and_then(|e| e.public_ip)
            .map(|ip| format!(" · {ip}"))
            .unwrap_or_default();
        wanted.push(Pending {
            id: nat.id.clone(),
            glyph: Glyph::NatGateway,
            kind: "nat_gateway",
            parent: Some(nat.subnet.clone()),
            title: title_or_id(&nat.name, &nat.id),
            detail: format!("{}{eip}", ip_text(nat.private_ip)),
        });
    }
    for instance in &design.instances {
        let mut detail = ip_text(instance.private_ip);
        if let Some(public) = instance.public_ip {
            detail = format!("{detail} · {public}");
        }
        wanted.push(Pending {
            id: instance.id.clone(),
            glyph: Glyph::Instance,
            kind: "instance",
            parent: Some(instance.subnet.clone()),
            title: title_or_id(&instance.name, &instance.id),
            detail: format!("{} {}", instance.instance_type, detail).trim().to_owned(),
        });
    }

    other_icons(&net, &mut wanted, lang);

    let parent_rect = |key: &Option<Id>| -> Option<Rect> {
        let key = key.as_ref()?;
        boxes.iter().find(|b| b.key == key.as_str()).map(|b| b.rect.clone())
    };
    let mut icons: Vec<IconShape> = Vec::new();
    let mut unplaced = Vec::new();
    for p in wanted {
        match placed(&p.id) {
            Some(at) => {
                let rect = Rect { x: at.x, y: at.y, w: ICON, h: ICON };
                icons.push(p.into_icon(rect));
            }
            None => unplaced.push(p),
        }
    }
    let mut slots = Slots { next: Default::default() };
    for p in unplaced {
        let area = parent_rect(&p.parent);
        let parent_key = p.parent.as_ref().map(|p| p.to_string()).unwrap_or_default();
        let taken: Vec<Rect> = icons.iter().map(|i| i.rect.clone()).collect();
        let inner: Vec<Rect> = match &area {
            Some(a) => boxes.iter().filter(|b| b.rect != *a && a.contains(&b.rect)).map(|b| b.rect.clone()).collect(),
            None => boxes.iter().map(|b| b.rect.clone()).collect(),
        };
        let rect = slots.place(area.as_ref(), &parent_key, &taken, &inner);
        icons.push(p.into_icon(rect));
    }

    // The internet, when anything reaches it, and a link from it to each attached internet gateway.
    let mut links = Vec::new();
    let gateways: Vec<Rect> =
        icons.iter().filter(|i| i.glyph == Glyph::InternetGateway).map(|i| i.rect.clone()).collect();
    if !gateways.is_empty() {
        let internet = match &layout.internet {
            Some(p) => Rect { x: p.x, y: p.y, w: ICON, h: ICON },
            None => {
                let top = boxes.iter().map(|b| b.rect.y).fold(f64::INFINITY, f64::min).min(gateways[0].y);
                Rect { x: gateways[0].x, y: top - 2.0 * ICON - 40.0, w: ICON, h: ICON }
            }
        };
        for g in &gateways {
            let (x1, y1) = internet.center();
            let (x2, y2) = g.center();
            // From below the internet's label to the top of the gateway.
            links.push(LinkShape { from: (x1, y1 + ICON / 2.0 + 28.0), to: (x2, y2 - ICON / 2.0), key: None });
        }
        icons.insert(
            0,
            IconShape {
                key: String::from("internet"),
                glyph: Glyph::Internet,
                kind: "internet",
                rect: internet,
                title: String::from(w("Internet", "인터넷")),
                detail: String::new(),
                label: LabelSide::Below,
            },
        );
    }

    connectors(design, &boxes, &icons, &mut links);
    let bounds = bounds_of(&boxes, &icons);
    Scene { boxes, links, icons, bounds }
}

/// Icons for the other kinds drawn on the canvas: in their subnet, VPC or Region, or on the canvas. Route tables,
/// network ACLs, security groups, target groups, prefix lists, Elastic IPs, clusters, services and task definitions
/// are settings rather than things on the network: they live in the outline and the inspector, not on the diagram.
fn other_icons(net: &Network<'_>, wanted: &mut Vec<Pending>, lang: Lang) {
    let design = net.design;
    let w = |en: &'static str, ko: &'static str| lang.pick(en, ko);
    use vpcanvas_core::doc::ResourceKind as K;
    let mut push = |id: &Id, kind: K, parent: Option<Id>, name: &str, detail: String| {
        wanted.push(Pending {
            id: id.clone(),
            glyph: Glyph::Other(kind),
            kind: kind.key(),
            parent,
            title: title_or_id(name, id),
            detail,
        });
    };
    for x in &design.network_interfaces {
        push(&x.id, K::NetworkInterface, Some(x.subnet.clone()), &x.name, ip_text(x.private_ip));
    }
    for x in &design.ecs_tasks {
        push(&x.id, K::EcsTask, net.task_subnet(x).cloned(), &x.name, String::from(w("ECS task", "ECS 태스크")));
    }
    for x in &design.load_balancers {
        let kind = match x.kind {
            vpcanvas_core::doc::LoadBalancerKind::Application => {
                w("application load balancer", "애플리케이션 로드 밸런서")
            }
            vpcanvas_core::doc::LoadBalancerKind::Network => w("network load balancer", "네트워크 로드 밸런서"),
        };
        push(&x.id, K::LoadBalancer, Some(x.vpc.clone()), &x.name, kind.into());
    }
    for x in &design.vpc_endpoints {
        let service = x.service_name.rsplit('.').next().unwrap_or_default();
        push(&x.id, K::VpcEndpoint, Some(x.vpc.clone()), &x.name, format!("{service} {}", w("endpoint", "엔드포인트")));
    }
    for x in &design.vpn_gateways {
        push(
            &x.id,
            K::VpnGateway,
            x.vpc.clone(),
            &x.name,
            String::from(w("virtual private gateway", "가상 프라이빗 게이트웨이")),
        );
    }
    for x in &design.transit_gateways {
        push(
            &x.id,
            K::TransitGateway,
            Some(x.region.clone()),
            &x.name,
            String::from(w("transit gateway", "트랜짓 게이트웨이")),
        );
    }
    for x in &design.customer_gateways {
        push(&x.id, K::CustomerGateway, Some(x.region.clone()), &x.name, x.ip_address.to_string());
    }
    for x in &design.dx_gateways {
        push(
            &x.id,
            K::DxGateway,
            None,
            &x.name,
            String::from(w("Direct Connect gateway", "Direct Connect 게이트웨이")),
        );
    }
    for x in &design.on_premises {
        let cidrs: Vec<String> = x.cidrs.iter().map(|c| c.to_string()).collect();
        push(&x.id, K::OnPremNetwork, None, &x.name, cidrs.join(", "));
    }
}

/// Whether a kind is drawn on the diagram (the rest are settings, shown in the outline and the inspector).
pub fn drawn(kind: vpcanvas_core::doc::ResourceKind) -> bool {
    use vpcanvas_core::doc::ResourceKind as K;
    !matches!(
        kind,
        K::RouteTable
            | K::NetworkAcl
            | K::SecurityGroup
            | K::TargetGroup
            | K::PrefixList
            | K::ElasticIp
            | K::EcsCluster
            | K::EcsService
            | K::TaskDefinition
            | K::TgwRouteTable
            | K::VpcPeering
            | K::VpnConnection
            | K::VirtualInterface
            | K::TgwAttachment
    )
}

/// Peering, VPN connections, Direct Connect interfaces and transit-gateway attachments: lines between what they
/// connect.
fn connectors(design: &Design, boxes: &[BoxShape], icons: &[IconShape], links: &mut Vec<LinkShape>) {
    use vpcanvas_core::doc::{TgwAttachmentResource, VifAttachment, VpnTermination};
    let shape = |id: &Id| -> Option<(Rect, bool)> {
        boxes
            .iter()
            .find(|b| b.key == id.as_str())
            .map(|b| (b.rect.clone(), true))
            .or_else(|| icons.iter().find(|i| i.key == id.as_str()).map(|i| (i.rect.clone(), false)))
    };
    let mut line = |key: &Id, a: &Id, b: &Id| {
        if let (Some(a), Some(b)) = (shape(a), shape(b)) {
            let (from, to) = ends(&a, &b);
            links.push(LinkShape { from, to, key: Some(key.to_string()) });
        }
    };
    for p in &design.vpc_peerings {
        line(&p.id, &p.requester_vpc, &p.accepter_vpc);
    }
    for v in &design.vpn_connections {
        let (VpnTermination::VpnGateway(g) | VpnTermination::TransitGateway(g)) = &v.gateway;
        line(&v.id, &v.customer_gateway, g);
    }
    for v in &design.virtual_interfaces {
        if let (Some(onprem), Some(VifAttachment::VpnGateway(g) | VifAttachment::DxGateway(g))) =
            (&v.on_premises, &v.attachment)
        {
            line(&v.id, onprem, g);
        }
    }
    for a in &design.tgw_attachments {
        if let TgwAttachmentResource::Vpc { vpc, .. } = &a.resource {
            line(&a.id, &a.transit_gateway, vpc);
        }
    }
}

/// Where a connector between two shapes (a rect, and whether it is a container box) starts and ends: on the
/// border of a box, nearest the other end; at the rim of an icon, facing the other end. So a line never runs
/// across the boxes it joins.
fn ends(a: &(Rect, bool), b: &(Rect, bool)) -> ((f64, f64), (f64, f64)) {
    // Boxes first: their end depends only on where the other shape is.
    let on_box = |r: &Rect, toward: (f64, f64)| -> (f64, f64) {
        let (x, y) = toward;
        let inside = x > r.x && x < r.right() && y > r.y && y < r.bottom();
        if !inside {
            return (x.clamp(r.x, r.right()), y.clamp(r.y, r.bottom()));
        }
        // The other end is inside this box: to the nearest edge.
        let d = [x - r.x, r.right() - x, y - r.y, r.bottom() - y];
        let m = d.iter().copied().fold(f64::INFINITY, f64::min);
        if m == d[0] {
            (r.x, y)
        } else if m == d[1] {
            (r.right(), y)
        } else if m == d[2] {
            (x, r.y)
        } else {
            (x, r.bottom())
        }
    };
    let on_icon = |r: &Rect, toward: (f64, f64)| -> (f64, f64) {
        let (cx, cy) = r.center();
        let (dx, dy) = (toward.0 - cx, toward.1 - cy);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1.0 {
            return (cx, cy);
        }
        let reach = (ICON / 2.0 + 4.0).min(len / 2.0);
        (cx + dx / len * reach, cy + dy / len * reach)
    };
    let (ra, box_a) = a;
    let (rb, box_b) = b;
    match (box_a, box_b) {
        (true, true) => (on_box(ra, rb.center()), on_box(rb, ra.center())),
        (true, false) => {
            let from = on_box(ra, rb.center());
            (from, on_icon(rb, from))
        }
        (false, true) => {
            let to = on_box(rb, ra.center());
            (on_icon(ra, to), to)
        }
        (false, false) => (on_icon(ra, rb.center()), on_icon(rb, ra.center())),
    }
}

fn label_side(glyph: Glyph) -> LabelSide {
    if glyph == Glyph::InternetGateway { LabelSide::Right } else { LabelSide::Below }
}

fn bounds_of(boxes: &[BoxShape], icons: &[IconShape]) -> Rect {
    // Icon labels hang below and spread beside the tile.
    let rects = boxes.iter().map(|b| b.rect.clone()).chain(icons.iter().map(|i| match i.label {
        LabelSide::Below => Rect { x: i.rect.x - 50.0, y: i.rect.y, w: i.rect.w + 100.0, h: i.rect.h + 44.0 },
        LabelSide::Right => Rect { x: i.rect.x, y: i.rect.y, w: i.rect.w + 160.0, h: i.rect.h },
    }));
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for r in rects {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    }
    if !x0.is_finite() {
        return Rect { x: 0.0, y: 0.0, w: 800.0, h: 600.0 };
    }
    Rect { x: x0 - MARGIN, y: y0 - MARGIN, w: x1 - x0 + 2.0 * MARGIN, h: y1 - y0 + 2.0 * MARGIN }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Design {
        vpcanvas_core::testing::sample()
    }

    #[test]
    fn the_sample_draws_every_container_and_resource() {
        let scene = build(&sample());
        let count = |style: BoxStyle| scene.boxes.iter().filter(|b| b.style == style).count();
        assert_eq!(count(BoxStyle::Region), 1);
        assert_eq!(count(BoxStyle::Vpc), 1);
        assert_eq!(count(BoxStyle::Zone), 2);
        assert_eq!(count(BoxStyle::PublicSubnet), 2);
        assert_eq!(count(BoxStyle::PrivateSubnet), 2);
        let keys: Vec<&str> = scene.icons.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["internet", "igw-main", "nat-a", "nat-c", "i-bastion", "i-web-a", "i-web-c"]);
        assert_eq!(scene.links.len(), 1);
        let vpc = scene.boxes.iter().find(|b| b.style == BoxStyle::Vpc).unwrap();
        assert_eq!(vpc.detail, "10.0.0.0/16");
    }

    #[test]
    fn connectors_end_on_the_borders_of_what_they_join() {
        let r = |x: f64, y: f64, w: f64, h: f64| Rect { x, y, w, h };
        // Two VPCs side by side: from the facing edges, not the centres.
        let (from, to) = ends(&(r(0.0, 0.0, 800.0, 500.0), true), &(r(900.0, 0.0, 800.0, 500.0), true));
        assert_eq!(from, (800.0, 250.0));
        assert_eq!(to, (900.0, 250.0));
        // An icon above a VPC: from the icon's rim to the VPC's top edge.
        let (from, to) = ends(&(r(376.0, -200.0, ICON, ICON), false), &(r(0.0, 0.0, 800.0, 500.0), true));
        assert_eq!(to, (400.0, 0.0));
        assert!((from.0 - 400.0).abs() < 1e-9 && (from.1 - (-176.0 + ICON / 2.0 + 4.0)).abs() < 1e-9, "{from:?}");
        // An icon inside the box it joins: to the nearest edge.
        let (from, _) = ends(&(r(0.0, 0.0, 800.0, 500.0), true), &(r(10.0, 200.0, ICON, ICON), false));
        assert_eq!(from, (0.0, 224.0));
    }

    #[test]
    fn unplaced_icons_get_free_slots_inside_their_subnet() {
        let mut design = sample();
        design.layout.nodes.remove(&Id::new("i-web-a").unwrap());
        let mut extra = design.instances[1].clone();
        extra.id = Id::new("i-web-a2").unwrap();
        design.instances.push(extra);
        let scene = build(&design);
        let subnet = scene.boxes.iter().find(|b| b.key == "subnet-private-a").unwrap().rect.clone();
        let a = scene.icons.iter().find(|i| i.key == "i-web-a").unwrap().rect.clone();
        let b = scene.icons.iter().find(|i| i.key == "i-web-a2").unwrap().rect.clone();
        for r in [&a, &b] {
            assert!(r.x >= subnet.x && r.right() <= subnet.right() && r.y >= subnet.y + TITLE_BAND, "{r:?}");
        }
        assert!(a.x != b.x || a.y != b.y);
    }

    #[test]
    fn an_empty_design_has_a_sane_canvas() {
        let scene = build(&Design::new("empty"));
        assert!(scene.boxes.is_empty() && scene.icons.is_empty());
        assert!(scene.bounds.w > 0.0 && scene.bounds.h > 0.0);
    }
}
