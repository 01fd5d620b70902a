//! The design document: the saved form of a design, which everything else reads and writes.
//!
//! A design is a set of flat, typed resource lists (VPCs, subnets, route tables, …) that refer to each other by
//! [`Id`], plus a [`Layout`] that only the canvas reads. The JSON form carries a format name and version
//! ([`FORMAT_NAME`], [`FORMAT_VERSION`]); [`load`] checks both, then reads the document and names the exact JSON path
//! of the first problem. A document that loads may still be a flawed design: that is for validation to say.

mod compute;
mod connect;
mod elb;
mod filters;
mod id;
mod intent;
mod kinds;
mod layout;
pub(crate) mod load;
mod network;
mod refs;

pub use compute::*;
pub use connect::*;
pub use elb::*;
pub use filters::*;
pub use id::{Id, IdError, MAX_ID_LEN};
pub use intent::{Expectation, Intent};
pub(crate) use kinds::with_kinds;
pub use kinds::{Kind, KindGroup};
pub use layout::{Layout, Placement, ZonePlacement};
pub use load::{LoadError, MAX_COORDINATE, MAX_DESIGN_BYTES, SaveError, json_schema, load, save};
pub use network::*;
pub use refs::{Field, Hold, Reference, Refs, Visit};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `format` every saved design carries.
pub const FORMAT_NAME: &str = "vpcanvas-design";
/// The version of the format this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

macro_rules! define_document {
    ($($kind:ident($ty:ident) $list:ident / $key:ident . $name:ident : $group:ident $en:literal $ko:literal;)*) => {
        /// A whole design: every resource, and how it is drawn.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[serde(deny_unknown_fields)]
        #[schemars(
            title = "vpcanvas design",
            description = "An AWS network design drawn in vpcanvas (format version 1)."
        )]
        pub struct Design {
            /// Always `vpcanvas-design`.
            #[schemars(extend("const" = "vpcanvas-design"))]
            pub format: String,
            /// The format version; this schema describes version 1.
            #[schemars(extend("const" = 1))]
            pub version: u32,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            pub name: String,
            #[serde(default, skip_serializing_if = "String::is_empty")]
            pub description: String,
            $(
                #[doc = concat!("Every ", $en, ".")]
                #[serde(default, skip_serializing_if = "Vec::is_empty")]
                pub $list: Vec<$ty>,
            )*
            /// Named expectations about traffic, checked on every edit.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub intents: Vec<Intent>,
            #[serde(default, skip_serializing_if = "Layout::is_empty")]
            pub layout: Layout,
        }

        /// Every kind of resource a design holds, in the order the document lists them (declared in [`with_kinds!`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum ResourceKind {
            $(
                #[doc = concat!("A ", $en, ".")]
                $kind,
            )*
        }

        impl ResourceKind {
            /// How many kinds there are.
            pub const COUNT: usize = [$(stringify!($kind),)*].len();

            /// Every kind, in the order the document lists them.
            pub const ALL: [ResourceKind; Self::COUNT] = [$(ResourceKind::$kind,)*];

            /// The kind's key: the snake_case form of its name, as the document's `kind` fields and the app write
            /// it (`route_table`); also the name of `Network`'s lookup by id.
            pub fn key(self) -> &'static str {
                match self {
                    $(ResourceKind::$kind => stringify!($key),)*
                }
            }

            /// A short English label, such as "NAT gateway".
            pub fn label(self) -> &'static str {
                match self {
                    $(ResourceKind::$kind => $en,)*
                }
            }

            /// The label in Korean, such as "NAT 게이트웨이".
            pub fn label_ko(self) -> &'static str {
                match self {
                    $(ResourceKind::$kind => $ko,)*
                }
            }

            /// The field of [`Design`] that lists this kind, which is also its key in the JSON document
            /// (`route_tables`).
            pub fn list_name(self) -> &'static str {
                match self {
                    $(ResourceKind::$kind => stringify!($list),)*
                }
            }

            /// The field people name a resource of this kind by: `name`, or `family` for a task definition.
            pub fn name_field(self) -> &'static str {
                match self {
                    $(ResourceKind::$kind => stringify!($name),)*
                }
            }

            /// Where the kind sits in the palette.
            pub fn group(self) -> KindGroup {
                match self {
                    $(ResourceKind::$kind => KindGroup::$group,)*
                }
            }
        }

        impl Design {
            /// An empty design with the current format header.
            pub fn new(name: impl Into<String>) -> Self {
                Design {
                    format: FORMAT_NAME.to_owned(),
                    version: FORMAT_VERSION,
                    name: name.into(),
                    description: String::new(),
                    $($list: Vec::new(),)*
                    intents: Vec::new(),
                    layout: Layout::default(),
                }
            }

            /// Every resource of the design, kind by kind in document order.
            pub fn resources(&self) -> Vec<ResourceRef<'_>> {
                let mut out = Vec::with_capacity(0 $(+ self.$list.len())*);
                $(
                    out.extend(self.$list.iter().map(|r| ResourceRef {
                        kind: ResourceKind::$kind,
                        id: &r.id,
                        name: r.$name.as_str(),
                    }));
                )*
                out
            }

            /// The resource with this id, if any (the first one in document order, should ids repeat). A linear
            /// search: to look up many, index the design with `model::Network`.
            pub fn find(&self, id: &str) -> Option<ResourceRef<'_>> {
                $(
                    if let Some(r) = self.$list.iter().find(|r| r.id.as_str() == id) {
                        return Some(ResourceRef { kind: ResourceKind::$kind, id: &r.id, name: r.$name.as_str() });
                    }
                )*
                None
            }
        }
    };
}

with_kinds!(define_document);

impl Default for Design {
    fn default() -> Self {
        Design::new("")
    }
}

/// A resource of any kind, seen through what all of them have.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResourceRef<'a> {
    pub kind: ResourceKind,
    pub id: &'a Id,
    /// The resource's name; for a task definition, its family.
    pub name: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_lists_every_kind_once() {
        let design: Design = crate::testing::sample();
        let all = design.resources();
        assert!(all.iter().any(|r| r.kind == ResourceKind::NatGateway));
        assert_eq!(design.find("vpc-main").map(|r| r.kind), Some(ResourceKind::Vpc));
        assert!(design.find("nope").is_none());
    }
}
