//! The reference visitor of [`Refs`] on a resource of any kind, and the id and name every kind has, in place.

use super::Resource;
use crate::doc::{Field, Id, Refs, Visit};

/// Expands `$on!(r)` for the resource of whichever kind `$value` holds, bound as `r`.
macro_rules! on_any {
    ($value:expr, |$r:ident| $on:expr) => {
        match $value {
            Resource::Region($r) => $on,
            Resource::Vpc($r) => $on,
            Resource::Subnet($r) => $on,
            Resource::RouteTable($r) => $on,
            Resource::InternetGateway($r) => $on,
            Resource::NatGateway($r) => $on,
            Resource::ElasticIp($r) => $on,
            Resource::NetworkAcl($r) => $on,
            Resource::SecurityGroup($r) => $on,
            Resource::PrefixList($r) => $on,
            Resource::Instance($r) => $on,
            Resource::NetworkInterface($r) => $on,
            Resource::EcsCluster($r) => $on,
            Resource::TaskDefinition($r) => $on,
            Resource::EcsService($r) => $on,
            Resource::EcsTask($r) => $on,
            Resource::LoadBalancer($r) => $on,
            Resource::TargetGroup($r) => $on,
            Resource::VpcPeering($r) => $on,
            Resource::VpcEndpoint($r) => $on,
            Resource::VpnGateway($r) => $on,
            Resource::CustomerGateway($r) => $on,
            Resource::VpnConnection($r) => $on,
            Resource::DxGateway($r) => $on,
            Resource::VirtualInterface($r) => $on,
            Resource::TransitGateway($r) => $on,
            Resource::TgwAttachment($r) => $on,
            Resource::TgwRouteTable($r) => $on,
            Resource::OnPremNetwork($r) => $on,
        }
    };
}

impl Refs for Resource {
    fn visit_refs<'a>(&'a self, f: &mut dyn FnMut(Field, &'a Id)) {
        on_any!(self, |r| r.visit_refs(f))
    }

    fn visit_refs_mut(&mut self, f: &mut dyn FnMut(Field, &mut Id) -> Visit) -> bool {
        on_any!(self, |r| r.visit_refs_mut(f))
    }
}

impl Resource {
    /// The resource's own id, to change.
    pub(crate) fn id_mut(&mut self) -> &mut Id {
        on_any!(self, |r| &mut r.id)
    }

    /// The resource's name, to change; `None` for a task definition, which has a family instead.
    pub(crate) fn name_mut(&mut self) -> Option<&mut String> {
        match self {
            Resource::TaskDefinition(_) => None,
            Resource::Region(r) => Some(&mut r.name),
            Resource::Vpc(r) => Some(&mut r.name),
            Resource::Subnet(r) => Some(&mut r.name),
            Resource::RouteTable(r) => Some(&mut r.name),
            Resource::InternetGateway(r) => Some(&mut r.name),
            Resource::NatGateway(r) => Some(&mut r.name),
            Resource::ElasticIp(r) => Some(&mut r.name),
            Resource::NetworkAcl(r) => Some(&mut r.name),
            Resource::SecurityGroup(r) => Some(&mut r.name),
            Resource::PrefixList(r) => Some(&mut r.name),
            Resource::Instance(r) => Some(&mut r.name),
            Resource::NetworkInterface(r) => Some(&mut r.name),
            Resource::EcsCluster(r) => Some(&mut r.name),
            Resource::EcsService(r) => Some(&mut r.name),
            Resource::EcsTask(r) => Some(&mut r.name),
            Resource::LoadBalancer(r) => Some(&mut r.name),
            Resource::TargetGroup(r) => Some(&mut r.name),
            Resource::VpcPeering(r) => Some(&mut r.name),
            Resource::VpcEndpoint(r) => Some(&mut r.name),
            Resource::VpnGateway(r) => Some(&mut r.name),
            Resource::CustomerGateway(r) => Some(&mut r.name),
            Resource::VpnConnection(r) => Some(&mut r.name),
            Resource::DxGateway(r) => Some(&mut r.name),
            Resource::VirtualInterface(r) => Some(&mut r.name),
            Resource::TransitGateway(r) => Some(&mut r.name),
            Resource::TgwAttachment(r) => Some(&mut r.name),
            Resource::TgwRouteTable(r) => Some(&mut r.name),
            Resource::OnPremNetwork(r) => Some(&mut r.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Design, Hold, ResourceKind};

    fn designs() -> Vec<Design> {
        let mut all = vec![crate::check::testing::sample()];
        all.extend(crate::templates::all().iter().filter_map(|t| t.design().ok()));
        all
    }

    fn refs(r: &Resource) -> Vec<(Field, Id)> {
        let mut out = Vec::new();
        r.visit_refs(&mut |f, to| out.push((f, to.clone())));
        out
    }

    /// Whether `small` is `big` with some entries left out.
    fn subsequence<T: PartialEq>(small: &[T], big: &[T]) -> bool {
        let mut rest = big.iter();
        small.iter().all(|x| rest.any(|y| y == x))
    }

    #[test]
    fn removing_one_reference_takes_along_what_its_hold_says() {
        let mut seen = [0usize; 3];
        for d in designs() {
            for kind in ResourceKind::ALL {
                for at in 0..d.count(kind) {
                    let resource = d.resource_at(kind, at).unwrap();
                    let before = refs(&resource);
                    for (k, (field, _)) in before.iter().enumerate() {
                        let mut r = resource.clone();
                        let mut n = 0;
                        let kept = r.visit_refs_mut(&mut |_, _| {
                            n += 1;
                            if n - 1 == k { Visit::Remove } else { Visit::Keep }
                        });
                        let mut without = before.clone();
                        without.remove(k);
                        let after = refs(&r);
                        match field.hold {
                            Hold::Required => {
                                assert!(!kept, "{}: {}", r.id(), field.name);
                                seen[0] += 1;
                            }
                            Hold::Optional => {
                                assert!(kept && after == without, "{}: {}", r.id(), field.name);
                                seen[1] += 1;
                            }
                            Hold::Item => {
                                assert!(kept && subsequence(&after, &without), "{}: {}", r.id(), field.name);
                                seen[2] += 1;
                            }
                        }
                        if kept {
                            assert_eq!(Resource::read(kind, &r.pretty()), Ok(r));
                        }
                    }
                }
            }
        }
        assert!(seen.iter().all(|n| *n > 10), "{seen:?}");
    }

    #[test]
    fn id_and_name_are_changed_in_place() {
        let d = crate::check::testing::sample();
        for r in d.resources() {
            let (_, mut resource) = d.resource(r.id.as_str()).unwrap();
            *resource.id_mut() = Id::generated("renamed");
            assert_eq!(resource.id().as_str(), "renamed");
            assert_eq!(resource.name_mut().map(|n| n.as_str()), Some(r.name));
        }
        let td = Resource::read(
            ResourceKind::TaskDefinition,
            r#"{ "id": "td", "family": "app", "network_mode": "awsvpc" }"#,
        )
        .unwrap();
        assert!(td.clone().name_mut().is_none());
    }
}
