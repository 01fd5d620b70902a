//! Infrastructure code from a design: Terraform files and a CloudFormation template. Pure functions from a `Design`
//! to file contents; writing them is the caller's business.

pub mod cloudformation;
pub mod hcl;
pub mod terraform;
mod tf_more;
pub mod zip;

/// A security group's description as AWS accepts it (a-z, A-Z, 0-9, spaces and `._-:/()#,@[]+=&;{}!$*`, at most
/// 255): other characters become spaces; an empty one says who made it.
pub fn group_description(text: &str) -> String {
    let allowed = |c: char| c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(c);
    let out: String = text.chars().map(|c| if allowed(c) { c } else { ' ' }).take(255).collect();
    let out = out.trim().to_owned();
    if out.is_empty() { "Managed by vpcanvas".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn group_descriptions_keep_to_what_aws_accepts() {
        assert_eq!(super::group_description("hosts' ports (bridge) — 한국어"), "hosts  ports (bridge)");
        assert_eq!(super::group_description(""), "Managed by vpcanvas");
        assert_eq!(super::group_description(&"x".repeat(300)).len(), 255);
    }
}
