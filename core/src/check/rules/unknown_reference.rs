//! `unknown-reference`: a field names a resource that the design does not have, or one of the wrong kind (a route
//! to a NAT gateway that was deleted, a subnet in a VPC that is not drawn).

use super::docs;
use crate::check::{References, Rule, Severity, Sink};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "unknown-reference",
    severity: Severity::Error,
    title_en: "A reference names a resource that does not exist",
    title_ko: "존재하지 않는 리소스를 참조합니다",
    docs: docs::ROUTE_TABLES,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for r in net.design.references() {
        let found = net.kind_of(r.to.as_str());
        if found.is_some_and(|kind| r.kinds.contains(&kind)) {
            continue;
        }
        let wanted = r.kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(" or ");
        match found {
            Some(kind) => {
                sink.report(
                    [r.from, r.to],
                    format!(
                        "{} {}'s `{}` names {}, which is a {}, not a {wanted}.",
                        r.from_kind.label(),
                        r.from,
                        r.field,
                        r.to,
                        kind.label()
                    ),
                    format!(
                        "{} {}의 `{}`가 가리키는 {}는 {}이며 {}가 아닙니다.",
                        r.from_kind.label(),
                        r.from,
                        r.field,
                        r.to,
                        kind.label(),
                        wanted
                    ),
                );
            }
            None => {
                sink.report(
                    [r.from],
                    format!(
                        "{} {}'s `{}` names {}, but the design has no {wanted} with that id: add it or change the reference.",
                        r.from_kind.label(),
                        r.from,
                        r.field,
                        r.to
                    ),
                    format!(
                        "{} {}의 `{}`가 {}를 가리키지만 설계에 그런 ID의 {}가 없습니다. 리소스를 추가하거나 참조를 바꾸세요.",
                        r.from_kind.label(),
                        r.from,
                        r.field,
                        r.to,
                        wanted
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{RouteTable, RouteTarget, Subnet};

    #[test]
    fn fires_on_a_route_to_a_missing_nat_gateway() {
        let mut d = sample();
        get_mut::<RouteTable>(&mut d, "rtb-private-a").routes[0].target = RouteTarget::NatGateway(id("nat-gone"));
        let f = fires(&d, "unknown-reference", "rtb-private-a");
        assert!(f.message.en.contains("nat-gone"), "{}", f.message.en);
    }

    #[test]
    fn fires_on_a_reference_of_the_wrong_kind() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-public-a").route_table = Some(id("acl-default"));
        let f = fires(&d, "unknown-reference", "subnet-public-a");
        assert!(f.message.en.contains("which is a network ACL, not a route table"), "{}", f.message.en);
    }

    #[test]
    fn quiet_when_every_reference_resolves() {
        quiet(&sample(), "unknown-reference");
    }
}
