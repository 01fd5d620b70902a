//! Templates: small correct designs from the notes this project grew from, to start from. Each is kept as a design
//! file without layout (`core/templates/`) and laid out when opened, so that it stays readable in review. A test
//! keeps every one valid with no errors and every one of its intent checks passing.

use crate::doc::{Design, LoadError};
use crate::import::arrange;
use crate::text::Text;

/// A template: its key, its title in English and Korean, and its design file.
pub struct Template {
    pub key: &'static str,
    pub title_en: &'static str,
    pub title_ko: &'static str,
    text: &'static str,
}

macro_rules! template {
    ($key:literal, $en:literal, $ko:literal) => {
        Template {
            key: $key,
            title_en: $en,
            title_ko: $ko,
            text: include_str!(concat!("../templates/", $key, ".json")),
        }
    };
}

/// A template file that does not load (a build with a broken template; the tests keep every one loading).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template's key.
    pub key: &'static str,
    pub error: LoadError,
}

impl TemplateError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        let TemplateError { key, error } = self;
        Text::new(format!("Template {key}: {error}"), format!("템플릿 {key}: {error}"))
    }
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for TemplateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl Template {
    /// The design, laid out for the canvas.
    pub fn design(&self) -> Result<Design, TemplateError> {
        let mut d = crate::load(self.text).map_err(|error| TemplateError { key: self.key, error })?;
        d.layout = arrange(&d);
        Ok(d)
    }
}

/// Every template, simplest first.
pub fn all() -> Vec<Template> {
    vec![
        template!("single-public-subnet", "Single public subnet", "퍼블릭 서브넷 하나"),
        template!("public-private-nat", "Public and private subnets with NAT", "퍼블릭·프라이빗 서브넷과 NAT"),
        template!(
            "three-tier-multi-az",
            "Three tiers across two zones (ALB, NAT per zone)",
            "두 가용 영역의 3계층(ALB, 영역별 NAT)"
        ),
        template!("vpc-peering", "VPC peering", "VPC 피어링"),
        template!(
            "transitive-peering-broken",
            "Broken on purpose: transitive peering",
            "일부러 깨뜨린 예: 전이적 피어링"
        ),
        template!("vpn-and-direct-connect", "Site-to-Site VPN and Direct Connect", "Site-to-Site VPN과 Direct Connect"),
        template!("s3-gateway-endpoint", "S3 gateway endpoint", "S3 게이트웨이 엔드포인트"),
        template!("ecs-fargate-and-ec2", "ECS behind an ALB: Fargate and EC2", "ALB 뒤의 ECS: Fargate와 EC2"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Severity, check};
    use crate::sim::evaluate_intents;

    #[test]
    fn every_template_is_valid_and_its_checks_pass() {
        let templates = all();
        assert_eq!(templates.len(), 8);
        for t in templates {
            let d = t.design().unwrap_or_else(|e| panic!("{e}"));
            assert!(!d.name.is_empty() && !d.description.is_empty(), "{}", t.key);
            let errors: Vec<String> = check(&d)
                .into_iter()
                .filter(|x| x.severity == Severity::Error)
                .map(|x| format!("{} {}", x.code, x.message.en))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", t.key);
            let intents = evaluate_intents(&d);
            assert!(intents.len() >= 2, "{} has intent checks", t.key);
            for i in intents {
                assert!(i.passed, "{}: {}", t.key, i.message.en);
            }
            // Laid out: every container has a place.
            for v in &d.vpcs {
                assert!(d.layout.nodes.contains_key(&v.id), "{} {}", t.key, v.id);
            }
        }
    }

    #[test]
    fn a_broken_template_says_which_in_english_and_korean() {
        let broken = Template { key: "broken", title_en: "", title_ko: "", text: "{" };
        let e = broken.design().err().unwrap_or_else(|| panic!("{{ is not a design"));
        assert_eq!(e.key, "broken");
        let reason = e.error.to_string();
        assert!(reason.starts_with("not valid JSON"), "{reason}");
        assert_eq!(e.to_string(), format!("Template broken: {reason}"));
        assert_eq!(e.text(), Text::new(format!("Template broken: {reason}"), format!("템플릿 broken: {reason}")));
    }
}
