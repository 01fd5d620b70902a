//! `lb-https-certificate`: an HTTPS or TLS listener needs a server certificate (SEMANTICS B1; cfn-lint E3676).

use super::{docs, show};
use crate::check::{References, Rule, Severity, Sink};
use crate::doc::ListenerProtocol;
use crate::model::Network;

pub(super) const RULE: Rule = Rule {
    code: "lb-https-certificate",
    severity: Severity::Error,
    title_en: "An HTTPS or TLS listener has no certificate",
    title_ko: "HTTPS/TLS 리스너에 인증서가 없습니다",
    docs: docs::ALB_HTTPS,
    refs: References { security_hub: &[], checkov: &[], cfn_lint: &["E3676"] },
    check,
};

fn check(net: &Network<'_>, sink: &mut Sink<'_>) {
    for lb in &net.design.load_balancers {
        for l in &lb.listeners {
            if matches!(l.protocol, ListenerProtocol::Https | ListenerProtocol::Tls) && l.certificates.is_empty() {
                sink.report(
                    [&lb.id],
                    format!("Load balancer {} has a {:?} listener on port {} without a certificate; AWS needs one (from ACM) to terminate TLS.", show(&lb.id, &lb.name), l.protocol, l.port),
                    format!("로드 밸런서 {}의 포트 {} {:?} 리스너에 인증서가 없습니다. TLS를 종료하려면 ACM 인증서가 필요합니다.", show(&lb.id, &lb.name), l.port, l.protocol),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lb_availability_zones::tests::with_alb;
    use crate::check::testing::*;
    use crate::doc::{ListenerProtocol, LoadBalancer};

    #[test]
    fn fires_on_https_without_certificate() {
        let mut d = with_alb();
        get_mut::<LoadBalancer>(&mut d, "alb-web").listeners[0].protocol = ListenerProtocol::Https;
        get_mut::<LoadBalancer>(&mut d, "alb-web").listeners[0].port = 443;
        fires(&d, "lb-https-certificate", "alb-web");
    }

    #[test]
    fn quiet_with_a_certificate() {
        let mut d = with_alb();
        get_mut::<LoadBalancer>(&mut d, "alb-web").listeners[0].protocol = ListenerProtocol::Https;
        get_mut::<LoadBalancer>(&mut d, "alb-web").listeners[0].certificates =
            vec!["arn:aws:acm:ap-northeast-2:123456789012:certificate/abc".into()];
        quiet(&d, "lb-https-certificate");
    }
}
