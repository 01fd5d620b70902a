//! The one list of resource kinds.
//!
//! Every kind a design can hold is declared once, in [`with_kinds!`]. From that line follow the document's list
//! (`Design::<list>`), the [`ResourceKind`](super::ResourceKind) variant and its place in `ResourceKind::ALL`, its
//! labels in English and Korean, its key (`route_table`), its palette group, the owned any-kind
//! `edit::Resource` variant with the per-kind list access on `Design`, and the `Network` lookup by id. Adding a
//! kind: write its type in the `doc` module where AWS's guides put it, add one line here, and let the compiler name
//! the per-kind behaviour still missing (references, homes, defaults, inspector form, icon): ARCHITECTURE.md,
//! "Adding a resource kind".

/// Where a kind sits in the palette (and in AWS's diagram families).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KindGroup {
    /// VPCs, subnets, gateways, routing and filtering.
    Network,
    /// Instances, interfaces, ECS, load balancing.
    Compute,
    /// VPN, Direct Connect, transit gateways and on-premises networks.
    Hybrid,
    /// A link made between two selected resources (peering, VPN connection, virtual interface, TGW attachment).
    Connection,
}

/// Calls `$callback! { … }` with the list of every resource kind, in the order the document lists them. One entry:
///
/// `Variant(Type) list / key . name_field : Group "English label" "Korean label";`
///
/// - `Variant` — the `ResourceKind` and `edit::Resource` variant; its snake_case form is the kind's key;
/// - `Type` — the document type in `doc`;
/// - `list` — the field of `Design` that holds them (and the JSON key);
/// - `key` — the snake_case form of `Variant` (its serde name; a test checks they agree), also the name of
///   `Network`'s lookup by id (`network.subnet(&id)`);
/// - `name_field` — the field people name it by (`family` for a task definition);
/// - `Group` — its [`KindGroup`];
/// - the labels, lower case unless a proper name ("NAT gateway", "VPC").
macro_rules! with_kinds {
    ($callback:ident) => {
        $callback! {
            Region(Region) regions / region . name : Network "Region" "리전";
            Vpc(Vpc) vpcs / vpc . name : Network "VPC" "VPC";
            Subnet(Subnet) subnets / subnet . name : Network "subnet" "서브넷";
            RouteTable(RouteTable) route_tables / route_table . name : Network "route table" "라우팅 테이블";
            InternetGateway(InternetGateway) internet_gateways / internet_gateway . name
                : Network "internet gateway" "인터넷 게이트웨이";
            NatGateway(NatGateway) nat_gateways / nat_gateway . name : Network "NAT gateway" "NAT 게이트웨이";
            ElasticIp(ElasticIp) elastic_ips / elastic_ip . name : Network "Elastic IP" "탄력적 IP";
            NetworkAcl(NetworkAcl) network_acls / network_acl . name : Network "network ACL" "네트워크 ACL";
            SecurityGroup(SecurityGroup) security_groups / security_group . name
                : Network "security group" "보안 그룹";
            PrefixList(PrefixList) prefix_lists / prefix_list . name : Network "prefix list" "접두사 목록";
            Instance(Instance) instances / instance . name : Compute "EC2 instance" "EC2 인스턴스";
            NetworkInterface(NetworkInterface) network_interfaces / network_interface . name
                : Compute "network interface" "네트워크 인터페이스";
            EcsCluster(EcsCluster) ecs_clusters / ecs_cluster . name : Compute "ECS cluster" "ECS 클러스터";
            TaskDefinition(TaskDefinition) task_definitions / task_definition . family
                : Compute "task definition" "태스크 정의";
            EcsService(EcsService) ecs_services / ecs_service . name : Compute "ECS service" "ECS 서비스";
            EcsTask(EcsTask) ecs_tasks / ecs_task . name : Compute "ECS task" "ECS 태스크";
            LoadBalancer(LoadBalancer) load_balancers / load_balancer . name : Compute "load balancer" "로드 밸런서";
            TargetGroup(TargetGroup) target_groups / target_group . name : Compute "target group" "대상 그룹";
            VpcPeering(VpcPeering) vpc_peerings / vpc_peering . name : Connection "VPC peering" "VPC 피어링";
            VpcEndpoint(VpcEndpoint) vpc_endpoints / vpc_endpoint . name : Network "VPC endpoint" "VPC 엔드포인트";
            VpnGateway(VpnGateway) vpn_gateways / vpn_gateway . name
                : Hybrid "virtual private gateway" "가상 프라이빗 게이트웨이";
            CustomerGateway(CustomerGateway) customer_gateways / customer_gateway . name
                : Hybrid "customer gateway" "고객 게이트웨이";
            VpnConnection(VpnConnection) vpn_connections / vpn_connection . name
                : Connection "Site-to-Site VPN" "Site-to-Site VPN";
            DxGateway(DxGateway) dx_gateways / dx_gateway . name
                : Hybrid "Direct Connect gateway" "Direct Connect 게이트웨이";
            VirtualInterface(VirtualInterface) virtual_interfaces / virtual_interface . name
                : Connection "Direct Connect virtual interface" "Direct Connect 가상 인터페이스";
            TransitGateway(TransitGateway) transit_gateways / transit_gateway . name
                : Hybrid "transit gateway" "트랜짓 게이트웨이";
            TgwAttachment(TgwAttachment) tgw_attachments / tgw_attachment . name
                : Connection "transit gateway attachment" "트랜짓 게이트웨이 연결";
            TgwRouteTable(TgwRouteTable) tgw_route_tables / tgw_route_table . name
                : Hybrid "transit gateway route table" "트랜짓 게이트웨이 라우팅 테이블";
            OnPremNetwork(OnPremNetwork) on_premises / on_prem_network . name
                : Hybrid "on-premises network" "온프레미스 네트워크";
        }
    };
}

pub(crate) use with_kinds;

/// What every resource type has, generated from [`with_kinds!`] (in the spirit of tldraw's shape utilities: one
/// implementation per kind, the list it lives in found through it). `Design::get::<Subnet>(&id)` reads one by id.
pub trait Kind: Sized + Clone + 'static {
    /// The kind.
    const KIND: super::ResourceKind;
    /// The design's list of this kind.
    fn list(design: &super::Design) -> &Vec<Self>;
    /// The design's list of this kind, to change.
    fn list_mut(design: &mut super::Design) -> &mut Vec<Self>;
    /// The resource's id.
    fn id(&self) -> &super::Id;
    /// The name people gave it (a task definition's family).
    fn name(&self) -> &str;
}

macro_rules! kind_impls {
    ($($kind:ident($ty:ident) $list:ident / $key:ident . $name:ident : $group:ident $en:literal $ko:literal;)*) => {$(
        impl Kind for super::$ty {
            const KIND: super::ResourceKind = super::ResourceKind::$kind;
            fn list(design: &super::Design) -> &Vec<Self> {
                &design.$list
            }
            fn list_mut(design: &mut super::Design) -> &mut Vec<Self> {
                &mut design.$list
            }
            fn id(&self) -> &super::Id {
                &self.id
            }
            fn name(&self) -> &str {
                &self.$name
            }
        }
    )*};
}

with_kinds!(kind_impls);

impl super::Design {
    /// The first resource of type `T` with this id (a linear search: for many lookups, index the design with
    /// `model::Network`).
    pub fn get<T: Kind>(&self, id: &str) -> Option<&T> {
        T::list(self).iter().find(|r| r.id().as_str() == id)
    }

    /// The first resource of type `T` with this id, to change.
    pub fn get_mut<T: Kind>(&mut self, id: &str) -> Option<&mut T> {
        T::list_mut(self).iter_mut().find(|r| r.id().as_str() == id)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::check::testing::{id, sample};
    use crate::doc::{Design, ResourceKind};
    use crate::edit::{Container, ContainerKind, Edit, Resource, connect, create, homes};
    use crate::model::Network;

    /// The sample with one more resource of every kind, made as the editor makes them (connections between two
    /// resources made for the purpose).
    fn one_of_every_kind() -> Design {
        let mut d = sample();
        let add = |d: &mut Design, made: Vec<Resource>| {
            let edit = Edit::add_all(d, made, None).unwrap();
            edit.apply(d).unwrap();
        };
        let zone = Container::Zone { vpc: id("vpc-main"), zone: "ap-northeast-2a".into() };
        // What a transit gateway route table needs first.
        let tgw = create(&d, ResourceKind::TransitGateway, &Container::Region(id("ap-northeast-2"))).unwrap();
        add(&mut d, tgw);
        for kind in ResourceKind::ALL {
            let into = match homes(kind).first() {
                None => continue,
                Some(ContainerKind::Canvas) => Container::Canvas,
                Some(ContainerKind::Region) => Container::Region(id("ap-northeast-2")),
                Some(ContainerKind::Vpc) => Container::Vpc(id("vpc-main")),
                Some(ContainerKind::Zone) => zone.clone(),
                Some(ContainerKind::Subnet) => Container::Subnet(id("subnet-private-a")),
            };
            let made = create(&d, kind, &into).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            add(&mut d, made);
        }
        let last = |d: &Design, kind: ResourceKind| {
            d.resources().into_iter().rev().find(|r| r.kind == kind).map(|r| r.id.clone()).unwrap()
        };
        let pairs = [
            (ResourceKind::VpcPeering, ResourceKind::Vpc),
            (ResourceKind::VpnConnection, ResourceKind::CustomerGateway),
            (ResourceKind::VirtualInterface, ResourceKind::OnPremNetwork),
            (ResourceKind::TgwAttachment, ResourceKind::TransitGateway),
        ];
        for (kind, first) in pairs {
            let second = match kind {
                ResourceKind::VpcPeering => id("vpc-main"),
                ResourceKind::VpnConnection => last(&d, ResourceKind::VpnGateway),
                ResourceKind::VirtualInterface => last(&d, ResourceKind::DxGateway),
                _ => id("vpc-main"),
            };
            let made = connect(&d, kind, &last(&d, first), &second).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            add(&mut d, made);
        }
        d
    }

    #[test]
    fn every_kind_has_its_list_key_labels_and_group() {
        let mut en = BTreeSet::new();
        let mut ko = BTreeSet::new();
        for kind in ResourceKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.key(), "{kind:?}: key is its serde name");
            assert!(en.insert(kind.label()), "{kind:?}: English label used twice");
            assert!(ko.insert(kind.label_ko()), "{kind:?}: Korean label used twice");
            assert!(!kind.label().is_empty() && !kind.label_ko().is_empty());
        }
        assert_eq!(ResourceKind::ALL.len(), ResourceKind::COUNT);
        let distinct: BTreeSet<_> = ResourceKind::ALL.iter().map(|k| k.list_name()).collect();
        assert_eq!(distinct.len(), ResourceKind::COUNT);
    }

    #[test]
    fn every_kind_is_in_the_schema_as_a_list_of_its_type() {
        let schema = crate::doc::json_schema();
        for kind in ResourceKind::ALL {
            let property = &schema["properties"][kind.list_name()];
            assert_eq!(property["type"], "array", "{kind:?} has no list in the schema");
            assert!(property["items"]["$ref"].is_string(), "{kind:?}: {property}");
        }
    }

    /// A resource of every kind lands in its own list, under its JSON key, is found by its id through the
    /// document, the owned `Resource` and the `Network` index, and reads back from the JSON the inspector shows.
    #[test]
    fn every_kind_round_trips_and_is_indexed() {
        let d = one_of_every_kind();
        let json: serde_json::Value = serde_json::from_str(&crate::save(&d).unwrap()).unwrap();
        let net = Network::new(&d);
        for kind in ResourceKind::ALL {
            assert!(d.count(kind) > 0, "{kind:?}: none made");
            assert!(json[kind.list_name()].as_array().is_some_and(|l| !l.is_empty()), "{kind:?} not under its key");
            let resource = d.resource_at(kind, d.count(kind) - 1).unwrap();
            assert_eq!(resource.kind(), kind);
            let key = resource.id();
            assert_eq!(net.kind_of(key.as_str()), Some(kind));
            assert_eq!(d.find(key.as_str()).map(|r| r.kind), Some(kind));
            assert_eq!(Resource::read(kind, &resource.pretty()).unwrap(), resource);
            assert_eq!(resource.renamed("Renamed").name(), "Renamed");
        }
        // The typed access of each kind, generated from the same list.
        macro_rules! typed_access {
            ($($kind:ident($ty:ident) $list:ident / $key:ident . $name:ident : $group:ident $en:literal $ko:literal;)*) => {$(
                let last = d.$list.last().unwrap();
                assert_eq!(<crate::doc::$ty as super::Kind>::KIND, ResourceKind::$kind);
                assert!(std::ptr::eq(d.get::<crate::doc::$ty>(last.id.as_str()).unwrap(), last));
            )*};
        }
        super::with_kinds!(typed_access);
        // The typed lookup of each kind, generated from the same list.
        macro_rules! lookups_find {
            ($($kind:ident($ty:ident) $list:ident / $key:ident . $name:ident : $group:ident $en:literal $ko:literal;)*) => {$(
                let last = d.$list.last().unwrap();
                assert!(std::ptr::eq(net.$key(&last.id).unwrap(), last), "{}", stringify!($key));
            )*};
        }
        super::with_kinds!(lookups_find);
    }
}
