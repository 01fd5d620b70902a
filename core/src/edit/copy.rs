//! Copy and paste, and duplicate: resources (with everything inside the containers among them) added again under new
//! ids, their references among themselves following them. References to what was not copied are kept as they are,
//! and what clashes (an overlapping CIDR, a repeated address) is left for validation to show, not changed silently.

use std::collections::{BTreeMap, BTreeSet};

use super::arrange::home_in;
use super::{AddError, Change, Edit, LayoutKey, placement};
use crate::doc::{Design, Id, Placement, Refs, Visit, ZonePlacement};
use crate::model::Network;
use crate::text::Text;

/// Why [`paste`] or [`duplicate`] adds nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasteError {
    /// None of the ids is in the design copied from.
    Nothing,
    /// A copy's new id is taken (in practice never: new ids are chosen free).
    Add(AddError),
}

impl PasteError {
    /// The reason in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            PasteError::Nothing => Text::new("There is nothing to paste.", "붙여 넣을 것이 없습니다."),
            PasteError::Add(e) => e.text(),
        }
    }
}

impl From<AddError> for PasteError {
    fn from(e: AddError) -> PasteError {
        PasteError::Add(e)
    }
}

bilingual_error!(PasteError);

/// The ids and everything that lives inside them (a VPC's subnets and their instances, say), in document order.
pub fn with_contents(d: &Design, ids: &[Id]) -> Vec<Id> {
    let roots: BTreeSet<&Id> = ids.iter().collect();
    let net = Network::new(d);
    let inside = |id: &Id| -> bool {
        let mut at = home_in(&net, id.as_str());
        for _ in 0..6 {
            let Some(c) = at else { return false };
            let parent = match &c {
                super::Container::Canvas => return false,
                super::Container::Region(x) | super::Container::Vpc(x) | super::Container::Subnet(x) => x.clone(),
                super::Container::Zone { vpc, .. } => vpc.clone(),
            };
            if roots.contains(&parent) {
                return true;
            }
            at = home_in(&net, parent.as_str());
        }
        false
    };
    d.resources().into_iter().map(|r| r.id.clone()).filter(|id| roots.contains(id) || inside(id)).collect()
}

/// Adds copies of `ids` of `from` (and what is inside them) to `d`, moved by `offset`: new ids (`<id>-copy`,
/// `<id>-copy-2`, …), references among the copies renamed, the names of the copied roots marked "copy". Returns the
/// edit and the new ids of the roots.
pub fn paste(d: &Design, from: &Design, ids: &[Id], offset: (f64, f64)) -> Result<(Edit, Vec<Id>), PasteError> {
    let all = with_contents(from, ids);
    if all.is_empty() {
        return Err(PasteError::Nothing);
    }
    let mut map: BTreeMap<Id, Id> = BTreeMap::new();
    for id in &all {
        let base = format!("{id}-copy");
        let mut n = 1;
        let fresh = loop {
            let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
            let taken = d.find(&candidate).is_some() || map.values().any(|v| v.as_str() == candidate);
            if !taken {
                break Id::generated(&candidate);
            }
            n += 1;
        };
        map.insert(id.clone(), fresh);
    }
    let mut copies = Vec::new();
    for id in &all {
        let Some((_, mut copy)) = from.resource(id.as_str()) else { continue };
        copy.visit_refs_mut(&mut |_, to| {
            if let Some(new) = map.get(to) {
                *to = new.clone();
            }
            Visit::Keep
        });
        if let Some(new) = map.get(id) {
            *copy.id_mut() = new.clone();
        }
        if ids.contains(id)
            && let Some(name) = copy.name_mut()
            && !name.is_empty()
        {
            name.push_str(" copy");
        }
        copies.push(copy);
    }
    let mut edit = Edit::add_all(d, copies, None)?;
    let (dx, dy) = offset;
    let shift = |p: Placement| Placement { x: p.x + dx, y: p.y + dy, ..p };
    for (old, new) in &map {
        if let Some(p) = placement(from, &LayoutKey::Node(old.clone())) {
            let key = LayoutKey::Node(new.clone());
            edit.changes.push(Change::Place { before: placement(d, &key), key, after: Some(shift(p)) });
        }
    }
    let mut at = d.layout.zones.len();
    for z in from.layout.zones.iter().filter(|z| map.contains_key(&z.vpc)) {
        if let Some(vpc) = map.get(&z.vpc) {
            let zone = ZonePlacement { vpc: vpc.clone(), zone: z.zone.clone(), placement: shift(z.placement) };
            edit.changes.push(Change::AddZone { at, zone });
            at += 1;
        }
    }
    let roots: Vec<Id> = ids.iter().filter_map(|id| map.get(id).cloned()).collect();
    let n = all.len();
    edit.label = Text::new(format!("Paste {n} resource(s)"), format!("리소스 {n}개 붙여 넣기"));
    Ok((edit, roots))
}

/// Duplicates resources within the design.
pub fn duplicate(d: &Design, ids: &[Id], offset: (f64, f64)) -> Result<(Edit, Vec<Id>), PasteError> {
    let (mut edit, roots) = paste(d, d, ids, offset)?;
    let n = roots.len();
    edit.label = Text::new(format!("Duplicate {n} item(s)"), format!("항목 {n}개 복제"));
    Ok((edit, roots))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{id, sample};

    #[test]
    fn duplicating_a_subnet_copies_what_is_in_it_and_keeps_outside_references() {
        let d = sample();
        let (edit, roots) = duplicate(&d, &[id("subnet-private-a")], (40.0, 40.0)).unwrap();
        assert_eq!(roots, vec![id("subnet-private-a-copy")]);
        let mut after = d.clone();
        edit.apply(&mut after).unwrap();
        let copy = after.subnets.iter().find(|s| s.id.as_str() == "subnet-private-a-copy").unwrap();
        assert_eq!(copy.name, "private-a copy");
        // Same VPC and route table (not copied), same CIDR: a clash validation shows.
        assert_eq!(copy.vpc.as_str(), "vpc-main");
        assert_eq!(copy.route_table.as_ref().map(Id::as_str), Some("rtb-private-a"));
        let web = after.instances.iter().find(|i| i.id.as_str() == "i-web-a-copy").unwrap();
        assert_eq!(web.subnet.as_str(), "subnet-private-a-copy");
        assert_eq!(web.name, "web-a");
        let codes: Vec<&str> = crate::check::check(&after).into_iter().map(|x| x.code).collect();
        assert!(codes.iter().any(|c| c.contains("overlap")), "{codes:?}");
        // Placed beside the original, and undone exactly.
        let p = after.layout.nodes.get(&id("subnet-private-a-copy")).unwrap();
        let o = d.layout.nodes.get(&id("subnet-private-a")).unwrap();
        assert_eq!((p.x, p.y), (o.x + 40.0, o.y + 40.0));
        edit.inverse().apply(&mut after).unwrap();
        assert_eq!(after, d);
    }

    #[test]
    fn a_copied_vpc_brings_its_zones_subnets_tables_and_groups_renamed_among_themselves() {
        let d = sample();
        let (edit, _) = duplicate(&d, &[id("vpc-main")], (0.0, 900.0)).unwrap();
        let mut after = d.clone();
        edit.apply(&mut after).unwrap();
        assert_eq!(after.vpcs.len(), 2);
        assert_eq!(after.subnets.len(), 8);
        let table = after.route_tables.iter().find(|t| t.id.as_str() == "rtb-public-copy").unwrap();
        assert_eq!(table.vpc.as_str(), "vpc-main-copy");
        // The copied route points to the copied internet gateway.
        assert_eq!(table.routes[0].target, crate::doc::RouteTarget::InternetGateway(id("igw-main-copy")));
        let sg = after.security_groups.iter().find(|g| g.id.as_str() == "sg-web-copy").unwrap();
        assert!(
            matches!(&sg.inbound[1].peer, crate::doc::RulePeer::SecurityGroup { group, .. } if group.as_str() == "sg-bastion-copy")
        );
        assert_eq!(after.layout.zones.len(), 4);
        // Pasting again gets fresh ids.
        let (again, _) = paste(&after, &d, &[id("vpc-main")], (0.0, 1800.0)).unwrap();
        again.apply(&mut after).unwrap();
        assert!(after.vpcs.iter().any(|v| v.id.as_str() == "vpc-main-copy-2"));
    }
}
