//! Tags: read and written on any resource kind that has them, checked against AWS's limits.
//!
//! AWS (Tagging your Amazon EC2 resources, "Tag restrictions"): at most 50 tags per resource; a key is 1 to 128
//! characters, a value 0 to 256; the prefix `aws:` is reserved for AWS. The `Name` tag is the document's `name`
//! field, so it is not a second tag here.

use crate::doc::Tags;
use crate::text::Text;

use super::Resource;

/// The most tags a resource may have.
pub const MAX_TAGS: usize = 50;

/// The tag fields of the kinds that have one, read and to change; the kinds without (`Region`, `TaskDefinition`)
/// are named, so that a new kind must be placed on one side or the other.
macro_rules! tag_fields {
    (untagged: $($none:ident),*; tagged: $($kind:ident),* $(,)?) => {
        impl Resource {
            /// Its tag field; `None` for the kinds that take no tags.
            fn tag_field(&self) -> Option<&Tags> {
                match self {
                    $(Resource::$none(_) => None,)*
                    $(Resource::$kind(r) => Some(&r.tags),)*
                }
            }

            /// Its tag field, to change; `None` for the kinds that take no tags.
            fn tag_field_mut(&mut self) -> Option<&mut Tags> {
                match self {
                    $(Resource::$none(_) => None,)*
                    $(Resource::$kind(r) => Some(&mut r.tags),)*
                }
            }
        }
    };
}

tag_fields! {
    untagged: Region, TaskDefinition;
    tagged: Vpc, Subnet, RouteTable, InternetGateway, NatGateway, ElasticIp, NetworkAcl, SecurityGroup, PrefixList,
        Instance, NetworkInterface, EcsCluster, EcsService, EcsTask, LoadBalancer, TargetGroup, VpcPeering, VpcEndpoint,
        VpnGateway, CustomerGateway, VpnConnection, DxGateway, VirtualInterface, TransitGateway, TgwAttachment,
        TgwRouteTable, OnPremNetwork,
}

impl Resource {
    /// Its tags (empty when its kind takes none).
    pub fn tags(&self) -> Tags {
        self.tag_field().cloned().unwrap_or_default()
    }

    /// Whether its kind has tags at all (a Region and a task definition revision have none in the document).
    pub fn takes_tags(&self) -> bool {
        self.tag_field().is_some()
    }

    /// The same resource with these tags; `None` when its kind takes no tags.
    pub fn with_tags(&self, tags: Tags) -> Option<Resource> {
        let mut out = self.clone();
        *out.tag_field_mut()? = tags;
        Some(out)
    }
}

/// What is wrong with a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagError {
    /// An empty (or blank) key.
    NoKey,
    /// A key longer than 128 characters; its length.
    KeyTooLong(usize),
    /// A value longer than 256 characters.
    ValueTooLong,
    /// A key starting with `aws:`, which is reserved for AWS.
    Reserved,
    /// The key `Name`, which is the document's name field.
    NameTag,
    /// A key the resource has already.
    Duplicate(String),
    /// A tag past the [`MAX_TAGS`] a resource may have.
    TooMany,
}

impl TagError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            TagError::NoKey => Text::new("A tag needs a key.", "태그에는 키가 필요합니다."),
            TagError::KeyTooLong(chars) => Text::new(
                format!("A tag key has at most 128 characters; this one has {chars}."),
                format!("태그 키는 최대 128자입니다. 지금 {chars}자입니다."),
            ),
            TagError::ValueTooLong => {
                Text::new("A tag value has at most 256 characters.", "태그 값은 최대 256자입니다.")
            }
            TagError::Reserved => Text::new(
                "Tag keys starting with aws: are reserved for AWS.",
                "aws:로 시작하는 태그 키는 AWS 전용입니다.",
            ),
            TagError::NameTag => {
                Text::new("The Name tag is the Name field above.", "Name 태그는 위의 이름 필드입니다.")
            }
            TagError::Duplicate(key) => {
                Text::new(format!("There is already a tag {key}."), format!("이미 {key} 태그가 있습니다."))
            }
            TagError::TooMany => Text::new(
                format!("A resource has at most {MAX_TAGS} tags."),
                format!("리소스 하나에 태그는 최대 {MAX_TAGS}개입니다."),
            ),
        }
    }
}

bilingual_error!(TagError);

/// What is wrong with a tag, if anything. `others` are the resource's other tags (without this one).
pub fn tag_problem(key: &str, value: &str, others: &Tags) -> Option<TagError> {
    let chars = key.chars().count();
    if key.trim().is_empty() {
        return Some(TagError::NoKey);
    }
    if chars > 128 {
        return Some(TagError::KeyTooLong(chars));
    }
    if value.chars().count() > 256 {
        return Some(TagError::ValueTooLong);
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Some(TagError::Reserved);
    }
    if key == "Name" {
        return Some(TagError::NameTag);
    }
    if others.contains_key(key) {
        return Some(TagError::Duplicate(key.to_owned()));
    }
    if others.len() >= MAX_TAGS {
        return Some(TagError::TooMany);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Id, InternetGateway, NetworkMode, TaskDefinition};

    fn igw() -> Resource {
        Resource::InternetGateway(InternetGateway {
            id: Id::new("igw-1").unwrap_or_else(|_| unreachable!()),
            name: String::new(),
            vpc: None,
            tags: Tags::new(),
        })
    }

    #[test]
    fn tags_are_read_and_written_on_any_kind_that_has_them() {
        let r = igw();
        assert!(r.takes_tags());
        let tagged = r.with_tags(Tags::from([("env".into(), "prod".into())])).unwrap_or_else(|| unreachable!());
        assert_eq!(tagged.tags().get("env").map(String::as_str), Some("prod"));
        assert_eq!(tagged.with_tags(Tags::new()), Some(r));
        let td = Resource::TaskDefinition(TaskDefinition {
            id: Id::new("web:1").unwrap_or_else(|_| unreachable!()),
            family: "web".into(),
            revision: Some(1),
            network_mode: NetworkMode::Awsvpc,
            compatibilities: vec![],
            cpu: None,
            memory_mib: None,
            containers: vec![],
        });
        assert!(!td.takes_tags());
        assert!(td.tags().is_empty());
    }

    #[test]
    fn tag_limits_are_aws_limits() {
        let none = Tags::new();
        assert!(tag_problem("env", "prod", &none).is_none());
        assert!(tag_problem("", "x", &none).is_some());
        assert!(tag_problem(&"k".repeat(129), "", &none).is_some());
        assert!(tag_problem(&"k".repeat(128), &"v".repeat(256), &none).is_none());
        assert!(tag_problem("k", &"v".repeat(257), &none).is_some());
        assert!(tag_problem("aws:cloudformation:stack-name", "", &none).is_some());
        assert!(tag_problem("Name", "web", &none).is_some());
        let one = Tags::from([("env".into(), "a".into())]);
        assert!(tag_problem("env", "b", &one).is_some());
        let full: Tags = (0..50).map(|i| (format!("k{i}"), String::new())).collect();
        assert!(tag_problem("k50", "", &full).is_some());
    }
}
