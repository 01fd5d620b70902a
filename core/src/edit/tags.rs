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

impl Resource {
    /// Its tags (empty when it has none or its kind takes none).
    pub fn tags(&self) -> Tags {
        self.to_json().get("tags").and_then(|t| serde_json::from_value::<Tags>(t.clone()).ok()).unwrap_or_default()
    }

    /// Whether its kind has tags at all (a task definition revision has none in the document).
    pub fn takes_tags(&self) -> bool {
        self.with_tags(Tags::from([("k".to_owned(), "v".to_owned())])).is_some()
    }

    /// The same resource with these tags; `None` when its kind takes no tags.
    pub fn with_tags(&self, tags: Tags) -> Option<Resource> {
        let mut json = self.to_json();
        let map = json.as_object_mut()?;
        if tags.is_empty() {
            map.remove("tags");
        } else {
            map.insert("tags".to_owned(), serde_json::to_value(tags).ok()?);
        }
        Resource::from_json(self.kind(), json)
    }
}

/// What is wrong with a tag, if anything. `others` are the resource's other tags (without this one).
pub fn tag_problem(key: &str, value: &str, others: &Tags) -> Option<Text> {
    let chars = key.chars().count();
    if key.trim().is_empty() {
        return Some(Text::new("A tag needs a key.", "태그에는 키가 필요합니다."));
    }
    if chars > 128 {
        return Some(Text::new(
            format!("A tag key has at most 128 characters; this one has {chars}."),
            format!("태그 키는 최대 128자입니다. 지금 {chars}자입니다."),
        ));
    }
    if value.chars().count() > 256 {
        return Some(Text::new("A tag value has at most 256 characters.", "태그 값은 최대 256자입니다."));
    }
    if key.to_ascii_lowercase().starts_with("aws:") {
        return Some(Text::new(
            "Tag keys starting with aws: are reserved for AWS.",
            "aws:로 시작하는 태그 키는 AWS 전용입니다.",
        ));
    }
    if key == "Name" {
        return Some(Text::new("The Name tag is the Name field above.", "Name 태그는 위의 이름 필드입니다."));
    }
    if others.contains_key(key) {
        return Some(Text::new(format!("There is already a tag {key}."), format!("이미 {key} 태그가 있습니다.")));
    }
    if others.len() >= MAX_TAGS {
        return Some(Text::new(
            format!("A resource has at most {MAX_TAGS} tags."),
            format!("리소스 하나에 태그는 최대 {MAX_TAGS}개입니다."),
        ));
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
