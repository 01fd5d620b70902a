//! Edits on the sample design: creation, containment, deletion with what depends on it, undo and redo.

use super::*;
use crate::check::testing::{get, get_mut, id, sample};
use crate::doc::{Instance, InternetGateway, Placement, Region, ResourceKind, RouteTarget, Subnet, Vpc};

fn zone_a() -> Container {
    Container::Zone { vpc: id("vpc-main"), zone: "ap-northeast-2a".into() }
}

#[test]
fn every_droppable_kind_can_be_created_in_its_home_and_the_result_loads() {
    let d = sample();
    for kind in ResourceKind::ALL {
        let Some(home) = homes(kind).first() else { continue };
        let into = match home {
            ContainerKind::Canvas => Container::Canvas,
            ContainerKind::Region => Container::Region(id("ap-northeast-2")),
            ContainerKind::Vpc => Container::Vpc(id("vpc-main")),
            ContainerKind::Zone => zone_a(),
            ContainerKind::Subnet => Container::Subnet(id("subnet-private-a")),
        };
        let mut d = d.clone();
        if kind == ResourceKind::TgwRouteTable {
            // It needs a transit gateway in its Region.
            assert!(create(&d, kind, &into).is_err());
            let tgw = create(&d, ResourceKind::TransitGateway, &into).unwrap();
            Edit::add_all(&d, tgw, None).unwrap().apply(&mut d).unwrap();
        }
        let made = create(&d, kind, &into).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(made[0].kind(), kind);
        let mut after = d.clone();
        Edit::add_all(&d, made, Some(Placement::at(10.0, 10.0))).unwrap().apply(&mut after).unwrap();
        let text = crate::save(&after).unwrap();
        assert_eq!(crate::load(&text).unwrap(), after, "{kind:?}");
    }
}

#[test]
fn a_new_vpc_comes_with_what_aws_creates_and_a_free_block() {
    let d = sample();
    let made = create(&d, ResourceKind::Vpc, &Container::Region(id("ap-northeast-2"))).unwrap();
    let kinds: Vec<_> = made.iter().map(Resource::kind).collect();
    assert_eq!(
        kinds,
        [ResourceKind::Vpc, ResourceKind::RouteTable, ResourceKind::NetworkAcl, ResourceKind::SecurityGroup]
    );
    let Resource::Vpc(v) = made[0].clone() else { panic!() };
    // The sample's VPC is 10.0.0.0/16: the next free /16.
    assert_eq!(v.cidr.to_string(), "10.1.0.0/16");
    let mut after = d.clone();
    Edit::add_all(&d, made, None).unwrap().apply(&mut after).unwrap();
    let errors: Vec<_> = crate::check::check(&after)
        .into_iter()
        .filter(|x| x.severity == crate::check::Severity::Error)
        .map(|x| x.code)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // A subnet in it gets the first free /24 of its block.
    let made =
        create(&after, ResourceKind::Subnet, &Container::Zone { vpc: v.id.clone(), zone: "ap-northeast-2a".into() })
            .unwrap();
    let Resource::Subnet(s) = &made[0] else { panic!() };
    assert_eq!(s.cidr.to_string(), "10.1.0.0/24");
}

#[test]
fn a_drop_aws_would_not_allow_is_refused_with_the_reason() {
    let d = sample();
    let e = create(&d, ResourceKind::Subnet, &Container::Vpc(id("vpc-main"))).unwrap_err();
    assert_eq!(
        e,
        CreateError::Drop(DropError::WrongContainer {
            kind: ResourceKind::Subnet,
            into: Container::Vpc(id("vpc-main"))
        })
    );
    let e = e.text();
    assert!(e.en.starts_with("A subnet cannot go in a VPC: it goes in an Availability Zone of a VPC."), "{}", e.en);
    assert!(e.ko.contains("가용 영역"));
    let e = create(&d, ResourceKind::Instance, &zone_a()).unwrap_err().text();
    assert!(e.en.contains("it goes in a subnet"), "{}", e.en);
    let e = create(&d, ResourceKind::VpcPeering, &Container::Canvas).unwrap_err();
    assert_eq!(e, CreateError::Drop(DropError::NotDroppable(ResourceKind::VpcPeering)));
    let e = e.text();
    assert!(e.en.contains("draw it by connecting them"), "{}", e.en);
    let e = create(&d, ResourceKind::Instance, &Container::Subnet(id("subnet-nope"))).unwrap_err();
    assert_eq!(e, CreateError::Drop(DropError::ContainerGone(Container::Subnet(id("subnet-nope")))));
    assert!(e.to_string().contains("not in the design"));
}

#[test]
fn deleting_a_subnet_deletes_what_lives_in_it_and_drops_routes_to_it_and_undo_restores_everything() {
    let d = sample();
    let deletion = delete(&d, &[id("subnet-public-a")]).unwrap();
    let deleted: Vec<&str> = deletion.deleted.iter().map(|(_, i)| i.as_str()).collect();
    // The bastion and the NAT gateway live in it.
    assert_eq!(deleted[0], "subnet-public-a");
    assert!(deleted.contains(&"i-bastion") && deleted.contains(&"nat-a"), "{deleted:?}");
    // The private route table of zone a loses its route to nat-a; the table itself stays.
    assert!(deletion.updated.iter().any(|(_, i)| i.as_str() == "rtb-private-a"), "{:?}", deletion.updated);
    let mut after = d.clone();
    let mut history = History::new();
    history.commit(&mut after, deletion.edit).unwrap();
    assert!(after.subnets.iter().all(|s| s.id.as_str() != "subnet-public-a"));
    let table = after.route_tables.iter().find(|t| t.id.as_str() == "rtb-private-a").unwrap();
    assert!(table.routes.iter().all(|r| r.target != RouteTarget::NatGateway(id("nat-a"))));
    assert!(after.layout.nodes.keys().all(|k| k.as_str() != "i-bastion"));
    // One step back gives the sample exactly.
    history.undo(&mut after).unwrap();
    assert_eq!(after, d);
    history.redo(&mut after).unwrap();
    assert!(after.instances.iter().all(|i| i.id.as_str() != "i-bastion"));
}

#[test]
fn deleting_a_vpc_takes_everything_in_it() {
    let d = sample();
    let deletion = delete(&d, &[id("vpc-main")]).unwrap();
    let mut after = d.clone();
    deletion.edit.apply(&mut after).unwrap();
    assert!(after.vpcs.is_empty() && after.subnets.is_empty() && after.instances.is_empty());
    assert!(after.route_tables.is_empty() && after.security_groups.is_empty() && after.nat_gateways.is_empty());
    // The internet gateway only attaches to the VPC: it is detached, not deleted.
    assert_eq!(after.internet_gateways.len(), 1);
    assert_eq!(get::<InternetGateway>(&after, "igw-main").vpc, None);
    assert!(after.layout.zones.is_empty());
    deletion.edit.inverse().apply(&mut after).unwrap();
    assert_eq!(after, d);
}

#[test]
fn a_zone_box_goes_with_its_subnets() {
    let d = sample();
    let deletion = delete_zone(&d, &id("vpc-main"), "ap-northeast-2c").unwrap();
    let mut after = d.clone();
    deletion.edit.apply(&mut after).unwrap();
    assert!(after.subnets.iter().all(|s| s.availability_zone != "ap-northeast-2c"));
    assert!(after.layout.zone(&id("vpc-main"), "ap-northeast-2c").is_none());
}

#[test]
fn an_edit_that_no_longer_fits_is_refused_whole() {
    let d = sample();
    let mut renamed = d.clone();
    get_mut::<Instance>(&mut renamed, "i-bastion").name = "changed".into();
    let mut moved = d.clone();
    // Delete the bastion as the sample has it: the renamed copy no longer matches, and nothing is applied.
    let deletion = delete(&d, &[id("subnet-public-a")]).unwrap();
    assert!(deletion.edit.apply(&mut renamed).is_err());
    let mut expected = d.clone();
    get_mut::<Instance>(&mut expected, "i-bastion").name = "changed".into();
    assert_eq!(renamed, expected);
    // And an edit fits once.
    deletion.edit.apply(&mut moved).unwrap();
    assert!(deletion.edit.apply(&mut moved).is_err());
}

#[test]
fn history_undoes_and_redoes_and_a_new_edit_clears_redo() {
    let mut d = sample();
    let original = d.clone();
    let mut h = History::new();
    let first = Edit::place(&d, LayoutKey::Node(id("i-web-a")), Some(Placement::at(1.0, 2.0)));
    h.commit(&mut d, first).unwrap();
    let mut renamed = get::<Instance>(&d, "i-web-a").clone();
    renamed.name = "web A".into();
    let second = Edit::update(&d, Resource::Instance(renamed)).unwrap();
    h.commit(&mut d, second).unwrap();
    assert_eq!(h.undo_label().map(|t| t.en.as_str()), Some("Edit i-web-a"));
    h.undo(&mut d).unwrap();
    assert!(h.can_redo());
    let rename = Edit::rename(&d, "renamed");
    h.commit(&mut d, rename).unwrap();
    assert!(!h.can_redo());
    while h.undo(&mut d).unwrap().is_some() {}
    assert_eq!(d, original);
    assert_eq!(h.undo(&mut d).unwrap(), None);
    // Empty edits are not recorded.
    h.commit(&mut d, Edit::rename(&original, &original.name)).unwrap();
    assert!(!h.can_undo());
}

#[test]
fn adding_a_resource_with_a_taken_id_is_refused() {
    let d = sample();
    let (_, bastion) = d.resource("i-bastion").unwrap();
    let e = Edit::add(&d, bastion, None).unwrap_err();
    assert_eq!(e, AddError::IdTaken(id("i-bastion")));
    let e = e.text();
    assert!(e.en.contains("already has a resource with the id i-bastion"));
}

#[test]
fn reparenting_an_instance_changes_its_subnet_and_drops_what_no_longer_fits() {
    let d = sample();
    let edit =
        reparent(&d, &id("i-web-a"), &Container::Subnet(id("subnet-private-c")), Some(Placement::at(700.0, 650.0)))
            .unwrap();
    let mut after = d.clone();
    edit.apply(&mut after).unwrap();
    let web = after.instances.iter().find(|i| i.id.as_str() == "i-web-a").unwrap();
    assert_eq!(web.subnet.as_str(), "subnet-private-c");
    // Its old address belongs to the old subnet; its groups are of the same VPC and stay.
    assert_eq!(web.private_ip, None);
    assert_eq!(web.security_groups, vec![id("sg-web")]);
    assert_eq!(after.layout.nodes.get(&id("i-web-a")), Some(&Placement::at(700.0, 650.0)));
    edit.inverse().apply(&mut after).unwrap();
    assert_eq!(after, d);
    // Into a zone box: refused, with the reason.
    let e = reparent(&d, &id("i-web-a"), &zone_a(), None).unwrap_err();
    assert!(matches!(e, MoveError::Drop(DropError::WrongContainer { kind: ResourceKind::Instance, .. })), "{e:?}");
    assert!(e.text().en.contains("goes in a subnet"));
}

#[test]
fn a_subnet_moves_between_zones_and_a_new_zone_box_is_the_next_of_the_region() {
    let d = sample();
    let edit = reparent(&d, &id("subnet-private-c"), &zone_a(), None).unwrap();
    let mut after = d.clone();
    edit.apply(&mut after).unwrap();
    assert_eq!(get::<Subnet>(&after, "subnet-private-c").availability_zone, "ap-northeast-2a");
    // The sample's Region lists zones a and c, both shown: no zone is left.
    assert!(next_zone(&d, &id("vpc-main")).is_err());
    let mut d2 = d.clone();
    get_mut::<Region>(&mut d2, "ap-northeast-2").availability_zones.clear();
    assert_eq!(next_zone(&d2, &id("vpc-main")).unwrap(), "ap-northeast-2b");
    let (zone, edit) = add_zone(&d2, &id("vpc-main"), Placement::rect(0.0, 0.0, 300.0, 300.0)).unwrap();
    assert_eq!(zone, "ap-northeast-2b");
    let mut after = d2.clone();
    edit.apply(&mut after).unwrap();
    assert!(after.layout.zone(&id("vpc-main"), "ap-northeast-2b").is_some());
    edit.inverse().apply(&mut after).unwrap();
    assert_eq!(after, d2);
    // A security group cannot change VPC.
    let e = reparent(&d, &id("sg-web"), &Container::Vpc(id("vpc-other")), None).unwrap_err();
    assert!(e.to_string().contains("not in the design"), "{e}");
}

#[test]
fn every_resource_of_the_sample_knows_its_home() {
    let d = sample();
    assert_eq!(home_of(&d, "i-web-a"), Some(Container::Subnet(id("subnet-private-a"))));
    assert_eq!(
        home_of(&d, "subnet-public-c"),
        Some(Container::Zone { vpc: id("vpc-main"), zone: "ap-northeast-2c".into() })
    );
    assert_eq!(home_of(&d, "vpc-main"), Some(Container::Region(id("ap-northeast-2"))));
    assert_eq!(home_of(&d, "igw-main"), Some(Container::Vpc(id("vpc-main"))));
    assert_eq!(home_of(&d, "eip-nat-a"), Some(Container::Region(id("ap-northeast-2"))));
    assert_eq!(home_of(&d, "ap-northeast-2"), Some(Container::Canvas));
    assert_eq!(home_of(&d, "nope"), None);
    // Each home is one its kind may live in.
    for r in d.resources() {
        if let Some(home) = home_of(&d, r.id.as_str()) {
            assert!(homes(r.kind).contains(&home.kind()), "{:?} in {home:?}", r.kind);
        }
    }
}

#[test]
fn connectors_join_the_right_pairs_and_refuse_the_rest_with_the_reason() {
    let mut d = sample();
    // A second VPC with a block of its own, and one that overlaps.
    for (vpc, cidr) in [("vpc-b", "10.1.0.0/16"), ("vpc-clash", "10.0.0.0/20")] {
        let mut v = get::<Vpc>(&d, "vpc-main").clone();
        v.id = id(vpc);
        v.cidr = cidr.parse().unwrap();
        d.vpcs.push(v);
    }
    let made = connect(&d, ResourceKind::VpcPeering, &id("vpc-main"), &id("vpc-b")).unwrap();
    let Resource::VpcPeering(p) = &made[0] else { panic!() };
    assert_eq!((p.requester_vpc.as_str(), p.accepter_vpc.as_str()), ("vpc-main", "vpc-b"));
    let e = connect(&d, ResourceKind::VpcPeering, &id("vpc-main"), &id("vpc-clash")).unwrap_err();
    assert!(matches!(e, ConnectError::Overlap { .. }), "{e:?}");
    assert!(e.to_string().contains("does not peer VPCs whose CIDR blocks overlap"), "{e}");
    let e = connect(&d, ResourceKind::VpcPeering, &id("vpc-main"), &id("i-web-a")).unwrap_err();
    assert_eq!(e, ConnectError::WrongPair(ResourceKind::VpcPeering));
    assert!(e.to_string().contains("connects two VPCs"), "{e}");
    // A transit gateway attachment takes one subnet per zone of the VPC.
    let tgw = create(&d, ResourceKind::TransitGateway, &Container::Region(id("ap-northeast-2"))).unwrap();
    Edit::add_all(&d.clone(), tgw, None).unwrap().apply(&mut d).unwrap();
    let made = connect(&d, ResourceKind::TgwAttachment, &id("vpc-main"), &id("tgw-1")).unwrap();
    let Resource::TgwAttachment(a) = &made[0] else { panic!() };
    let crate::doc::TgwAttachmentResource::Vpc { subnets, .. } = &a.resource else { panic!() };
    assert_eq!(subnets.iter().map(Id::as_str).collect::<Vec<_>>(), ["subnet-public-a", "subnet-public-c"]);
    // A VPN on a transit gateway comes with its attachment.
    let cgw = create(&d, ResourceKind::CustomerGateway, &Container::Region(id("ap-northeast-2"))).unwrap();
    Edit::add_all(&d.clone(), cgw, None).unwrap().apply(&mut d).unwrap();
    let made = connect(&d, ResourceKind::VpnConnection, &id("tgw-1"), &id("cgw-1")).unwrap();
    assert_eq!(
        made.iter().map(Resource::kind).collect::<Vec<_>>(),
        [ResourceKind::VpnConnection, ResourceKind::TgwAttachment]
    );
    let mut after = d.clone();
    Edit::add_all(&d, made, None).unwrap().apply(&mut after).unwrap();
    // Everything it names exists.
    let dangling: Vec<_> = crate::check::check(&after).into_iter().filter(|x| x.code == "unknown-reference").collect();
    assert!(dangling.is_empty(), "{dangling:?}");
}

#[test]
fn a_resource_reads_back_from_its_json_and_a_mistake_says_where() {
    let d = sample();
    let (_, web) = d.resource("i-web-a").unwrap();
    assert_eq!(Resource::read(ResourceKind::Instance, &web.pretty()).unwrap(), web);
    let bad = web.pretty().replace("\"m7g.large\"", "7");
    let e = Resource::read(ResourceKind::Instance, &bad).unwrap_err();
    assert!(matches!(&e, ResourceJsonError::At { path, .. } if path == "$.instance_type"), "{e:?}");
    assert!(e.to_string().starts_with("at $.instance_type (line "), "{e}");
    let e = Resource::read(
        ResourceKind::Instance,
        "{\"id\": \"i-1\", \"subnet\": \"s\", \"instance_type\": \"t3.micro\", \"colour\": 1}",
    )
    .unwrap_err();
    assert!(e.to_string().contains("unknown field `colour`"), "{e}");
    assert!(matches!(Resource::read(ResourceKind::Instance, "{} trailing"), Err(ResourceJsonError::At { .. })));
}

#[test]
fn intent_checks_are_edited_and_undone_like_anything_else() {
    let mut d = sample();
    let original = d.clone();
    let check = crate::doc::Intent {
        name: "web reaches the internet".into(),
        from: "i-web-a".into(),
        from_ip: None,
        to: "internet".into(),
        protocol: crate::net::Protocol::TCP,
        port: 443,
        expect: crate::doc::Expectation::Reachable,
    };
    let mut history = History::new();
    let add = Edit::intents(&d, vec![check.clone()], Text::new("Add a check", "확인 추가"));
    history.commit(&mut d, add).unwrap();
    assert_eq!(d.intents, [check]);
    // An edit made for another state of the checks is refused whole.
    let stale = Edit::intents(&original, vec![], Text::new("Remove", "삭제"));
    let stale = stale.then(Edit::rename(&original, "other"));
    assert!(stale.apply(&mut d).is_err());
    assert_eq!(d.intents.len(), 1);
    assert_eq!(d.name, original.name);
    history.undo(&mut d).unwrap();
    assert_eq!(d, original);
}
