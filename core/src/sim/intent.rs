//! Where a flow starts and ends, as people write it (`i-web`, `internet`, `on-premises`, `s3`, `10.0.1.5`), and
//! the evaluation of a design's intent checks.

use std::net::Ipv4Addr;

use serde::Serialize;

use super::{Answer, Destination, Places, Query, Source, on_premises_host, service_address, trace_in};
use crate::doc::{Design, Expectation, Id, IdError, Intent};
use crate::model::Network;
use crate::text::Text;

/// Why a flow's start or end could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowEndError {
    /// `on-premises` (or an on-premises network's id) as a start, with no address given and none to take.
    NoOnPremisesSource,
    /// `on-premises` as an end, in a design with no on-premises network.
    NoOnPremisesDestination,
    /// `s3` or `dynamodb`, in a design with no AWS prefix list for the service.
    NoServicePrefixList(String),
    /// Text that cannot be a resource id.
    NotAnId(String, IdError),
    /// An id the design does not have.
    UnknownResource(Id),
}

impl FlowEndError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            FlowEndError::NoOnPremisesSource => Text::new(
                "The design has no on-premises network to start from: add one, or give an address.",
                "출발할 온프레미스 네트워크가 없습니다. 추가하거나 주소를 주세요.",
            ),
            FlowEndError::NoOnPremisesDestination => Text::new(
                "The design has no on-premises network: add one, or give an address.",
                "설계에 온프레미스 네트워크가 없습니다. 추가하거나 주소를 주세요.",
            ),
            FlowEndError::NoServicePrefixList(service) => Text::new(
                format!("The design has no AWS prefix list for {service} (com.amazonaws.<region>.{service})."),
                format!("설계에 {service}의 AWS 접두사 목록(com.amazonaws.<region>.{service})이 없습니다."),
            ),
            FlowEndError::NotAnId(text, e) => Text::new(
                format!("{text:?} is not a resource id: {e}."),
                format!("{text:?}는 리소스 ID가 아닙니다: {e}."),
            ),
            FlowEndError::UnknownResource(id) => {
                Text::new(format!("The design has no resource {id}."), format!("설계에 {id} 리소스가 없습니다."))
            }
        }
    }
}

impl std::fmt::Display for FlowEndError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for FlowEndError {}

/// Where a flow outside AWS starts: the internet, or on-premises (a named network, or the design's first).
enum Outside<'d> {
    Internet,
    OnPremises(Option<&'d Id>),
}

/// The outside start `text` names, if it names one.
fn outside<'d>(design: &'d Design, text: &str) -> Option<Outside<'d>> {
    let text = text.trim();
    if text == "internet" {
        return Some(Outside::Internet);
    }
    match design.on_premises.iter().find(|n| n.id.as_str() == text) {
        Some(n) => Some(Outside::OnPremises(Some(&n.id))),
        None => (text == "on-premises").then_some(Outside::OnPremises(None)),
    }
}

/// Whether a flow's start may be given an address of its own (the `ip` of [`source_of`]): the internet, on-premises
/// or an on-premises network. A resource starts from its own addresses.
pub fn source_takes_address(design: &Design, text: &str) -> bool {
    outside(design, text).is_some()
}

/// Reads a flow's start: a resource id, `internet` (at `ip`, default 8.8.8.8), `on-premises` (at `ip`, or the
/// first host of the design's first on-premises network) or an on-premises network's id (its first host, or `ip`).
pub fn source_of(design: &Design, text: &str, ip: Option<Ipv4Addr>) -> Result<Source, FlowEndError> {
    match outside(design, text) {
        Some(Outside::Internet) => Ok(Source::Internet { ip }),
        Some(Outside::OnPremises(network)) => ip
            .or_else(|| on_premises_host(design, network))
            .map(|ip| Source::OnPremises { ip })
            .ok_or(FlowEndError::NoOnPremisesSource),
        None => resource(design, text.trim()).map(Source::Resource),
    }
}

/// Reads a flow's end: a resource id, an IPv4 address, `internet`, `s3` or `dynamodb` (an address of the design's
/// AWS prefix list for it) or `on-premises` (the first host of the design's first on-premises network).
pub fn destination_of(design: &Design, text: &str) -> Result<Destination, FlowEndError> {
    let text = text.trim();
    match text {
        "internet" => Ok(Destination::Internet),
        "s3" | "dynamodb" => service_address(design, text)
            .map(Destination::Ip)
            .ok_or_else(|| FlowEndError::NoServicePrefixList(text.to_owned())),
        "on-premises" => {
            on_premises_host(design, None).map(Destination::Ip).ok_or(FlowEndError::NoOnPremisesDestination)
        }
        _ => match text.parse::<Ipv4Addr>() {
            Ok(ip) => Ok(Destination::Ip(ip)),
            Err(_) => resource(design, text).map(Destination::Resource),
        },
    }
}

fn resource(design: &Design, text: &str) -> Result<Id, FlowEndError> {
    let id = Id::new(text).map_err(|e| FlowEndError::NotAnId(text.to_owned(), e))?;
    if design.find(id.as_str()).is_none() {
        return Err(FlowEndError::UnknownResource(id));
    }
    Ok(id)
}

/// The outcome of one intent check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntentResult {
    /// Its index in the design's list.
    pub index: usize,
    pub name: String,
    pub passed: bool,
    /// Whether the flow is reachable; `None` when the check could not run (an endpoint the design lacks).
    pub reachable: Option<bool>,
    /// What happened, in words.
    pub message: Text,
    /// The traced flow, when it ran.
    #[serde(skip)]
    pub answer: Option<Answer>,
}

/// The query an intent stands for.
pub fn intent_query(design: &Design, intent: &Intent) -> Result<Query, FlowEndError> {
    let source = source_of(design, &intent.from, intent.from_ip)?;
    let destination = destination_of(design, &intent.to)?;
    Ok(Query::new(source, destination, intent.protocol, intent.port))
}

/// Evaluates every intent of a design.
pub fn evaluate(design: &Design) -> Vec<IntentResult> {
    if design.intents.is_empty() {
        return Vec::new();
    }
    let net = Network::new(design);
    let places = Places::new(&net);
    evaluate_in(design, &net, &places)
}

/// Evaluates every intent on an indexed design (the same index as validation, when the caller has it).
pub fn evaluate_in(design: &Design, net: &Network<'_>, places: &Places<'_>) -> Vec<IntentResult> {
    design
        .intents
        .iter()
        .enumerate()
        .map(|(index, intent)| {
            let from = match intent.from_ip {
                Some(ip) => format!("{} ({ip})", intent.from),
                None => intent.from.clone(),
            };
            let flow = format!("{from} -> {} {}{}", intent.to, intent.protocol, port_text(intent.port));
            match intent_query(design, intent) {
                Err(e) => {
                    let why = e.text();
                    IntentResult {
                        index,
                        name: intent.name.clone(),
                        passed: false,
                        reachable: None,
                        message: Text::new(
                            format!("{flow}: cannot be checked. {}", why.en),
                            format!("{flow}: 확인할 수 없습니다. {}", why.ko),
                        ),
                        answer: None,
                    }
                }
                Ok(query) => {
                    let answer = trace_in(net, places, &query);
                    let want = intent.expect == Expectation::Reachable;
                    let passed = answer.reachable == want;
                    let (en, ko) = match (want, answer.reachable) {
                        (true, true) => ("reachable, as expected", "예상대로 도달"),
                        (false, false) => ("unreachable, as expected", "예상대로 도달 불가"),
                        (true, false) => ("expected reachable, but it is not", "도달해야 하지만 도달하지 못함"),
                        (false, true) => ("expected unreachable, but it is reachable", "막혀야 하지만 도달함"),
                    };
                    let why = if passed {
                        Text::new("", "")
                    } else {
                        let t = answer
                            .reply
                            .as_ref()
                            .filter(|r| answer.forward.disposition.arrived() && !r.disposition.arrived())
                            .unwrap_or(&answer.forward);
                        Text::new(format!(" {}", t.explanation.en), format!(" {}", t.explanation.ko))
                    };
                    IntentResult {
                        index,
                        name: intent.name.clone(),
                        passed,
                        reachable: Some(answer.reachable),
                        message: Text::new(format!("{flow}: {en}.{}", why.en), format!("{flow}: {ko}.{}", why.ko)),
                        answer: Some(answer),
                    }
                }
            }
        })
        .collect()
}

fn port_text(port: u16) -> String {
    if port == 0 { String::new() } else { format!("/{port}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Expectation, Intent};
    use crate::net::Protocol;
    use crate::testing::sample;

    fn intent(from: &str, to: &str, port: u16, expect: Expectation) -> Intent {
        Intent {
            name: format!("{from} to {to}"),
            from: from.into(),
            from_ip: None,
            to: to.into(),
            protocol: Protocol::TCP,
            port,
            expect,
        }
    }

    #[test]
    fn outside_starts_take_an_address() {
        let mut d = sample();
        assert!(source_takes_address(&d, "internet"));
        assert!(source_takes_address(&d, " on-premises "));
        assert!(!source_takes_address(&d, "i-web-a"));
        assert!(!source_takes_address(&d, "onprem-hq"), "no such network yet");
        d.on_premises.push(
            serde_json::from_value(serde_json::json!({ "id": "onprem-hq", "cidrs": ["192.168.0.0/16"] }))
                .unwrap_or_else(|e| panic!("{e}")),
        );
        assert!(source_takes_address(&d, "onprem-hq"));
        let hq = source_of(&d, "onprem-hq", None);
        assert_eq!(hq, Ok(Source::OnPremises { ip: Ipv4Addr::new(192, 168, 0, 1) }));
    }

    #[test]
    fn endpoints_read_as_the_cli_reads_them() {
        let d = sample();
        assert_eq!(source_of(&d, "internet", None), Ok(Source::Internet { ip: None }));
        assert!(matches!(source_of(&d, "i-web-a", None), Ok(Source::Resource(_))));
        assert_eq!(source_of(&d, "i-nope", None), Err(FlowEndError::UnknownResource(Id::generated("i-nope"))));
        assert_eq!(source_of(&d, "on-premises", None), Err(FlowEndError::NoOnPremisesSource), "no on-premises network");
        assert_eq!(destination_of(&d, "10.0.0.5"), Ok(Destination::Ip(Ipv4Addr::new(10, 0, 0, 5))));
        assert_eq!(destination_of(&d, "internet"), Ok(Destination::Internet));
        assert_eq!(destination_of(&d, "s3"), Err(FlowEndError::NoServicePrefixList("s3".into())));
        assert_eq!(destination_of(&d, "on-premises"), Err(FlowEndError::NoOnPremisesDestination));
        assert_eq!(destination_of(&d, "bad id!"), Err(FlowEndError::NotAnId("bad id!".into(), IdError::BadChar(' '))));
    }

    #[test]
    fn every_flow_end_error_reads_in_english_and_korean() {
        let cases = [
            (
                FlowEndError::NoOnPremisesSource,
                "The design has no on-premises network to start from: add one, or give an address.",
                "출발할 온프레미스 네트워크가 없습니다. 추가하거나 주소를 주세요.",
            ),
            (
                FlowEndError::NoOnPremisesDestination,
                "The design has no on-premises network: add one, or give an address.",
                "설계에 온프레미스 네트워크가 없습니다. 추가하거나 주소를 주세요.",
            ),
            (
                FlowEndError::NoServicePrefixList("dynamodb".into()),
                "The design has no AWS prefix list for dynamodb (com.amazonaws.<region>.dynamodb).",
                "설계에 dynamodb의 AWS 접두사 목록(com.amazonaws.<region>.dynamodb)이 없습니다.",
            ),
            (
                FlowEndError::NotAnId(String::new(), IdError::Empty),
                "\"\" is not a resource id: an id cannot be empty.",
                "\"\"는 리소스 ID가 아닙니다: an id cannot be empty.",
            ),
            (
                FlowEndError::UnknownResource(Id::generated("i-gone")),
                "The design has no resource i-gone.",
                "설계에 i-gone 리소스가 없습니다.",
            ),
        ];
        for (e, en, ko) in cases {
            assert_eq!(e.to_string(), en);
            assert_eq!(e.text(), Text::new(en, ko));
        }
    }

    #[test]
    fn intents_pass_and_fail_with_the_reason() {
        let mut d = sample();
        d.intents = vec![
            intent("i-web-a", "internet", 443, Expectation::Reachable),
            intent("internet", "i-web-a", 22, Expectation::Unreachable),
            intent("internet", "i-web-a", 22, Expectation::Reachable),
            intent("i-gone", "internet", 443, Expectation::Reachable),
            // From the office the bastion answers SSH; from anyone else it does not.
            Intent {
                from_ip: Some(Ipv4Addr::new(198, 51, 100, 7)),
                ..intent("internet", "i-bastion", 22, Expectation::Reachable)
            },
            intent("internet", "i-bastion", 22, Expectation::Unreachable),
        ];
        let r = evaluate(&d);
        assert_eq!(r.iter().map(|x| x.passed).collect::<Vec<_>>(), [true, true, false, false, true, true]);
        assert!(r[4].message.en.starts_with("internet (198.51.100.7) -> i-bastion"), "{}", r[4].message.en);
        assert_eq!(r[2].reachable, Some(false));
        assert!(r[2].message.en.contains("expected reachable, but it is not"), "{}", r[2].message.en);
        assert_eq!(r[3].reachable, None);
        assert!(r[3].message.en.contains("no resource i-gone"), "{}", r[3].message.en);
    }
}
