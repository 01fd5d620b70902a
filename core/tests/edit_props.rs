//! Undo is exact: any random sequence of editor commands on the sample design, undone step by step, gives back the
//! original document; redone, gives back the edited one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use vpcanvas_core::doc::{Design, Id, Placement, ResourceKind};
use vpcanvas_core::edit::{
    Container, ContainerKind, Edit, History, LayoutKey, create, delete, duplicate, homes, reparent,
};
use vpcanvas_core::testing::sample;

/// A command, by numbers that pick what it acts on in whatever the design is by then.
#[derive(Debug, Clone)]
enum Command {
    Create { kind: usize, container: usize },
    Delete { resource: usize },
    Move { resource: usize, x: i32, y: i32 },
    Rename { resource: usize, name: String },
    Reparent { resource: usize, container: usize },
    Duplicate { resource: usize },
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (0..29usize, 0..64usize).prop_map(|(kind, container)| Command::Create { kind, container }),
        (0..256usize).prop_map(|resource| Command::Delete { resource }),
        (0..256usize, -2000..2000i32, -2000..2000i32).prop_map(|(resource, x, y)| Command::Move { resource, x, y }),
        (0..256usize, "[a-z가-힣 <>&\"']{0,12}").prop_map(|(resource, name)| Command::Rename { resource, name }),
        (0..256usize, 0..64usize).prop_map(|(resource, container)| Command::Reparent { resource, container }),
        (0..256usize).prop_map(|resource| Command::Duplicate { resource }),
    ]
}

fn containers(d: &Design) -> Vec<Container> {
    let mut out = vec![Container::Canvas];
    out.extend(d.regions.iter().map(|r| Container::Region(r.id.clone())));
    out.extend(d.vpcs.iter().map(|v| Container::Vpc(v.id.clone())));
    for s in &d.subnets {
        let zone = Container::Zone { vpc: s.vpc.clone(), zone: s.availability_zone.clone() };
        if !out.contains(&zone) {
            out.push(zone);
        }
    }
    out.extend(d.subnets.iter().map(|s| Container::Subnet(s.id.clone())));
    out
}

fn ids(d: &Design) -> Vec<Id> {
    d.resources().into_iter().map(|r| r.id.clone()).collect()
}

/// The edit a command makes on `d`, if it makes one there.
fn edit_for(d: &Design, c: &Command) -> Option<Edit> {
    let all = ids(d);
    let pick = |n: usize| all.get(n % all.len().max(1)).cloned();
    match c {
        Command::Create { kind, container } => {
            let kind = ResourceKind::ALL[*kind % ResourceKind::ALL.len()];
            let fitting: Vec<Container> =
                containers(d).into_iter().filter(|x| homes(kind).contains(&x.kind())).collect();
            let into = fitting.get(container % fitting.len().max(1))?;
            let made = create(d, kind, into).ok()?;
            Edit::add_all(d, made, Some(Placement::at(10.0, 20.0))).ok()
        }
        Command::Delete { resource } => Some(delete(d, &[pick(*resource)?]).ok()?.edit),
        Command::Move { resource, x, y } => {
            Some(Edit::place(d, LayoutKey::Node(pick(*resource)?), Some(Placement::at(f64::from(*x), f64::from(*y)))))
        }
        Command::Rename { resource, name } => {
            let (_, r) = d.resource(pick(*resource)?.as_str())?;
            Edit::update(d, r.renamed(name)).ok()
        }
        Command::Reparent { resource, container } => {
            let all = containers(d);
            let into = all.get(container % all.len())?;
            let _ = ContainerKind::Canvas;
            reparent(d, &pick(*resource)?, into, None).ok()
        }
        Command::Duplicate { resource } => duplicate(d, &[pick(*resource)?], (40.0, 40.0)).ok().map(|(e, _)| e),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn undoing_any_sequence_of_commands_gives_back_the_original(commands in prop::collection::vec(command(), 1..24)) {
        let original = sample();
        let mut d = original.clone();
        let mut history = History::new();
        let mut steps = 0;
        for c in &commands {
            if let Some(edit) = edit_for(&d, c) {
                let was_empty = edit.is_empty();
                history.commit(&mut d, edit).unwrap();
                if !was_empty {
                    steps += 1;
                }
            }
        }
        let edited = d.clone();
        // Whatever the commands did, the document still saves and loads as itself.
        prop_assert_eq!(vpcanvas_core::load(&vpcanvas_core::save(&d).unwrap()).unwrap(), d.clone());
        for _ in 0..steps {
            prop_assert!(history.undo(&mut d).unwrap().is_some());
        }
        prop_assert!(!history.can_undo());
        prop_assert_eq!(&d, &original);
        for _ in 0..steps {
            prop_assert!(history.redo(&mut d).unwrap().is_some());
        }
        prop_assert_eq!(&d, &edited);
    }
}
