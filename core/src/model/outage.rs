//! What is down in a failure scenario: whole availability zones, and single resources (an instance, a NAT gateway,
//! a VPN connection, a Direct Connect virtual interface, an ECS task). The network index carries it so that every
//! part of the simulator sees the same scenario; building one from a design, with ECS re-placing its tasks, is
//! `sim::failure`'s job.

use std::collections::BTreeSet;

use crate::doc::Id;

/// The failed zones and resources of a scenario. Empty: everything runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outage {
    zones: BTreeSet<String>,
    resources: BTreeSet<Id>,
}

/// Why something is down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownCause {
    /// It failed itself.
    Failed(Id),
    /// Its availability zone failed.
    Zone(String),
    /// The instance it runs on or is attached to is down.
    Host(Id),
}

impl DownCause {
    /// The cause in English and Korean, to finish a sentence ("… is down: …").
    pub fn words(&self) -> (String, String) {
        match self {
            DownCause::Failed(id) => (format!("{id} has failed"), format!("{id}에 장애가 났습니다")),
            DownCause::Zone(z) => {
                (format!("availability zone {z} has failed"), format!("가용 영역 {z}에 장애가 났습니다"))
            }
            DownCause::Host(h) => {
                (format!("its instance {h} is down"), format!("실행 중인 인스턴스 {h}가 중단되었습니다"))
            }
        }
    }
}

impl Outage {
    /// Nothing down.
    pub fn none() -> Outage {
        Outage::default()
    }

    pub fn fail_zone(&mut self, zone: impl Into<String>) {
        self.zones.insert(zone.into());
    }

    pub fn fail(&mut self, id: Id) {
        self.resources.insert(id);
    }

    pub fn is_empty(&self) -> bool {
        self.zones.is_empty() && self.resources.is_empty()
    }

    pub fn zone_down(&self, zone: &str) -> bool {
        self.zones.contains(zone)
    }

    /// Whether this resource itself is marked as failed (not whether its zone is).
    pub fn failed(&self, id: &Id) -> bool {
        self.resources.contains(id)
    }

    pub fn zones(&self) -> impl Iterator<Item = &str> {
        self.zones.iter().map(String::as_str)
    }

    pub fn resources(&self) -> impl Iterator<Item = &Id> {
        self.resources.iter()
    }

    /// Why a resource in `zone` is down, checking the resource, then its zone: `None` when it runs.
    pub fn down(&self, id: &Id, zone: &str) -> Option<DownCause> {
        if self.failed(id) {
            Some(DownCause::Failed(id.clone()))
        } else if self.zone_down(zone) {
            Some(DownCause::Zone(zone.to_owned()))
        } else {
            None
        }
    }

    /// The scenario in words: `availability zone us-east-1a, nat-1`.
    pub fn describe(&self) -> String {
        self.words("availability zone")
    }

    /// The scenario in Korean words: `가용 영역 us-east-1a, nat-1`.
    pub fn describe_ko(&self) -> String {
        self.words("가용 영역")
    }

    fn words(&self, zone: &str) -> String {
        let zones = self.zones.iter().map(|z| format!("{zone} {z}"));
        let ids = self.resources.iter().map(|i| i.to_string());
        zones.chain(ids).collect::<Vec<_>>().join(", ")
    }
}
