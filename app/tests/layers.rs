//! The app's modules stand in layers (ARCHITECTURE.md, `app/`): a module imports only from its own layer or the
//! layers below, and a panel never from another panel. This test reads `app/src/*.rs` and fails when an import
//! breaks that, when the imports form a circle, or when a module is not in the table below (a new module is placed
//! in a layer on purpose).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Where a module stands, bottom first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    /// Pure: no signals, no view code.
    Base,
    /// Shared state as signals, and what changes it; no view code.
    State,
    /// View pieces several panels use.
    Shared,
    /// A panel or the canvas, named: the modules of one panel may import each other, never another panel's.
    Panel(&'static str),
    /// Composition: which panel goes where, which overlays the canvas draws.
    Top,
}

impl Layer {
    fn rank(self) -> u8 {
        match self {
            Layer::Base => 0,
            Layer::State => 1,
            Layer::Shared => 2,
            Layer::Panel(_) => 3,
            Layer::Top => 4,
        }
    }
}

/// Every module of `app/src`, with its layer.
const LAYERS: &[(&str, Layer)] = &[
    ("geometry", Layer::Base),
    ("i18n", Layer::Base),
    ("scene", Layer::Base),
    ("store", Layer::Base),
    ("analysis_state", Layer::State),
    ("commands", Layer::State),
    ("editor", Layer::State),
    ("files", Layer::State),
    ("forms", Layer::Shared),
    ("analysis", Layer::Panel("analysis")),
    ("canvas", Layer::Panel("canvas")),
    ("pinch", Layer::Panel("canvas")),
    ("inspector", Layer::Panel("inspector")),
    ("rule_tables", Layer::Panel("inspector")),
    ("settings", Layer::Panel("inspector")),
    ("outline", Layer::Panel("outline")),
    ("palette", Layer::Panel("palette")),
    ("picture", Layer::Panel("picture")),
    ("reach", Layer::Panel("reach")),
    ("session", Layer::Panel("session")),
    ("sidebar", Layer::Top),
    ("lib", Layer::Top),
    ("main", Layer::Top),
];

/// The modules a source file names through `crate::` (in `use` lines and in paths), comments left out.
fn imports(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(inner) = rest.strip_prefix('{') {
                // `crate::{a, b::c}`: the first name of each part (on this line; the app writes them on one).
                let inner = inner.split('}').next().unwrap_or_default();
                out.extend(inner.split(',').map(|p| first_name(p.trim())).filter(|n| !n.is_empty()));
            } else {
                let name = first_name(rest);
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

fn first_name(path: &str) -> String {
    path.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// Every module's imports of other modules of the app.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("app/src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            let module = path.file_stem().and_then(|s| s.to_str()).expect("a file name").to_owned();
            let text = std::fs::read_to_string(&path).expect("a source file is readable");
            let mut used = imports(&text);
            used.remove(&module);
            graph.insert(module, used);
        }
    }
    graph
}

fn layer(module: &str) -> Option<Layer> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

#[test]
fn every_module_has_a_layer() {
    let graph = graph();
    let missing: Vec<&String> = graph.keys().filter(|m| layer(m).is_none()).collect();
    assert!(missing.is_empty(), "add these modules to LAYERS in app/tests/layers.rs: {missing:?}");
    let gone: Vec<&str> = LAYERS.iter().map(|(m, _)| *m).filter(|m| !graph.contains_key(*m)).collect();
    assert!(gone.is_empty(), "LAYERS names modules that app/src does not have: {gone:?}");
}

#[test]
fn modules_import_only_downwards_and_panels_never_each_other() {
    let mut wrong = Vec::new();
    for (module, used) in graph() {
        let Some(from) = layer(&module) else { continue };
        for other in used {
            let Some(to) = layer(&other) else {
                wrong.push(format!("{module} names crate::{other}, which is not a module of the app"));
                continue;
            };
            match (from, to) {
                (Layer::Panel(a), Layer::Panel(b)) if a != b => {
                    wrong.push(format!("panel {module} ({a}) imports panel {other} ({b}): compose them above instead"))
                }
                _ if to.rank() > from.rank() => {
                    wrong.push(format!("{module} ({from:?}) imports {other} ({to:?}), a higher layer"))
                }
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "the app's layers are broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_imports_form_no_circle() {
    let graph = graph();
    // Take away modules that import nothing left (Kahn's algorithm) ...
    let mut left: BTreeMap<&String, BTreeSet<&String>> =
        graph.iter().map(|(m, used)| (m, used.iter().filter(|u| graph.contains_key(*u)).collect())).collect();
    loop {
        let done: Vec<&String> = left.iter().filter(|(_, used)| used.is_empty()).map(|(m, _)| *m).collect();
        if done.is_empty() {
            break;
        }
        for m in &done {
            left.remove(m);
        }
        for used in left.values_mut() {
            used.retain(|u| !done.contains(u));
        }
    }
    // Then modules nothing left imports: what stays is on a circle.
    loop {
        let used: BTreeSet<&String> = left.values().flatten().copied().collect();
        let unused: Vec<&String> = left.keys().filter(|m| !used.contains(*m)).copied().collect();
        if unused.is_empty() {
            break;
        }
        for m in &unused {
            left.remove(m);
        }
    }
    let circle: Vec<&String> = left.keys().copied().collect();
    assert!(circle.is_empty(), "these modules import each other in a circle: {circle:?}");
}

#[test]
fn the_reader_finds_every_form_of_import() {
    let text = "use crate::editor::Editor;\nuse crate::{forms, scene::Rect};\n// crate::canvas in a comment\n\
                let x = <crate::reach::ReachOverlay />;";
    let found: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(found, ["editor", "forms", "reach", "scene"]);
}
