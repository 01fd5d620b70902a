//! What may contain what: the semantic containment the canvas follows (Region > VPC > Availability Zone > subnet >
//! instances, tasks, NAT gateways and interfaces; gateways and VPC-wide resources in their VPC; Region-wide
//! resources in their Region). A drop that AWS would not allow is refused with the reason.

use crate::doc::{Design, Id, ResourceKind};
use crate::text::Text;

/// Where something is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Container {
    /// The canvas outside any Region: on-premises networks and Direct Connect gateways (which are global).
    Canvas,
    Region(Id),
    Vpc(Id),
    Zone {
        vpc: Id,
        zone: String,
    },
    Subnet(Id),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    Canvas,
    Region,
    Vpc,
    Zone,
    Subnet,
}

impl ContainerKind {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            ContainerKind::Canvas => ("the canvas, outside any Region", "리전 밖의 캔버스"),
            ContainerKind::Region => ("a Region", "리전"),
            ContainerKind::Vpc => ("a VPC", "VPC"),
            ContainerKind::Zone => ("an Availability Zone of a VPC", "VPC의 가용 영역"),
            ContainerKind::Subnet => ("a subnet", "서브넷"),
        }
    }
}

impl Container {
    pub fn kind(&self) -> ContainerKind {
        match self {
            Container::Canvas => ContainerKind::Canvas,
            Container::Region(_) => ContainerKind::Region,
            Container::Vpc(_) => ContainerKind::Vpc,
            Container::Zone { .. } => ContainerKind::Zone,
            Container::Subnet(_) => ContainerKind::Subnet,
        }
    }
}

/// Where a resource of `kind` may go. Empty for connectors (peering, VPN connections, Direct Connect virtual
/// interfaces, transit-gateway attachments), which are drawn by connecting two resources.
pub fn homes(kind: ResourceKind) -> &'static [ContainerKind] {
    use ContainerKind as C;
    use ResourceKind as K;
    match kind {
        K::Region => &[C::Canvas],
        K::Vpc => &[C::Region],
        K::Subnet => &[C::Zone],
        K::Instance | K::NetworkInterface | K::NatGateway | K::EcsTask => &[C::Subnet],
        K::InternetGateway
        | K::VpnGateway
        | K::RouteTable
        | K::NetworkAcl
        | K::SecurityGroup
        | K::LoadBalancer
        | K::TargetGroup
        | K::VpcEndpoint => &[C::Vpc],
        K::ElasticIp
        | K::PrefixList
        | K::EcsCluster
        | K::TaskDefinition
        | K::EcsService
        | K::TransitGateway
        | K::TgwRouteTable
        | K::CustomerGateway => &[C::Region],
        K::DxGateway | K::OnPremNetwork => &[C::Canvas],
        K::VpcPeering | K::VpnConnection | K::VirtualInterface | K::TgwAttachment => &[],
    }
}

/// Why a resource of `kind` belongs where it does, for the refusal.
fn why(kind: ResourceKind) -> (&'static str, &'static str) {
    use ResourceKind as K;
    match kind {
        K::Subnet => {
            ("A subnet lives in exactly one Availability Zone of its VPC.", "서브넷은 VPC의 가용 영역 하나에 속합니다.")
        }
        K::Vpc => (
            "A VPC belongs to one Region and spans its Availability Zones.",
            "VPC는 리전 하나에 속하고 그 가용 영역들에 걸칩니다.",
        ),
        K::Instance | K::NetworkInterface | K::NatGateway | K::EcsTask => (
            "It gets its network interface, and its address, from one subnet.",
            "하나의 서브넷에서 네트워크 인터페이스와 주소를 받습니다.",
        ),
        K::InternetGateway | K::VpnGateway => (
            "A gateway attaches to one VPC and sits on its edge.",
            "게이트웨이는 VPC 하나에 연결되어 그 경계에 놓입니다.",
        ),
        K::Region => ("Regions are the outermost boxes.", "리전은 가장 바깥 상자입니다."),
        K::DxGateway => (
            "A Direct Connect gateway is global: it belongs to no Region.",
            "Direct Connect 게이트웨이는 전역 리소스로 어느 리전에도 속하지 않습니다.",
        ),
        K::OnPremNetwork => ("An on-premises network is outside AWS.", "온프레미스 네트워크는 AWS 밖에 있습니다."),
        K::VpcPeering | K::VpnConnection | K::VirtualInterface | K::TgwAttachment => (
            "It connects two resources: draw it by connecting them.",
            "두 리소스를 잇는 연결이므로 두 리소스를 연결해서 그립니다.",
        ),
        _ => ("", ""),
    }
}

/// Why a resource may not be dropped into a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DropError {
    /// The container is not in the design any more.
    ContainerGone(Container),
    /// A connector (peering, VPN connection, Direct Connect virtual interface, transit gateway attachment): drawn by
    /// connecting two resources, never dropped.
    NotDroppable(ResourceKind),
    /// A kind that lives in other containers ([`homes`]) than this one.
    WrongContainer { kind: ResourceKind, into: Container },
}

impl DropError {
    /// The kind refused, if the refusal is about the kind.
    pub fn kind(&self) -> Option<ResourceKind> {
        match self {
            DropError::ContainerGone(_) => None,
            DropError::NotDroppable(kind) | DropError::WrongContainer { kind, .. } => Some(*kind),
        }
    }

    /// The reason in English and Korean: where the kind goes, and why AWS puts it there.
    pub fn text(&self) -> Text {
        match self {
            DropError::ContainerGone(_) => {
                Text::new("That container is not in the design any more.", "그 컨테이너가 더 이상 설계에 없습니다.")
            }
            DropError::NotDroppable(kind) => {
                let (why_en, why_ko) = why(*kind);
                Text::new(
                    format!("A {} cannot be dropped. {why_en}", kind.label()),
                    format!("{}은(는) 놓을 수 없습니다. {why_ko}", kind.label()),
                )
            }
            DropError::WrongContainer { kind, into } => {
                let (why_en, why_ko) = why(*kind);
                let (here_en, here_ko) = into.kind().words();
                let (en, ko): (Vec<&str>, Vec<&str>) = homes(*kind).iter().map(|c| c.words()).unzip();
                Text::new(
                    format!("A {} cannot go in {here_en}: it goes in {}. {why_en}", kind.label(), en.join(" or "))
                        .trim_end()
                        .to_owned(),
                    format!("{}은(는) {here_ko}에 둘 수 없고 {}에 둡니다. {why_ko}", kind.label(), ko.join(" 또는 "))
                        .trim_end()
                        .to_owned(),
                )
            }
        }
    }
}

bilingual_error!(DropError);

/// Whether a resource of `kind` may go into `into` (which must exist): `Ok`, or why not.
pub fn check(d: &Design, kind: ResourceKind, into: &Container) -> Result<(), DropError> {
    let exists = match into {
        Container::Canvas => true,
        Container::Region(id) => d.regions.iter().any(|r| &r.id == id),
        Container::Vpc(id) | Container::Zone { vpc: id, .. } => d.vpcs.iter().any(|v| &v.id == id),
        Container::Subnet(id) => d.subnets.iter().any(|s| &s.id == id),
    };
    if !exists {
        return Err(DropError::ContainerGone(into.clone()));
    }
    let allowed = homes(kind);
    if allowed.contains(&into.kind()) {
        Ok(())
    } else if allowed.is_empty() {
        Err(DropError::NotDroppable(kind))
    } else {
        Err(DropError::WrongContainer { kind, into: into.clone() })
    }
}
