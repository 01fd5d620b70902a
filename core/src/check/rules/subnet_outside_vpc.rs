//! `subnet-outside-vpc`: a subnet block must lie inside one of its VPC's blocks (SEMANTICS A4). The message
//! suggests the next free block of the same size, and the fix uses it.

use super::{docs, show};
use crate::check::{FixStep, References, Rule, Severity, Sink};
use crate::doc::{Id, Subnet};
use crate::model::{HashMap, HashSet, Network};
use crate::net::Ipv4Cidr;

pub(super) const RULE: Rule = Rule {
    code: "subnet-outside-vpc",
    severity: Severity::Error,
    title_en: "A subnet's block is not inside its VPC's blocks",
    title_ko: "서브넷 블록이 VPC 블록 밖에 있습니다",
    docs: docs::SUBNET_SIZE,
    refs: References { security_hub: &[], checkov: &[], cfn_lint: &["E3059"] },
    check,
};

/// A VPC's subnets, for the free-block hints of the subnets outside it.
struct Space<'d> {
    /// Every subnet block of the VPC.
    used: Vec<Ipv4Cidr>,
    /// The ids of its subnets that overlap one of its blocks.
    inside: HashSet<&'d str>,
    /// Hints already worked out, by prefix length and, when it matters, the id of the subnet being moved.
    hints: HashMap<(u8, Option<&'d str>), Hint>,
}

type Hint = (Option<Ipv4Cidr>, String, String);

impl<'d> Space<'d> {
    fn new(net: &Network<'d>, vpc: &Id, blocks: &[Ipv4Cidr]) -> Self {
        let subnets: Vec<&Subnet> = net.subnets_of(vpc).collect();
        Space {
            used: subnets.iter().map(|o| o.cidr).collect(),
            inside: subnets
                .iter()
                .filter(|o| blocks.iter().any(|b| b.overlaps(&o.cidr)))
                .map(|o| o.id.as_str())
                .collect(),
            hints: HashMap::default(),
        }
    }

    /// The free block for a subnet of `prefix_len` with this id, the VPC's other subnets (other ids) in place. The
    /// subnets with this id matter only if one overlaps the VPC's blocks; otherwise the hint is the same for every
    /// subnet of that size.
    fn hint(&mut self, net: &Network<'d>, vpc: &Id, blocks: &[Ipv4Cidr], id: &'d Id, prefix_len: u8) -> Hint {
        let moved = self.inside.contains(id.as_str()).then_some(id.as_str());
        let used = &self.used;
        self.hints
            .entry((prefix_len, moved))
            .or_insert_with(|| match moved {
                None => super::free_block_hint(blocks, used, prefix_len),
                Some(_) => {
                    let others: Vec<Ipv4Cidr> = net.subnets_of(vpc).filter(|o| &o.id != id).map(|o| o.cidr).collect();
                    super::free_block_hint(blocks, &others, prefix_len)
                }
            })
            .clone()
    }
}

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    let mut spaces: HashMap<&str, Space<'_>> = HashMap::default();
    for s in &net.design.subnets {
        let Some(vpc) = net.vpc(&s.vpc) else { continue };
        let blocks: Vec<Ipv4Cidr> = Network::vpc_cidrs(vpc).copied().collect();
        if blocks.iter().any(|b| b.contains_cidr(&s.cidr)) {
            continue;
        }
        let (free, hint, hint_ko) = spaces
            .entry(vpc.id.as_str())
            .or_insert_with(|| Space::new(net, &vpc.id, &blocks))
            .hint(net, &vpc.id, &blocks, &s.id, s.cidr.prefix_len());
        let list = blocks.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", ");
        let d = sink.report(
            [&s.id, &vpc.id],
            format!(
                "Subnet {} ({}) is not inside VPC {} ({list}).{hint}",
                show(&s.id, &s.name),
                s.cidr,
                show(&vpc.id, &vpc.name)
            ),
            format!(
                "서브넷 {}({})이 VPC {}({list}) 안에 있지 않습니다.{hint_ko}",
                show(&s.id, &s.name),
                s.cidr,
                show(&vpc.id, &vpc.name)
            ),
        );
        if let Some(f) = free {
            d.with_fix(
                format!("Use {f}"),
                format!("{f} 사용"),
                vec![FixStep::SetSubnetCidr { subnet: s.id.clone(), cidr: f }],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::{Subnet, Vpc};

    #[test]
    fn fires_and_suggests_the_next_free_block() {
        let mut d = sample();
        get_mut::<Subnet>(&mut d, "subnet-private-c").cidr = cidr("10.1.11.0/24");
        let f = fires(&d, "subnet-outside-vpc", "subnet-private-c");
        assert!(f.message.en.contains("The next free /24 is 10.0.2.0/24"), "{}", f.message.en);
        let fixed = apply_fix(&d, &f);
        assert_eq!(get::<Subnet>(&fixed, "subnet-private-c").cidr, cidr("10.0.2.0/24"));
        quiet(&fixed, "subnet-outside-vpc");
    }

    #[test]
    fn quiet_inside_a_secondary_block() {
        let mut d = sample();
        get_mut::<Vpc>(&mut d, "vpc-main").secondary_cidrs = vec![cidr("10.1.0.0/16")];
        get_mut::<Subnet>(&mut d, "subnet-private-c").cidr = cidr("10.1.11.0/24");
        quiet(&d, "subnet-outside-vpc");
    }
}
