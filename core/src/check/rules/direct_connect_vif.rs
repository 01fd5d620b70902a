//! `direct-connect-vif`: each kind of Direct Connect virtual interface ends somewhere specific. A public VIF reaches
//! AWS public prefixes, never a VPC; a private VIF ends on a virtual private gateway or a Direct Connect gateway; a
//! transit VIF ends on a Direct Connect gateway associated with transit gateways (SEMANTICS D1).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::{VifAttachment, VirtualInterfaceKind};
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "direct-connect-vif",
    severity: Severity::Error,
    title_en: "A Direct Connect virtual interface ends where its kind cannot",
    title_ko: "Direct Connect 가상 인터페이스가 종류에 맞지 않는 곳에 연결되어 있습니다",
    docs: docs::DX_VIF,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for v in &net.design.virtual_interfaces {
        let problem = match (v.kind, &v.attachment) {
            (VirtualInterfaceKind::Public, Some(_)) => Some((
                "is public: it reaches AWS public prefixes (S3, public endpoints), never a VPC. Use a private VIF to a virtual private gateway or Direct Connect gateway for VPC traffic.",
                "퍼블릭 VIF는 AWS 퍼블릭 대역(S3, 퍼블릭 엔드포인트)에만 닿고 VPC에는 닿지 않습니다. VPC 트래픽에는 가상 프라이빗 게이트웨이나 Direct Connect 게이트웨이로 가는 프라이빗 VIF를 쓰세요.",
            )),
            (VirtualInterfaceKind::Private, None) => Some((
                "is private but ends nowhere: attach it to a virtual private gateway or a Direct Connect gateway.",
                "프라이빗 VIF인데 연결된 곳이 없습니다. 가상 프라이빗 게이트웨이나 Direct Connect 게이트웨이에 연결하세요.",
            )),
            (VirtualInterfaceKind::Transit, Some(VifAttachment::VpnGateway(_)) | None) => Some((
                "is a transit VIF, which must end on a Direct Connect gateway associated with transit gateways.",
                "트랜짓 VIF는 트랜짓 게이트웨이와 연결된 Direct Connect 게이트웨이에 연결해야 합니다.",
            )),
            _ => None,
        };
        if let Some((en, ko)) = problem {
            sink.report(
                [&v.id],
                format!("Virtual interface {} {en}", show(&v.id, &v.name)),
                format!("가상 인터페이스 {}: {ko}", show(&v.id, &v.name)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::doc::*;

    fn vif(kind: VirtualInterfaceKind, attachment: Option<VifAttachment>) -> Design {
        let mut d = sample();
        d.virtual_interfaces.push(VirtualInterface {
            id: id("dxvif-1"),
            name: String::new(),
            kind,
            location: String::new(),
            vlan: Some(101),
            customer_asn: 65000,
            attachment,
            on_premises: None,
            advertised_prefixes: vec![],
            tags: Default::default(),
        });
        d
    }

    #[test]
    fn fires_on_a_public_vif_to_a_vpn_gateway() {
        fires(
            &vif(VirtualInterfaceKind::Public, Some(VifAttachment::VpnGateway(id("vgw-x")))),
            "direct-connect-vif",
            "dxvif-1",
        );
        fires(
            &vif(VirtualInterfaceKind::Transit, Some(VifAttachment::VpnGateway(id("vgw-x")))),
            "direct-connect-vif",
            "dxvif-1",
        );
    }

    #[test]
    fn quiet_on_well_formed_vifs() {
        quiet(&vif(VirtualInterfaceKind::Public, None), "direct-connect-vif");
        quiet(&vif(VirtualInterfaceKind::Private, Some(VifAttachment::DxGateway(id("dxgw-1")))), "direct-connect-vif");
    }
}
