//! `gateway-endpoint`: gateway endpoints exist only for Amazon S3 and DynamoDB, and only route tables of their own VPC
//! can use them (SEMANTICS E1, E2).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::EndpointKind;
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "gateway-endpoint",
    severity: Severity::Error,
    title_en: "A gateway endpoint is for a service other than S3 or DynamoDB, or serves another VPC's route table",
    title_ko: "게이트웨이 엔드포인트가 S3·DynamoDB 외의 서비스용이거나 다른 VPC의 라우팅 테이블에 연결되어 있습니다",
    docs: docs::GATEWAY_ENDPOINTS,
    refs: References::NONE,
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for e in &net.design.vpc_endpoints {
        let EndpointKind::Gateway { route_tables, .. } = &e.endpoint else { continue };
        let name = show(&e.id, &e.name);
        let service = e.service_name.rsplit('.').next().unwrap_or_default();
        if service != "s3" && service != "dynamodb" {
            sink.report(
                [&e.id],
                format!("Gateway endpoint {name} is for {}, but gateway endpoints exist only for S3 and DynamoDB. Use an interface endpoint for this service.", e.service_name),
                format!("게이트웨이 엔드포인트 {name}의 서비스가 {}인데, 게이트웨이 엔드포인트는 S3와 DynamoDB에만 있습니다. 이 서비스에는 인터페이스 엔드포인트를 쓰세요.", e.service_name),
            );
        }
        for t in route_tables {
            let Some(table) = net.route_table(t) else { continue };
            if table.vpc != e.vpc {
                sink.report(
                    [&e.id, &table.id],
                    format!("Gateway endpoint {name} (VPC {}) is associated with route table {} of VPC {}; an endpoint serves only its own VPC's route tables.", e.vpc, table.id, table.vpc),
                    format!("게이트웨이 엔드포인트 {name}(VPC {})가 VPC {}의 라우팅 테이블 {}에 연결되어 있습니다. 엔드포인트는 자기 VPC의 라우팅 테이블에만 쓸 수 있습니다.", e.vpc, table.vpc, table.id),
                );
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::check::testing::*;
    use crate::doc::*;

    pub fn endpoint(id_text: &str, service: &str, endpoint: EndpointKind) -> VpcEndpoint {
        VpcEndpoint {
            id: id(id_text),
            name: String::new(),
            vpc: id("vpc-main"),
            service_name: service.into(),
            endpoint,
            tags: Default::default(),
        }
    }

    #[test]
    fn fires_on_a_gateway_endpoint_for_ecr() {
        let mut d = sample();
        d.vpc_endpoints.push(endpoint(
            "vpce-1",
            "com.amazonaws.ap-northeast-2.ecr.dkr",
            EndpointKind::Gateway { route_tables: vec![id("rtb-private-a")], prefix_list: None },
        ));
        fires(&d, "gateway-endpoint", "vpce-1");
    }

    #[test]
    fn quiet_on_s3() {
        let mut d = sample();
        d.vpc_endpoints.push(endpoint(
            "vpce-1",
            "com.amazonaws.ap-northeast-2.s3",
            EndpointKind::Gateway { route_tables: vec![id("rtb-private-a")], prefix_list: None },
        ));
        quiet(&d, "gateway-endpoint");
    }
}
