//! Validation: what is wrong with a design, said while the user draws it.
//!
//! [`lower`] indexes a design into a [`Network`] and runs every rule of [`rules::ALL`] on it. It never fails: a
//! flawed design yields diagnostics. Each rule lives in its own file under `rules/` with its metadata (stable code,
//! severity, English and Korean title, AWS documentation link, matching Security Hub / checkov / cfn-lint ids), its
//! check and its tests. `docs/rules.md` is generated from the metadata (`rules::catalogue`) and a test keeps it in step.

pub mod cidr;
mod fix;
pub mod rules;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
pub(crate) mod work;

use crate::text::Text;
pub use fix::{Fix, FixError, FixStep};

use serde::Serialize;

use crate::doc::{Design, Id};
use crate::model::Network;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// AWS would reject the design, or the part cannot work.
    Error,
    /// It works, but breaks a best practice or will surprise.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Ids of the same finding in other tools, where one exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct References {
    /// AWS Security Hub controls (`EC2.2`).
    pub security_hub: &'static [&'static str],
    /// checkov checks (`CKV2_AWS_12`).
    pub checkov: &'static [&'static str],
    /// cfn-lint rules (`E3011`).
    pub cfn_lint: &'static [&'static str],
}

impl References {
    pub const NONE: References = References { security_hub: &[], checkov: &[], cfn_lint: &[] };
}

/// A validation rule: its metadata and its check.
pub struct Rule {
    /// Stable kebab-case code, such as `subnet-outside-vpc`.
    pub code: &'static str,
    /// The usual severity; a finding may be raised or lowered where the rule says why.
    pub severity: Severity,
    pub title_en: &'static str,
    pub title_ko: &'static str,
    /// The AWS documentation page that states the fact.
    pub docs: &'static str,
    pub refs: References,
    pub check: fn(&Network<'_>, &mut Sink<'_>),
}

/// One finding about a design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    /// The resources it is about, the first being the one to select.
    pub resources: Vec<Id>,
    /// What is wrong and how to fix it.
    pub message: Text,
    pub docs: &'static str,
    pub refs: References,
    /// The one obvious fix, as an edit the app can apply, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// Where a rule's check reports its findings.
pub struct Sink<'a> {
    rule: &'static Rule,
    out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Reports a finding about `resources`, with the message in English and Korean.
    pub fn report<'i>(
        &mut self,
        resources: impl IntoIterator<Item = &'i Id>,
        en: impl Into<String>,
        ko: impl Into<String>,
    ) -> &mut Diagnostic {
        let index = self.out.len();
        self.out.push(Diagnostic {
            code: self.rule.code,
            severity: self.rule.severity,
            resources: resources.into_iter().cloned().collect(),
            message: Text::new(en, ko),
            docs: self.rule.docs,
            refs: self.rule.refs,
            fix: None,
        });
        &mut self.out[index]
    }
}

impl Diagnostic {
    /// Attaches the fix.
    pub fn with_fix(&mut self, en: impl Into<String>, ko: impl Into<String>, steps: Vec<FixStep>) -> &mut Self {
        self.fix = Some(Fix { title: Text::new(en, ko), steps });
        self
    }

    /// Changes the severity of this finding (the rule's text says when it does).
    pub fn with_severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
}

/// Indexes a design and validates it: the network, and every diagnostic, most severe first.
pub fn lower(design: &Design) -> (Network<'_>, Vec<Diagnostic>) {
    let network = Network::new(design);
    let diagnostics = check_network(&network);
    (network, diagnostics)
}

/// Every diagnostic of a design, most severe first.
pub fn check(design: &Design) -> Vec<Diagnostic> {
    lower(design).1
}

/// Runs every rule on an indexed design.
pub fn check_network(network: &Network<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules::ALL {
        run(rule, network, &mut out);
    }
    // Stable order: severity, then code, then the first resource; rules report in document order.
    out.sort_by(|a, b| (a.severity, a.code, a.resources.first()).cmp(&(b.severity, b.code, b.resources.first())));
    out
}

/// Runs one rule on an indexed design: its findings in the order it reports them (the benchmark times rules one by
/// one).
pub fn check_rule(rule: &'static Rule, network: &Network<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    run(rule, network, &mut out);
    out
}

fn run(rule: &'static Rule, network: &Network<'_>, out: &mut Vec<Diagnostic>) {
    let mut sink = Sink { rule, out };
    (rule.check)(network, &mut sink);
}
