//! The design document: the saved form of a design, which everything else reads and writes.
//!
//! A design is a set of flat, typed resource lists (VPCs, subnets, route tables, …) that refer to each other by
//! [`Id`], plus a [`Layout`] that only the canvas reads. The JSON form carries a format name and version
//! ([`FORMAT_NAME`], [`FORMAT_VERSION`]); [`load`] checks both, then reads the document and names the exact JSON path
//! of the first problem. A document that loads may still be a flawed design: that is for validation to say.

mod compute;
mod connect;
mod elb;
mod filters;
mod id;
mod intent;
mod layout;
pub(crate) mod load;
mod network;
mod refs;

pub use compute::*;
pub use connect::*;
pub use elb::*;
pub use filters::*;
pub use id::{Id, IdError, MAX_ID_LEN};
pub use intent::{Expectation, Intent};
pub use layout::{Layout, Placement, ZonePlacement};
pub use load::{LoadError, MAX_COORDINATE, MAX_DESIGN_BYTES, SaveError, json_schema, load, save};
pub use network::*;
pub use refs::{Field, Hold, Reference, Refs, Visit};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `format` every saved design carries.
pub const FORMAT_NAME: &str = "vpcanvas-design";
/// The version of the format this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// A whole design: every resource, and how it is drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
#[schemars(title = "vpcanvas design", description = "An AWS network design drawn in vpcanvas (format version 1).")]
pub struct Design {
    /// Always `vpcanvas-design`.
    #[schemars(extend("const" = "vpcanvas-design"))]
    pub format: String,
    /// The format version; this schema describes version 1.
    #[schemars(extend("const" = 1))]
    pub version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<Vpc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Subnet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internet_gateways: Vec<InternetGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nat_gateways: Vec<NatGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elastic_ips: Vec<ElasticIp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_acls: Vec<NetworkAcl>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefix_lists: Vec<PrefixList>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<Instance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_interfaces: Vec<NetworkInterface>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecs_clusters: Vec<EcsCluster>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub task_definitions: Vec<TaskDefinition>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecs_services: Vec<EcsService>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ecs_tasks: Vec<EcsTask>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancers: Vec<LoadBalancer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<TargetGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpc_peerings: Vec<VpcPeering>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpc_endpoints: Vec<VpcEndpoint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpn_gateways: Vec<VpnGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customer_gateways: Vec<CustomerGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpn_connections: Vec<VpnConnection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dx_gateways: Vec<DxGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub virtual_interfaces: Vec<VirtualInterface>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit_gateways: Vec<TransitGateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tgw_attachments: Vec<TgwAttachment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tgw_route_tables: Vec<TgwRouteTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_premises: Vec<OnPremNetwork>,
    /// Named expectations about traffic, checked on every edit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intents: Vec<Intent>,
    #[serde(default, skip_serializing_if = "Layout::is_empty")]
    pub layout: Layout,
}

impl Default for Design {
    fn default() -> Self {
        Design::new("")
    }
}

/// Every kind of resource a design holds, in the order the document lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Region,
    Vpc,
    Subnet,
    RouteTable,
    InternetGateway,
    NatGateway,
    ElasticIp,
    NetworkAcl,
    SecurityGroup,
    PrefixList,
    Instance,
    NetworkInterface,
    EcsCluster,
    TaskDefinition,
    EcsService,
    EcsTask,
    LoadBalancer,
    TargetGroup,
    VpcPeering,
    VpcEndpoint,
    VpnGateway,
    CustomerGateway,
    VpnConnection,
    DxGateway,
    VirtualInterface,
    TransitGateway,
    TgwAttachment,
    TgwRouteTable,
    OnPremNetwork,
}

impl ResourceKind {
    /// Every kind, in the order the document lists them.
    pub const ALL: [ResourceKind; 29] = {
        use ResourceKind::*;
        [
            Region,
            Vpc,
            Subnet,
            RouteTable,
            InternetGateway,
            NatGateway,
            ElasticIp,
            NetworkAcl,
            SecurityGroup,
            PrefixList,
            Instance,
            NetworkInterface,
            EcsCluster,
            TaskDefinition,
            EcsService,
            EcsTask,
            LoadBalancer,
            TargetGroup,
            VpcPeering,
            VpcEndpoint,
            VpnGateway,
            CustomerGateway,
            VpnConnection,
            DxGateway,
            VirtualInterface,
            TransitGateway,
            TgwAttachment,
            TgwRouteTable,
            OnPremNetwork,
        ]
    };

    /// A short English label, such as "NAT gateway".
    pub fn label(self) -> &'static str {
        use ResourceKind::*;
        match self {
            Region => "Region",
            Vpc => "VPC",
            Subnet => "subnet",
            RouteTable => "route table",
            InternetGateway => "internet gateway",
            NatGateway => "NAT gateway",
            ElasticIp => "Elastic IP",
            NetworkAcl => "network ACL",
            SecurityGroup => "security group",
            PrefixList => "prefix list",
            Instance => "EC2 instance",
            NetworkInterface => "network interface",
            EcsCluster => "ECS cluster",
            TaskDefinition => "task definition",
            EcsService => "ECS service",
            EcsTask => "ECS task",
            LoadBalancer => "load balancer",
            TargetGroup => "target group",
            VpcPeering => "VPC peering",
            VpcEndpoint => "VPC endpoint",
            VpnGateway => "virtual private gateway",
            CustomerGateway => "customer gateway",
            VpnConnection => "Site-to-Site VPN",
            DxGateway => "Direct Connect gateway",
            VirtualInterface => "Direct Connect virtual interface",
            TransitGateway => "transit gateway",
            TgwAttachment => "transit gateway attachment",
            TgwRouteTable => "transit gateway route table",
            OnPremNetwork => "on-premises network",
        }
    }
}

impl ResourceKind {
    /// The label in Korean, such as "NAT 게이트웨이".
    pub fn label_ko(self) -> &'static str {
        use ResourceKind::*;
        match self {
            Region => "리전",
            Vpc => "VPC",
            Subnet => "서브넷",
            RouteTable => "라우팅 테이블",
            InternetGateway => "인터넷 게이트웨이",
            NatGateway => "NAT 게이트웨이",
            ElasticIp => "탄력적 IP",
            NetworkAcl => "네트워크 ACL",
            SecurityGroup => "보안 그룹",
            PrefixList => "접두사 목록",
            Instance => "EC2 인스턴스",
            NetworkInterface => "네트워크 인터페이스",
            EcsCluster => "ECS 클러스터",
            TaskDefinition => "태스크 정의",
            EcsService => "ECS 서비스",
            EcsTask => "ECS 태스크",
            LoadBalancer => "로드 밸런서",
            TargetGroup => "대상 그룹",
            VpcPeering => "VPC 피어링",
            VpcEndpoint => "VPC 엔드포인트",
            VpnGateway => "가상 프라이빗 게이트웨이",
            CustomerGateway => "고객 게이트웨이",
            VpnConnection => "Site-to-Site VPN",
            DxGateway => "Direct Connect 게이트웨이",
            VirtualInterface => "Direct Connect 가상 인터페이스",
            TransitGateway => "트랜짓 게이트웨이",
            TgwAttachment => "트랜짓 게이트웨이 연결",
            TgwRouteTable => "트랜짓 게이트웨이 라우팅 테이블",
            OnPremNetwork => "온프레미스 네트워크",
        }
    }
}

/// A resource of any kind, seen through what all of them have.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResourceRef<'a> {
    pub kind: ResourceKind,
    pub id: &'a Id,
    /// The resource's name; for a task definition, its family.
    pub name: &'a str,
}

impl Design {
    /// An empty design with the current format header.
    pub fn new(name: impl Into<String>) -> Self {
        Design {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            name: name.into(),
            description: String::new(),
            regions: Vec::new(),
            vpcs: Vec::new(),
            subnets: Vec::new(),
            route_tables: Vec::new(),
            internet_gateways: Vec::new(),
            nat_gateways: Vec::new(),
            elastic_ips: Vec::new(),
            network_acls: Vec::new(),
            security_groups: Vec::new(),
            prefix_lists: Vec::new(),
            instances: Vec::new(),
            network_interfaces: Vec::new(),
            ecs_clusters: Vec::new(),
            task_definitions: Vec::new(),
            ecs_services: Vec::new(),
            ecs_tasks: Vec::new(),
            load_balancers: Vec::new(),
            target_groups: Vec::new(),
            vpc_peerings: Vec::new(),
            vpc_endpoints: Vec::new(),
            vpn_gateways: Vec::new(),
            customer_gateways: Vec::new(),
            vpn_connections: Vec::new(),
            dx_gateways: Vec::new(),
            virtual_interfaces: Vec::new(),
            transit_gateways: Vec::new(),
            tgw_attachments: Vec::new(),
            tgw_route_tables: Vec::new(),
            on_premises: Vec::new(),
            intents: Vec::new(),
            layout: Layout::default(),
        }
    }

    /// Every resource of the design, kind by kind in document order.
    pub fn resources(&self) -> Vec<ResourceRef<'_>> {
        let mut out = Vec::new();
        macro_rules! each {
            ($($list:ident => $kind:ident . $name:ident),* $(,)?) => {$(
                out.extend(self.$list.iter().map(|r| ResourceRef {
                    kind: ResourceKind::$kind,
                    id: &r.id,
                    name: r.$name.as_str(),
                }));
            )*};
        }
        each!(
            regions => Region.name,
            vpcs => Vpc.name,
            subnets => Subnet.name,
            route_tables => RouteTable.name,
            internet_gateways => InternetGateway.name,
            nat_gateways => NatGateway.name,
            elastic_ips => ElasticIp.name,
            network_acls => NetworkAcl.name,
            security_groups => SecurityGroup.name,
            prefix_lists => PrefixList.name,
            instances => Instance.name,
            network_interfaces => NetworkInterface.name,
            ecs_clusters => EcsCluster.name,
            task_definitions => TaskDefinition.family,
            ecs_services => EcsService.name,
            ecs_tasks => EcsTask.name,
            load_balancers => LoadBalancer.name,
            target_groups => TargetGroup.name,
            vpc_peerings => VpcPeering.name,
            vpc_endpoints => VpcEndpoint.name,
            vpn_gateways => VpnGateway.name,
            customer_gateways => CustomerGateway.name,
            vpn_connections => VpnConnection.name,
            dx_gateways => DxGateway.name,
            virtual_interfaces => VirtualInterface.name,
            transit_gateways => TransitGateway.name,
            tgw_attachments => TgwAttachment.name,
            tgw_route_tables => TgwRouteTable.name,
            on_premises => OnPremNetwork.name,
        );
        out
    }

    /// The resource with this id, if any (the first one, should ids repeat).
    pub fn find(&self, id: &str) -> Option<ResourceRef<'_>> {
        self.resources().into_iter().find(|r| r.id.as_str() == id)
    }

    /// The route table a subnet uses: its explicit association, else its VPC's main table.
    pub fn route_table_of(&self, subnet: &Subnet) -> Option<&RouteTable> {
        match &subnet.route_table {
            Some(id) => self.route_tables.iter().find(|t| &t.id == id),
            None => self.route_tables.iter().find(|t| t.vpc == subnet.vpc && t.main),
        }
    }

    /// Whether a subnet is public: its route table has a route to an internet gateway (SEMANTICS R8).
    pub fn is_public_subnet(&self, subnet: &Subnet) -> bool {
        self.route_table_of(subnet)
            .is_some_and(|t| t.routes.iter().any(|r| matches!(r.target, RouteTarget::InternetGateway(_))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_lists_every_kind_once() {
        let design: Design = load(include_str!("../../../public/samples/two-az.json")).unwrap();
        let all = design.resources();
        assert!(all.iter().any(|r| r.kind == ResourceKind::NatGateway));
        assert_eq!(design.find("vpc-main").map(|r| r.kind), Some(ResourceKind::Vpc));
        assert!(design.find("nope").is_none());
    }

    #[test]
    fn public_means_a_route_to_an_internet_gateway() {
        let design: Design = load(include_str!("../../../public/samples/two-az.json")).unwrap();
        let by_name = |n: &str| design.subnets.iter().find(|s| s.id.as_str() == n).unwrap();
        assert!(design.is_public_subnet(by_name("subnet-public-a")));
        assert!(!design.is_public_subnet(by_name("subnet-private-a")));
    }
}
