//! Where things are drawn: positions, sizes and collapsed state. Layout is saved with the design but is never
//! read by validation or simulation; containment (an instance in a subnet) is a field of the resource, not a
//! geometric overlap.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, is_false};

/// The drawing of a design, in canvas units (one unit is one CSS pixel at 100 % zoom).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// The placement of each resource, by id. A resource without one is placed automatically.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub nodes: BTreeMap<Id, Placement>,
    /// Availability Zone boxes, one per VPC and zone (zones are not resources, so they have no id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<ZonePlacement>,
    /// Where the internet is drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet: Option<Placement>,
}

impl Layout {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.zones.is_empty() && self.internet.is_none()
    }

    /// The box of an Availability Zone inside a VPC, if placed.
    pub fn zone(&self, vpc: &Id, zone: &str) -> Option<&Placement> {
        self.zones.iter().find(|z| &z.vpc == vpc && z.zone == zone).map(|z| &z.placement)
    }
}

/// A position (top-left corner, relative to the canvas origin) and, for containers, a size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    pub x: f64,
    pub y: f64,
    /// Width of a container; icons have a fixed size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub h: Option<f64>,
    /// A collapsed container is drawn as a single tile.
    #[serde(default, skip_serializing_if = "is_false")]
    pub collapsed: bool,
}

impl Placement {
    pub fn at(x: f64, y: f64) -> Self {
        Placement { x, y, ..Placement::default() }
    }

    pub fn rect(x: f64, y: f64, w: f64, h: f64) -> Self {
        Placement { x, y, w: Some(w), h: Some(h), collapsed: false }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ZonePlacement {
    pub vpc: Id,
    /// The zone name, such as `ap-northeast-2a`.
    pub zone: String,
    pub placement: Placement,
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Placement {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        // JSON has no NaN or infinity, and `load` only accepts ±1e7: draw finite coordinates in range, fractions
        // included.
        let coord = |u: &mut arbitrary::Unstructured<'a>| -> arbitrary::Result<f64> {
            Ok(f64::from(i32::arbitrary(u)? % 80_000_000) / 8.0)
        };
        let x = coord(u)?;
        let y = coord(u)?;
        let w = if bool::arbitrary(u)? { Some(coord(u)?.abs()) } else { None };
        let h = if bool::arbitrary(u)? { Some(coord(u)?.abs()) } else { None };
        Ok(Placement { x, y, w, h, collapsed: bool::arbitrary(u)? })
    }
}
