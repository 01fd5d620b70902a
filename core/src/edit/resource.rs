//! One resource of any kind, owned: what an edit inserts, deletes or replaces.

use serde::{Deserialize, Serialize};

use crate::doc::*;

/// Why a resource's JSON text (the inspector's JSON field) does not read as a resource of its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceJsonError {
    /// The value is wrong at a JSON path (`$.instance_type`), at a line and column of the text.
    At { path: String, line: usize, column: usize, problem: String },
    /// Something follows the value.
    AfterValue(String),
}

impl std::fmt::Display for ResourceJsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResourceJsonError::At { path, line, column, problem } => {
                write!(f, "at {path} (line {line}, column {column}): {problem}")
            }
            ResourceJsonError::AfterValue(problem) => write!(f, "after the value: {problem}"),
        }
    }
}

impl std::error::Error for ResourceJsonError {}

macro_rules! resources {
    ($($kind:ident($ty:ident) $list:ident / $key:ident . $name:ident : $group:ident $en:literal $ko:literal;)*) => {
        /// A resource of any kind.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "resource", rename_all = "snake_case")]
        pub enum Resource {
            $($kind($ty),)*
        }

        impl Resource {
            pub fn kind(&self) -> ResourceKind {
                match self {
                    $(Resource::$kind(_) => ResourceKind::$kind,)*
                }
            }

            pub fn id(&self) -> &Id {
                match self {
                    $(Resource::$kind(r) => &r.id,)*
                }
            }

            /// The same resource with another name (a task definition's family), for the inspector and the outline.
            pub fn renamed(&self, name: &str) -> Resource {
                let mut out = self.clone();
                match &mut out {
                    $(Resource::$kind(r) => r.$name = name.to_owned(),)*
                }
                out
            }

            /// The resource's name (a task definition's family).
            pub fn name(&self) -> &str {
                match self {
                    $(Resource::$kind(r) => &r.$name,)*
                }
            }

            /// The resource's own id, to change.
            pub(crate) fn id_mut(&mut self) -> &mut Id {
                match self {
                    $(Resource::$kind(r) => &mut r.id,)*
                }
            }

            /// The resource's name, to change; `None` for a task definition, which has a family instead.
            pub(crate) fn name_mut(&mut self) -> Option<&mut String> {
                if matches!(self, Resource::TaskDefinition(_)) {
                    return None;
                }
                match self {
                    $(Resource::$kind(r) => Some(&mut r.$name),)*
                }
            }

            /// The resource as pretty JSON, as the document writes it.
            pub fn pretty(&self) -> String {
                serde_json::to_string_pretty(&self.to_json()).unwrap_or_default()
            }

            /// Reads a resource of `kind` from JSON text; the error names the JSON path, line and column.
            pub fn read(kind: ResourceKind, text: &str) -> Result<Resource, ResourceJsonError> {
                fn typed<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ResourceJsonError> {
                    let mut de = serde_json::Deserializer::from_str(text);
                    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
                        let path = crate::doc::load::json_path(e.path());
                        let inner = e.into_inner();
                        ResourceJsonError::At {
                            path,
                            line: inner.line(),
                            column: inner.column(),
                            problem: crate::doc::load::strip_position(inner.to_string()),
                        }
                    })?;
                    de.end().map_err(|e| ResourceJsonError::AfterValue(e.to_string()))?;
                    Ok(value)
                }
                match kind {
                    $(ResourceKind::$kind => typed::<$ty>(text).map(Resource::$kind),)*
                }
            }

            /// The resource as JSON (the document's own form).
            pub(crate) fn to_json(&self) -> serde_json::Value {
                match self {
                    $(Resource::$kind(r) => serde_json::to_value(r).unwrap_or(serde_json::Value::Null),)*
                }
            }
        }

        impl Refs for Resource {
            fn visit_refs<'a>(&'a self, f: &mut dyn FnMut(Field, &'a Id)) {
                match self {
                    $(Resource::$kind(r) => r.visit_refs(f),)*
                }
            }

            fn visit_refs_mut(&mut self, f: &mut dyn FnMut(Field, &mut Id) -> Visit) -> bool {
                match self {
                    $(Resource::$kind(r) => r.visit_refs_mut(f),)*
                }
            }
        }

        impl Design {
            /// How many resources of `kind` the design holds.
            pub fn count(&self, kind: ResourceKind) -> usize {
                match kind {
                    $(ResourceKind::$kind => self.$list.len(),)*
                }
            }

            /// The resource of `kind` at `index` of its list, cloned.
            pub fn resource_at(&self, kind: ResourceKind, index: usize) -> Option<Resource> {
                match kind {
                    $(ResourceKind::$kind => self.$list.get(index).cloned().map(Resource::$kind),)*
                }
            }

            /// Where the first resource of `kind` with `id` sits in its list.
            pub fn index_of(&self, kind: ResourceKind, id: &str) -> Option<usize> {
                match kind {
                    $(ResourceKind::$kind => self.$list.iter().position(|r| r.id.as_str() == id),)*
                }
            }

            /// The first resource with this id, of any kind, cloned, with its index.
            pub fn resource(&self, id: &str) -> Option<(usize, Resource)> {
                let kind = self.find(id)?.kind;
                let index = self.index_of(kind, id)?;
                Some((index, self.resource_at(kind, index)?))
            }

            /// Inserts a resource at `index` of its list (clamped to the list's length).
            pub(crate) fn insert_resource(&mut self, index: usize, resource: Resource) {
                match resource {
                    $(Resource::$kind(r) => {
                        let at = index.min(self.$list.len());
                        self.$list.insert(at, r);
                    })*
                }
            }

            /// Removes and returns the resource of `kind` at `index`.
            pub(crate) fn remove_resource(&mut self, kind: ResourceKind, index: usize) -> Option<Resource> {
                match kind {
                    $(ResourceKind::$kind => (index < self.$list.len()).then(|| Resource::$kind(self.$list.remove(index))),)*
                }
            }

            /// Replaces the resource at `index` of its kind's list; returns the one it replaced.
            pub(crate) fn replace_resource(&mut self, index: usize, resource: Resource) -> Option<Resource> {
                match resource {
                    $(Resource::$kind(r) => {
                        let slot = self.$list.get_mut(index)?;
                        Some(Resource::$kind(std::mem::replace(slot, r)))
                    })*
                }
            }
        }
    };
}

with_kinds!(resources);
