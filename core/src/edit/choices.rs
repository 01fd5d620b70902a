//! What a field of the inspector may be set to: the choices AWS allows for a route target, a subnet's route table
//! or network ACL, an instance's security groups.

use crate::doc::{Design, Id, RouteTarget, TgwAttachmentResource};

/// A choice for a route's target, with the words to show for it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetChoice {
    pub target: RouteTarget,
    /// The kind and the resource, such as `internet gateway igw-1 (web-igw)`.
    pub label: String,
}

fn named(id: &Id, name: &str) -> String {
    if name.is_empty() { id.to_string() } else { format!("{id} ({name})") }
}

/// The targets a route of a table in `vpc` may name: the VPC's internet and virtual private gateways, NAT gateways
/// in its subnets, peerings it is part of, transit gateways it is attached to, its gateway endpoints, interfaces
/// and instances in it, and blackhole.
pub fn route_targets(d: &Design, vpc: &Id) -> Vec<TargetChoice> {
    let in_vpc = |subnet: &Id| d.subnets.iter().any(|s| &s.id == subnet && &s.vpc == vpc);
    let mut out = Vec::new();
    let mut push = |target: RouteTarget, label: String| out.push(TargetChoice { target, label });
    for g in d.internet_gateways.iter().filter(|g| g.vpc.as_ref() == Some(vpc)) {
        push(RouteTarget::InternetGateway(g.id.clone()), format!("internet gateway {}", named(&g.id, &g.name)));
    }
    for n in d.nat_gateways.iter().filter(|n| in_vpc(&n.subnet)) {
        push(RouteTarget::NatGateway(n.id.clone()), format!("NAT gateway {}", named(&n.id, &n.name)));
    }
    for p in d.vpc_peerings.iter().filter(|p| &p.requester_vpc == vpc || &p.accepter_vpc == vpc) {
        push(RouteTarget::VpcPeering(p.id.clone()), format!("peering {}", named(&p.id, &p.name)));
    }
    for g in d.vpn_gateways.iter().filter(|g| g.vpc.as_ref() == Some(vpc)) {
        push(RouteTarget::VpnGateway(g.id.clone()), format!("virtual private gateway {}", named(&g.id, &g.name)));
    }
    for t in &d.transit_gateways {
        let attached = d.tgw_attachments.iter().any(|a| {
            a.transit_gateway == t.id && matches!(&a.resource, TgwAttachmentResource::Vpc { vpc: v, .. } if v == vpc)
        });
        if attached {
            push(RouteTarget::TransitGateway(t.id.clone()), format!("transit gateway {}", named(&t.id, &t.name)));
        }
    }
    for e in d.vpc_endpoints.iter().filter(|e| &e.vpc == vpc) {
        if matches!(e.endpoint, crate::doc::EndpointKind::Gateway { .. }) {
            push(RouteTarget::GatewayEndpoint(e.id.clone()), format!("gateway endpoint {}", named(&e.id, &e.name)));
        }
    }
    for i in d.instances.iter().filter(|i| in_vpc(&i.subnet)) {
        push(RouteTarget::Instance(i.id.clone()), format!("instance {}", named(&i.id, &i.name)));
    }
    for n in d.network_interfaces.iter().filter(|n| in_vpc(&n.subnet)) {
        push(RouteTarget::NetworkInterface(n.id.clone()), format!("network interface {}", named(&n.id, &n.name)));
    }
    push(RouteTarget::Blackhole, "blackhole (drop)".to_owned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{id, sample};

    #[test]
    fn the_sample_vpc_offers_its_gateways_instances_and_blackhole() {
        let d = sample();
        let choices = route_targets(&d, &id("vpc-main"));
        let texts: Vec<String> = choices.iter().map(|c| c.target.text()).collect();
        assert_eq!(texts, ["igw-main", "nat-a", "nat-c", "i-bastion", "i-web-a", "i-web-c", "blackhole"]);
        assert_eq!(choices[0].label, "internet gateway igw-main (web-igw)");
        assert_eq!(route_targets(&d, &id("vpc-other")).len(), 1);
    }
}
