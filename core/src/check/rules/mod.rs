//! Every validation rule, one file each, and the generated catalogue of them.
//!
//! A rule file holds `pub(super) const RULE: Rule` (code, severity, titles, documentation link, references, check)
//! and its tests: at least one design where it fires and one where it must not.

use super::{Rule, Severity};
use crate::doc::Id;

mod cidr_host_bits;
mod default_sg_allows_traffic;
mod default_vpc_used;
mod direct_connect_vif;
mod duplicate_id;
mod ecs_assign_public_ip;
mod ecs_cannot_pull_images;
mod ecs_service_resilience;
mod ecs_service_subnets;
mod elastic_ip_quota;
mod elastic_ip_shared;
mod elastic_ip_unattached;
mod gateway_endpoint;
mod lb_availability_zones;
mod lb_https_certificate;
mod lb_internet_facing_private_subnet;
mod lb_target_public_instance;
mod lb_targets_single_az;
mod nacl_no_return_path;
mod nacl_open_admin_port;
mod nacl_rule_number;
mod nacl_rule_shadowed;
mod nat_gateway_cross_az;
mod nat_gateway_elastic_ip;
mod nat_gateway_subnet_not_public;
mod onprem_overlap;
mod peering_overlap;
mod peering_route_outside_peer;
mod peering_self;
mod private_ip_duplicate;
mod private_ip_outside_subnet;
mod private_ip_reserved;
mod public_subnet_no_public_ip;
mod route_blackhole;
mod route_duplicate_destination;
mod route_more_specific_than_local;
mod route_target_other_vpc;
mod security_group_other_vpc;
mod sg_open_admin_port;
mod sg_open_all_ports;
mod sg_open_high_risk_port;
mod sg_open_ports;
mod sg_reference_unreachable;
mod subnet_cidr_size;
mod subnet_implicit_route_table;
mod subnet_outside_vpc;
mod subnet_overlap;
mod subnet_zone;
mod unknown_reference;
mod vpc_cidr_overlap;
mod vpc_cidr_size;
mod vpc_flow_logs;
mod vpc_main_route_table;
mod vpc_multiple_internet_gateways;
mod vpc_secondary_cidr;
mod vpn_no_route;

/// Every rule, in catalogue order.
pub static ALL: &[&Rule] = &[
    &duplicate_id::RULE,
    &unknown_reference::RULE,
    &cidr_host_bits::RULE,
    &vpc_cidr_size::RULE,
    &vpc_secondary_cidr::RULE,
    &vpc_cidr_overlap::RULE,
    &subnet_cidr_size::RULE,
    &subnet_outside_vpc::RULE,
    &subnet_overlap::RULE,
    &subnet_zone::RULE,
    &private_ip_outside_subnet::RULE,
    &private_ip_reserved::RULE,
    &private_ip_duplicate::RULE,
    &vpc_main_route_table::RULE,
    &subnet_implicit_route_table::RULE,
    &route_target_other_vpc::RULE,
    &route_duplicate_destination::RULE,
    &route_more_specific_than_local::RULE,
    &route_blackhole::RULE,
    &public_subnet_no_public_ip::RULE,
    &peering_route_outside_peer::RULE,
    &vpc_multiple_internet_gateways::RULE,
    &nat_gateway_elastic_ip::RULE,
    &nat_gateway_subnet_not_public::RULE,
    &nat_gateway_cross_az::RULE,
    &elastic_ip_unattached::RULE,
    &elastic_ip_shared::RULE,
    &elastic_ip_quota::RULE,
    &nacl_rule_number::RULE,
    &nacl_rule_shadowed::RULE,
    &nacl_no_return_path::RULE,
    &nacl_open_admin_port::RULE,
    &sg_open_admin_port::RULE,
    &sg_open_high_risk_port::RULE,
    &sg_open_all_ports::RULE,
    &default_sg_allows_traffic::RULE,
    &sg_reference_unreachable::RULE,
    &peering_self::RULE,
    &peering_overlap::RULE,
    &vpn_no_route::RULE,
    &onprem_overlap::RULE,
    &direct_connect_vif::RULE,
    &gateway_endpoint::RULE,
    &security_group_other_vpc::RULE,
    &lb_availability_zones::RULE,
    &lb_https_certificate::RULE,
    &lb_internet_facing_private_subnet::RULE,
    &lb_target_public_instance::RULE,
    &lb_targets_single_az::RULE,
    &ecs_service_resilience::RULE,
    &ecs_service_subnets::RULE,
    &ecs_assign_public_ip::RULE,
    &ecs_cannot_pull_images::RULE,
    &vpc_flow_logs::RULE,
    &default_vpc_used::RULE,
];

/// AWS documentation pages the rules cite (the live URLs of ../shared/SEMANTICS.md's source key).
pub(crate) mod docs {
    pub const VPC_CIDR: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html";
    pub const SUBNET_SIZE: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html";
    pub const SUBNETS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html";
    pub const IP_ADDRESSING: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html";
    pub const ROUTE_TABLES: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html";
    pub const INTERNET_GATEWAY: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html";
    pub const NAT_GATEWAY: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html";
    pub const ELASTIC_IP: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-eips.html";
    pub const QUOTAS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";
    pub const NACL: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html";
    pub const SG_RULES: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html";
    pub const SG_DEFAULT: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html";
    pub const SECURITY_HUB_EC2: &str = "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html";
    pub const FLOW_LOGS: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html";
    pub const PEERING: &str = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html";
    pub const GATEWAY_ENDPOINTS: &str = "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html";
    pub const VPN_ROUTING: &str = "https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html";
    pub const DX_VIF: &str =
        "https://docs.aws.amazon.com/directconnect/latest/UserGuide/WorkingWithVirtualInterfaces.html";
    pub const ALB: &str =
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html";
    pub const ALB_HTTPS: &str =
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html";
    pub const ECS_AWSVPC: &str =
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html";
    pub const ECS_PRIVATE_PULL: &str = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html";
    pub const DEFAULT_VPC: &str = "https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html";
}

/// The next free block of `prefix_len` in `within`, and the sentence that suggests it in English and Korean (empty
/// when there is none).
pub(crate) fn free_block_hint(
    within: &[crate::net::Ipv4Cidr],
    used: &[crate::net::Ipv4Cidr],
    prefix_len: u8,
) -> (Option<crate::net::Ipv4Cidr>, String, String) {
    match crate::model::next_free_block(within, used, prefix_len) {
        Some(f) => (
            Some(f),
            format!(" The next free /{prefix_len} is {f}."),
            format!(" 비어 있는 다음 /{prefix_len} 블록은 {f}입니다."),
        ),
        None => (None, String::new(), String::new()),
    }
}

/// How a resource is named in messages: `name (id)`, or just the id.
pub(crate) fn show(id: &Id, name: &str) -> String {
    if name.is_empty() || name == id.as_str() { id.to_string() } else { format!("{name} ({id})") }
}

/// The catalogue of every rule as Markdown (`docs/rules.md`).
pub fn catalogue() -> String {
    let mut out = String::from(
        "# Validation rules\n\n\
         Generated from `core/src/check/rules/` by `cargo test -p vpcanvas-core catalogue` with `UPDATE_CATALOGUE=1`;\n\
         a test fails when this file and the code disagree. Each rule's file holds its check and its tests.\n\n\
         | code | severity | what it says | 한국어 | AWS documentation | Security Hub | checkov | cfn-lint |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for rule in ALL {
        let list = |ids: &[&str]| if ids.is_empty() { String::from("—") } else { ids.join(", ") };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | [link]({}) | {} | {} | {} |\n",
            rule.code,
            rule.severity.label(),
            rule.title_en,
            rule.title_ko,
            rule.docs,
            list(rule.refs.security_hub),
            list(rule.refs.checkov),
            list(rule.refs.cfn_lint),
        ));
    }
    let count = |s: Severity| ALL.iter().filter(|r| r.severity == s).count();
    out.push_str(&format!(
        "\n{} rules: {} errors, {} warnings, {} infos.\n",
        ALL.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_titled_in_both_languages() {
        let mut seen = HashSet::default();
        for rule in ALL {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(
                rule.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                rule.code
            );
            assert!(!rule.title_en.is_empty() && !rule.title_ko.is_empty(), "{}", rule.code);
            assert!(
                rule.title_ko.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
                "{} needs Korean",
                rule.code
            );
            assert!(rule.docs.starts_with("https://docs.aws.amazon.com/"), "{}", rule.code);
        }
    }

    #[test]
    fn no_rule_fires_on_the_clean_sample() {
        let found = crate::check::check(&crate::check::testing::sample());
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn catalogue_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
        let fresh = catalogue();
        if std::env::var_os("UPDATE_CATALOGUE").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == fresh,
            "docs/rules.md is stale: run `UPDATE_CATALOGUE=1 cargo test -p vpcanvas-core catalogue`"
        );
    }
}
