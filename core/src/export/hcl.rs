//! A small writer of Terraform's HCL: blocks, attributes and expressions, with strings escaped so that a name
//! from the design can never become part of the configuration's syntax (quotes, `${…}` and `%{…}` included).

use std::fmt::Write as _;

/// An expression on the right of `=`.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A quoted string.
    Str(String),
    /// A reference or function call, written as is (`aws_vpc.main.id`). Only built from names this module made.
    Raw(String),
    Num(i64),
    Bool(bool),
    List(Vec<Expr>),
    /// An object `{ key = value }`, in the given order.
    Map(Vec<(String, Expr)>),
}

/// A quoted string expression.
pub fn s(text: impl Into<String>) -> Expr {
    Expr::Str(text.into())
}

/// A reference expression.
pub fn r(text: impl Into<String>) -> Expr {
    Expr::Raw(text.into())
}

/// A string as an HCL literal: quotes, backslashes and control characters escaped, and template sequences
/// (`${`, `%{`) doubled so that they stay text.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key as HCL takes it: bare when it is an identifier, quoted otherwise (tag keys such as `aws:x` or `Cost Centre`).
fn key(k: &str) -> String {
    let ident = k.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ident { k.to_owned() } else { quote(k) }
}

impl Expr {
    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Expr::Str(t) => out.push_str(&quote(t)),
            Expr::Raw(t) => out.push_str(t),
            Expr::Num(n) => {
                let _ = write!(out, "{n}");
            }
            Expr::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Expr::List(items) => {
                out.push('[');
                for (n, i) in items.iter().enumerate() {
                    if n > 0 {
                        out.push_str(", ");
                    }
                    i.write(out, indent);
                }
                out.push(']');
            }
            Expr::Map(entries) => {
                if entries.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push_str("{\n");
                let width = entries.iter().map(|(k, _)| key(k).len()).max().unwrap_or(0);
                for (k, v) in entries {
                    let k = key(k);
                    let _ = write!(out, "{}{k:width$} = ", "  ".repeat(indent + 1));
                    v.write(out, indent + 1);
                    out.push('\n');
                }
                let _ = write!(out, "{}}}", "  ".repeat(indent));
            }
        }
    }
}

/// A block: `type "label" "label" { … }`, with attributes and nested blocks in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Attr(String, Expr),
    Block(Block),
}

impl Block {
    pub fn new(kind: &str, labels: &[&str]) -> Block {
        Block { kind: kind.to_owned(), labels: labels.iter().map(|l| (*l).to_owned()).collect(), body: Vec::new() }
    }

    /// Adds an attribute.
    pub fn attr(mut self, k: &str, v: Expr) -> Block {
        self.body.push(Item::Attr(k.to_owned(), v));
        self
    }

    /// Adds an attribute when there is a value.
    pub fn opt(self, k: &str, v: Option<Expr>) -> Block {
        match v {
            Some(v) => self.attr(k, v),
            None => self,
        }
    }

    /// Adds a nested block.
    pub fn block(mut self, b: Block) -> Block {
        self.body.push(Item::Block(b));
        self
    }

    /// The block as text, with a blank line after it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent);
        let _ = write!(out, "{pad}{}", self.kind);
        for l in &self.labels {
            let _ = write!(out, " {}", quote(l));
        }
        out.push_str(" {\n");
        // Attributes aligned on `=` within each run, as `terraform fmt` does.
        let mut i = 0;
        while i < self.body.len() {
            match &self.body[i] {
                Item::Attr(..) => {
                    let attrs: Vec<(&String, &Expr)> = self.body[i..]
                        .iter()
                        .map_while(|x| match x {
                            Item::Attr(k, v) => Some((k, v)),
                            Item::Block(_) => None,
                        })
                        .collect();
                    // A value over several lines (an object) stands alone: it is not padded, and the
                    // attributes after it align among themselves.
                    let multi = |v: &Expr| matches!(v, Expr::Map(m) if !m.is_empty());
                    for run in attrs.split_inclusive(|(_, v)| multi(v)) {
                        let single = run.iter().filter(|(_, v)| !multi(v));
                        let width = single.map(|(k, _)| k.len()).max().unwrap_or(0);
                        for (k, v) in run {
                            if multi(v) {
                                let _ = write!(out, "{pad}  {k} = ");
                            } else {
                                let _ = write!(out, "{pad}  {k:width$} = ");
                            }
                            v.write(out, indent + 1);
                            out.push('\n');
                        }
                    }
                    i += attrs.len();
                }
                Item::Block(b) => {
                    if i > 0 {
                        out.push('\n');
                    }
                    b.write(out, indent + 1);
                    i += 1;
                }
            }
        }
        let _ = writeln!(out, "{pad}}}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_stay_strings() {
        assert_eq!(quote(r#"a "b" \ ${x} %{y} $z"#), r#""a \"b\" \\ $${x} %%{y} $z""#);
        assert_eq!(quote("line\nnext"), "\"line\\nnext\"");
    }

    #[test]
    fn blocks_are_written_as_terraform_fmt_would() {
        let b = Block::new("resource", &["aws_vpc", "main"])
            .attr("cidr_block", s("10.0.0.0/16"))
            .attr("enable_dns_support", Expr::Bool(true))
            .attr("tags", Expr::Map(vec![("Name".into(), s("main")), ("Cost Centre".into(), s("x"))]));
        assert_eq!(
            b.text(),
            "resource \"aws_vpc\" \"main\" {\n  cidr_block         = \"10.0.0.0/16\"\n  enable_dns_support = true\n  tags = {\n    Name          = \"main\"\n    \"Cost Centre\" = \"x\"\n  }\n}\n\n"
        );
    }
}
