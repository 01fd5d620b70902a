//! AWS's rules for the IPv4 block of a VPC or a subnet (SEMANTICS A1, A2, A4): the sizes allowed, and what a block
//! typed for a resource must respect. The validation rules use the same limits; the app checks a block with
//! [`typed_block`] while it is typed.

use std::ops::RangeInclusive;

use super::Text;
use crate::model::{Network, next_free_block};
use crate::net::Ipv4Cidr;

/// The prefix lengths AWS allows for a VPC's IPv4 blocks, primary and secondary: /16 (65,536 addresses) to /28
/// (16 addresses) (A1, A2).
pub const VPC_PREFIX_LENS: RangeInclusive<u8> = 16..=28;

/// The prefix lengths AWS allows for a subnet's IPv4 block: /16 to /28 (A4).
pub const SUBNET_PREFIX_LENS: RangeInclusive<u8> = 16..=28;

/// What is wrong with a block typed for a VPC or a subnet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockProblem {
    pub text: Text,
    /// A block that would do instead, when there is one.
    pub suggestion: Option<Ipv4Cidr>,
    /// Whether the block cannot be used at all; `false` is a warning (host bits set, which AWS clears).
    pub refused: bool,
}

impl BlockProblem {
    fn refused(text: Text, suggestion: Option<Ipv4Cidr>) -> Self {
        BlockProblem { text, suggestion, refused: true }
    }
}

/// Checks `text` typed as the IPv4 block of the VPC or subnet `id`: it must read as a block; a VPC's is /16 to /28;
/// a subnet's is /16 to /28, inside one of its VPC's blocks, overlapping none of its VPC's other subnets, and
/// preferably without host bits. A refused subnet block comes with the VPC's next free block of the nearest allowed
/// size. `None` when the block is fine, or `id` names neither a VPC nor a subnet with a VPC.
pub fn typed_block(net: &Network<'_>, id: &str, text: &str) -> Option<BlockProblem> {
    let cidr: Ipv4Cidr = match text.trim().parse() {
        Ok(c) => c,
        Err(e) => {
            let text = Text::new(format!("Not a CIDR block: {e}."), format!("CIDR 블록이 아닙니다: {e}."));
            return Some(BlockProblem::refused(text, None));
        }
    };
    match net.kind_of(id)? {
        crate::doc::ResourceKind::Vpc if !VPC_PREFIX_LENS.contains(&cidr.prefix_len()) => {
            let text = Text::new("A VPC's block is between /16 and /28.", "VPC 블록은 /16에서 /28 사이여야 합니다.");
            Some(BlockProblem::refused(text, None))
        }
        crate::doc::ResourceKind::Subnet => subnet_block(net, id, cidr),
        _ => None,
    }
}

/// The subnet half of [`typed_block`].
fn subnet_block(net: &Network<'_>, id: &str, cidr: Ipv4Cidr) -> Option<BlockProblem> {
    let s = net.subnet(&crate::doc::Id::new(id).ok()?)?;
    let vpc = net.vpc(&s.vpc)?;
    let within: Vec<Ipv4Cidr> = Network::vpc_cidrs(vpc).map(|c| c.canonical()).collect();
    let others: Vec<&crate::doc::Subnet> = net.subnets_of(&s.vpc).filter(|x| x.id != s.id).collect();
    let used: Vec<Ipv4Cidr> = others.iter().map(|x| x.cidr.canonical()).collect();
    let len = cidr.prefix_len().clamp(*SUBNET_PREFIX_LENS.start(), *SUBNET_PREFIX_LENS.end());
    let suggest = next_free_block(&within, &used, len);
    let block = cidr.canonical();
    if !SUBNET_PREFIX_LENS.contains(&cidr.prefix_len()) {
        let text = Text::new("A subnet's block is between /16 and /28.", "서브넷 블록은 /16에서 /28 사이여야 합니다.");
        return Some(BlockProblem::refused(text, suggest));
    }
    if !within.iter().any(|w| w.contains_cidr(&block)) {
        let text = Text::new(
            format!("{cidr} is outside VPC {} ({}).", vpc.id, vpc.cidr),
            format!("{cidr}는 VPC {}({}) 밖입니다.", vpc.id, vpc.cidr),
        );
        return Some(BlockProblem::refused(text, suggest));
    }
    if let Some(other) = others.iter().find(|x| x.cidr.canonical().overlaps(&block)) {
        let text = Text::new(
            format!("{cidr} overlaps subnet {} ({}).", other.id, other.cidr),
            format!("{cidr}가 서브넷 {}({})과 겹칩니다.", other.id, other.cidr),
        );
        return Some(BlockProblem::refused(text, suggest));
    }
    if cidr.has_host_bits() {
        let text = Text::new(
            format!("{cidr} has host bits set: AWS stores it as {block}."),
            format!("{cidr}에 호스트 비트가 있습니다. AWS는 {block}로 저장합니다."),
        );
        return Some(BlockProblem { text, suggestion: Some(block), refused: false });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::sample;

    fn problem(id: &str, text: &str) -> Option<BlockProblem> {
        let d = sample();
        typed_block(&Network::new(&d), id, text)
    }

    #[test]
    fn a_free_subnet_block_inside_its_vpc_is_fine() {
        assert_eq!(problem("subnet-public-a", "10.0.0.0/24"), None, "its own block");
        assert_eq!(problem("subnet-public-a", "10.0.20.0/28"), None);
        assert_eq!(problem("vpc-main", "10.0.0.0/16"), None);
        assert_eq!(problem("vpc-main", "10.0.0.0/28"), None);
    }

    #[test]
    fn subnet_blocks_are_refused_with_the_next_free_block() {
        let p = problem("subnet-public-a", "10.0.1.0/24").unwrap();
        assert!(p.refused && p.text.en.contains("overlaps subnet subnet-public-c"), "{p:?}");
        assert_eq!(p.suggestion, Some("10.0.0.0/24".parse().unwrap()), "its own block is free for it");
        let p = problem("subnet-public-c", "10.0.0.0/24").unwrap();
        assert_eq!(p.suggestion, Some("10.0.1.0/24".parse().unwrap()));
        let p = problem("subnet-public-a", "10.1.0.0/24").unwrap();
        assert!(p.refused && p.text.en.contains("outside VPC vpc-main"), "{p:?}");
        for small in ["10.0.2.0/29", "10.0.0.0/15"] {
            let p = problem("subnet-public-a", small).unwrap();
            assert!(p.refused && p.text.ko.contains("/16에서 /28"), "{small}: {p:?}");
        }
        let p = problem("subnet-public-a", "10.0.2.0/30").unwrap();
        assert_eq!(p.suggestion, Some("10.0.0.0/28".parse().unwrap()), "the nearest allowed size");
        let p = problem("subnet-public-a", "ten").unwrap();
        assert!(p.refused && p.text.en.starts_with("Not a CIDR block") && p.suggestion.is_none());
    }

    #[test]
    fn host_bits_are_a_warning_and_vpc_sizes_are_checked() {
        let p = problem("subnet-public-a", "10.0.20.5/24").unwrap();
        assert!(!p.refused);
        assert_eq!(p.suggestion, Some("10.0.20.0/24".parse().unwrap()));
        for bad in ["10.0.0.0/8", "10.0.0.0/29"] {
            let p = problem("vpc-main", bad).unwrap();
            assert!(p.refused && p.suggestion.is_none(), "{bad}");
        }
        assert_eq!(problem("rtb-main", "10.0.0.0/8"), None, "not a VPC or subnet");
    }
}
