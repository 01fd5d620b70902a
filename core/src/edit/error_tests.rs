//! The edit layer's errors: every variant's sentence in English and Korean (the editor shows them, and the e2e tests
//! read some), and for each type a command that returns it.

use std::net::Ipv4Addr;

use super::fields::{self, FieldError};
use super::*;
use crate::check::testing::{cidr, get, id, sample};
use crate::check::{Fix, FixError, FixStep};
use crate::doc::{Placement, ResourceKind as K, Vpc};

/// `e` says `en` and `ko`: its `Display` is the English, and it converts into both.
fn says<E: Clone + std::fmt::Display + Into<Text>>(e: &E, en: &str, ko: &str) {
    assert_eq!(e.to_string(), en);
    assert_eq!(e.clone().into(), Text::new(en, ko));
}

#[test]
fn apply_errors_say_which_state_no_longer_holds() {
    says(
        &ApplyError::PastTheEnd { id: id("i-1"), at: 7 },
        "cannot insert i-1 at 7: the list is shorter",
        "i-1를 7번 자리에 넣을 수 없습니다. 목록이 더 짧습니다",
    );
    says(
        &ApplyError::NotWhereExpected(id("i-1")),
        "i-1 is not where the edit expects it",
        "i-1가 편집이 예상한 자리에 없습니다",
    );
    says(&ApplyError::KindChange(id("i-1")), "i-1 cannot change kind", "i-1의 종류는 바꿀 수 없습니다");
    says(
        &ApplyError::Changed(id("i-1")),
        "i-1 has changed since the edit was made",
        "편집을 만든 뒤에 i-1가 바뀌었습니다",
    );
    says(
        &ApplyError::PlacementChanged(LayoutKey::Node(id("i-1"))),
        "the placement of i-1 has changed",
        "i-1의 위치가 바뀌었습니다",
    );
    says(
        &ApplyError::PlacementChanged(LayoutKey::Zone { vpc: id("vpc-main"), zone: "ap-northeast-2a".into() }),
        "the placement of vpc-main/ap-northeast-2a has changed",
        "vpc-main/ap-northeast-2a의 위치가 바뀌었습니다",
    );
    says(
        &ApplyError::PlacementChanged(LayoutKey::Internet),
        "the placement of the internet has changed",
        "인터넷의 위치가 바뀌었습니다",
    );
    says(
        &ApplyError::ZoneFromOrToNothing,
        "zone boxes are added and removed, not placed from or to nothing",
        "영역 상자는 없는 위치에서 놓거나 없는 위치로 옮기지 않고, 추가하거나 삭제합니다",
    );
    says(
        &ApplyError::ZoneNotAddable { vpc: id("vpc-main"), zone: "ap-northeast-2a".into() },
        "cannot add the zone box vpc-main/ap-northeast-2a",
        "영역 상자 vpc-main/ap-northeast-2a를 추가할 수 없습니다",
    );
    says(
        &ApplyError::ZoneNotWhereExpected { vpc: id("vpc-main"), zone: "ap-northeast-2a".into() },
        "the zone box vpc-main/ap-northeast-2a is not where the edit expects it",
        "영역 상자 vpc-main/ap-northeast-2a가 편집이 예상한 자리에 없습니다",
    );
    says(&ApplyError::NameChanged, "the design's name has changed", "설계 이름이 바뀌었습니다");
    says(&ApplyError::IntentsChanged, "the intent checks have changed", "의도 확인이 바뀌었습니다");

    // A rename made for another name; an undo after the design moved on.
    let mut d = sample();
    let stale = Edit::rename(&d, "first");
    d.name = "changed elsewhere".into();
    assert_eq!(stale.apply(&mut d), Err(ApplyError::NameChanged));
    let mut history = History::new();
    let moved = Edit::place(&d, LayoutKey::Node(id("i-web-a")), Some(Placement::at(1.0, 2.0)));
    history.commit(&mut d, moved).unwrap();
    d.layout.nodes.insert(id("i-web-a"), Placement::at(5.0, 5.0));
    assert_eq!(history.undo(&mut d), Err(ApplyError::PlacementChanged(LayoutKey::Node(id("i-web-a")))));
    assert!(history.can_undo(), "a refused undo stays in the history");
}

#[test]
fn drop_errors_say_where_the_kind_goes_and_why() {
    says(
        &DropError::ContainerGone(Container::Subnet(id("subnet-nope"))),
        "That container is not in the design any more.",
        "그 컨테이너가 더 이상 설계에 없습니다.",
    );
    says(
        &DropError::NotDroppable(K::VpcPeering),
        "A VPC peering cannot be dropped. It connects two resources: draw it by connecting them.",
        "VPC peering은(는) 놓을 수 없습니다. 두 리소스를 잇는 연결이므로 두 리소스를 연결해서 그립니다.",
    );
    says(
        &DropError::WrongContainer { kind: K::Subnet, into: Container::Vpc(id("vpc-main")) },
        "A subnet cannot go in a VPC: it goes in an Availability Zone of a VPC. A subnet lives in exactly one Availability Zone of its VPC.",
        "subnet은(는) VPC에 둘 수 없고 VPC의 가용 영역에 둡니다. 서브넷은 VPC의 가용 영역 하나에 속합니다.",
    );
    // A kind with no reason of its own: the sentence ends at where it goes.
    says(
        &DropError::WrongContainer { kind: K::RouteTable, into: Container::Subnet(id("subnet-public-a")) },
        "A route table cannot go in a subnet: it goes in a VPC.",
        "route table은(는) 서브넷에 둘 수 없고 VPC에 둡니다.",
    );
    assert_eq!(DropError::NotDroppable(K::VpcPeering).kind(), Some(K::VpcPeering));
    assert_eq!(DropError::ContainerGone(Container::Canvas).kind(), None);

    let d = sample();
    assert_eq!(
        check_drop(&d, K::Instance, &zone_a()),
        Err(DropError::WrongContainer { kind: K::Instance, into: zone_a() })
    );
    assert_eq!(check_drop(&d, K::Instance, &Container::Subnet(id("subnet-public-a"))), Ok(()));
}

fn zone_a() -> Container {
    Container::Zone { vpc: id("vpc-main"), zone: "ap-northeast-2a".into() }
}

#[test]
fn move_and_zone_errors_name_what_is_missing_or_refused() {
    says(&MoveError::NoResource(id("i-nope")), "No i-nope.", "i-nope가 없습니다.");
    says(
        &MoveError::Drop(DropError::ContainerGone(Container::Vpc(id("vpc-nope")))),
        "That container is not in the design any more.",
        "그 컨테이너가 더 이상 설계에 없습니다.",
    );
    says(
        &MoveError::OtherVpc { kind: K::SecurityGroup, vpc: id("vpc-b") },
        "A security group cannot move to another VPC in AWS: create one there instead.",
        "security group은(는) AWS에서 다른 VPC로 옮길 수 없습니다. 그곳에 새로 만드세요.",
    );
    says(
        &MoveError::NoFreeBlock { vpc: id("vpc-b"), subnet: id("subnet-x") },
        "VPC vpc-b has no free block for subnet subnet-x.",
        "VPC vpc-b에 서브넷 subnet-x에 쓸 빈 대역이 없습니다.",
    );
    says(&ZoneError::NoVpc(id("vpc-nope")), "No such VPC.", "그런 VPC가 없습니다.");
    says(
        &ZoneError::EveryZoneShown { vpc: id("vpc-main"), region: id("ap-northeast-2") },
        "VPC vpc-main already shows every Availability Zone of Region ap-northeast-2.",
        "VPC vpc-main에 리전 ap-northeast-2의 모든 가용 영역이 이미 있습니다.",
    );

    let mut d = sample();
    let mut other = get::<Vpc>(&d, "vpc-main").clone();
    other.id = id("vpc-b");
    other.cidr = cidr("10.1.0.0/16");
    d.vpcs.push(other);
    assert_eq!(
        reparent(&d, &id("sg-web"), &Container::Vpc(id("vpc-b")), None),
        Err(MoveError::OtherVpc { kind: K::SecurityGroup, vpc: id("vpc-b") })
    );
    assert_eq!(reparent(&d, &id("i-nope"), &zone_a(), None), Err(MoveError::NoResource(id("i-nope"))));
    assert_eq!(
        next_zone(&d, &id("vpc-main")),
        Err(ZoneError::EveryZoneShown { vpc: id("vpc-main"), region: id("ap-northeast-2") })
    );
    assert_eq!(
        add_zone(&d, &id("vpc-nope"), Placement::at(0.0, 0.0)).map(|(zone, _)| zone),
        Err(ZoneError::NoVpc(id("vpc-nope")))
    );
}

#[test]
fn create_and_connect_errors_say_what_aws_would_not_do() {
    says(
        &CreateError::Drop(DropError::NotDroppable(K::TgwAttachment)),
        "A transit gateway attachment cannot be dropped. It connects two resources: draw it by connecting them.",
        "transit gateway attachment은(는) 놓을 수 없습니다. 두 리소스를 잇는 연결이므로 두 리소스를 연결해서 그립니다.",
    );
    says(
        &CreateError::EveryRegionUsed,
        "Every Region vpcanvas offers is already in the design.",
        "vpcanvas가 제공하는 리전이 모두 설계에 있습니다.",
    );
    says(
        &CreateError::NoPrivateBlock,
        "No private /16 is left for a new VPC.",
        "새 VPC에 쓸 사설 /16 대역이 남아 있지 않습니다.",
    );
    says(
        &CreateError::NoSubnetBlock { vpc: id("vpc-main") },
        "VPC vpc-main has no free block left for a subnet: add a secondary CIDR block to it.",
        "VPC vpc-main에 서브넷에 쓸 빈 대역이 없습니다. 보조 CIDR 블록을 추가하세요.",
    );
    says(&CreateError::Missing(K::ElasticIp), "Could not make a new Elastic IP.", "새 Elastic IP를 만들 수 없습니다.");
    says(
        &CreateError::NoTransitGateway,
        "A transit gateway route table belongs to a transit gateway: add one to this Region first.",
        "트랜짓 게이트웨이 라우팅 테이블은 트랜짓 게이트웨이에 속합니다. 먼저 이 리전에 트랜짓 게이트웨이를 추가하세요.",
    );
    says(&CreateError::NotHere, "That cannot go there.", "거기에 둘 수 없습니다.");
    says(
        &ConnectError::WrongPair(K::VpcPeering),
        "A VPC peering connects two VPCs: select those two, then add it.",
        "VPC 피어링은(는) 두 VPC을(를) 잇습니다. 그 둘을 선택한 다음 추가하세요.",
    );
    says(
        &ConnectError::WrongPair(K::VpnConnection),
        "A Site-to-Site VPN connects a customer gateway and a virtual private or transit gateway: select those two, then add it.",
        "Site-to-Site VPN은(는) 고객 게이트웨이와 가상 프라이빗 게이트웨이 또는 트랜짓 게이트웨이을(를) 잇습니다. 그 둘을 선택한 다음 추가하세요.",
    );
    says(
        &ConnectError::WrongPair(K::VirtualInterface),
        "A Direct Connect virtual interface connects an on-premises network and a virtual private or Direct Connect gateway: select those two, then add it.",
        "Direct Connect 가상 인터페이스은(는) 온프레미스 네트워크와 가상 프라이빗 게이트웨이 또는 Direct Connect 게이트웨이을(를) 잇습니다. 그 둘을 선택한 다음 추가하세요.",
    );
    says(
        &ConnectError::WrongPair(K::TgwAttachment),
        "A transit gateway attachment connects a transit gateway and a VPC: select those two, then add it.",
        "트랜짓 게이트웨이 연결은(는) 트랜짓 게이트웨이와 VPC을(를) 잇습니다. 그 둘을 선택한 다음 추가하세요.",
    );
    // A kind that joins nothing is not a connection at all.
    says(&ConnectError::WrongPair(K::Vpc), "A VPC is not a connection.", "VPC은(는) 연결이 아닙니다.");
    says(
        &ConnectError::Overlap {
            a: id("vpc-main"),
            a_block: cidr("10.0.0.0/16"),
            b: id("vpc-clash"),
            b_block: cidr("10.0.0.0/20"),
        },
        "AWS does not peer VPCs whose CIDR blocks overlap: vpc-main (10.0.0.0/16) and vpc-clash (10.0.0.0/20). Give one of them another block first.",
        "AWS는 CIDR 블록이 겹치는 VPC를 피어링하지 않습니다: vpc-main(10.0.0.0/16), vpc-clash(10.0.0.0/20). 먼저 한쪽 블록을 바꾸세요.",
    );
    says(
        &ConnectError::NoSubnet { vpc: id("vpc-b") },
        "VPC vpc-b has no subnet for the attachment's interfaces: add one per Availability Zone first.",
        "VPC vpc-b에 연결 인터페이스를 둘 서브넷이 없습니다. 먼저 가용 영역마다 서브넷을 추가하세요.",
    );
    says(&ConnectError::NotAConnection(K::Vpc), "A VPC is not a connection.", "VPC은(는) 연결이 아닙니다.");

    let d = sample();
    let region = Container::Region(id("ap-northeast-2"));
    assert_eq!(create(&d, K::TgwRouteTable, &region), Err(CreateError::NoTransitGateway));
    assert_eq!(
        create(&d, K::Subnet, &region),
        Err(CreateError::Drop(DropError::WrongContainer { kind: K::Subnet, into: region.clone() }))
    );
    assert_eq!(connect(&d, K::Vpc, &id("vpc-main"), &id("i-web-a")), Err(ConnectError::NotAConnection(K::Vpc)));
    assert_eq!(
        connect(&d, K::TgwAttachment, &id("vpc-main"), &id("i-web-a")),
        Err(ConnectError::WrongPair(K::TgwAttachment))
    );
}

#[test]
fn delete_add_update_and_paste_errors_name_the_resource() {
    says(&DeleteError::NoResource(id("i-nope")), "The design has no i-nope.", "설계에 i-nope가 없습니다.");
    says(
        &AddError::IdTaken(id("i-bastion")),
        "The design already has a resource with the id i-bastion.",
        "설계에 이미 id가 i-bastion인 리소스가 있습니다.",
    );
    says(
        &UpdateError::NoResource { kind: K::Instance, id: id("i-nope") },
        "The design has no EC2 instance i-nope.",
        "설계에 EC2 instance i-nope가 없습니다.",
    );
    says(&UpdateError::Gone(id("i-nope")), "The resource is gone.", "리소스가 없습니다.");
    says(&PasteError::Nothing, "There is nothing to paste.", "붙여 넣을 것이 없습니다.");
    says(
        &PasteError::Add(AddError::IdTaken(id("i-bastion"))),
        "The design already has a resource with the id i-bastion.",
        "설계에 이미 id가 i-bastion인 리소스가 있습니다.",
    );

    let d = sample();
    assert_eq!(delete(&d, &[id("i-nope")]).map(|x| x.deleted), Err(DeleteError::NoResource(id("i-nope"))));
    let (_, web) = d.resource("i-web-a").unwrap();
    let mut ghost = web.clone();
    *ghost.id_mut() = id("i-nope");
    assert_eq!(Edit::update(&d, ghost), Err(UpdateError::NoResource { kind: K::Instance, id: id("i-nope") }));
    assert_eq!(Edit::add_all(&d, vec![web], None), Err(AddError::IdTaken(id("i-web-a"))));
    assert_eq!(duplicate(&d, &[id("i-nope")], (0.0, 0.0)).map(|(_, roots)| roots), Err(PasteError::Nothing));
}

#[test]
fn a_fix_that_no_longer_fits_says_why() {
    let gone = FixError("the design has no VPC vpc-nope any more".into());
    says(
        &FixEditError::NoLongerApplies(gone.clone()),
        "The fix no longer applies: the design has no VPC vpc-nope any more.",
        "이 수정은 더 이상 적용되지 않습니다: the design has no VPC vpc-nope any more.",
    );
    says(
        &FixEditError::AddsOrRemoves(K::Vpc),
        "A fix may not add or remove resources.",
        "수정은 리소스를 더하거나 뺄 수 없습니다.",
    );
    let fix = Fix {
        title: Text::new("Turn on flow logs", "흐름 로그 켜기"),
        steps: vec![FixStep::SetFlowLogs { vpc: id("vpc-nope"), enabled: true }],
    };
    assert_eq!(from_fix(&sample(), &fix), Err(FixEditError::NoLongerApplies(gone)));
}

#[test]
fn field_errors_name_the_value_and_the_aws_rule() {
    says(
        &FieldError::NotAnAmiId("img-1".into()),
        "\"img-1\" is not an AMI id: ami- and 8 or 17 hexadecimal digits.",
        "\"img-1\"는 AMI ID가 아닙니다. ami- 뒤에 16진수 8자리나 17자리입니다.",
    );
    says(
        &FieldError::NotAPrivateAsn,
        "The Amazon-side ASN is a private ASN: 64512–65534 or 4200000000–4294967294.",
        "Amazon 측 ASN은 사설 ASN입니다: 64512–65534 또는 4200000000–4294967294.",
    );
    says(&FieldError::NotAnAccountId, "An AWS account id has 12 digits.", "AWS 계정 ID는 12자리 숫자입니다.");
    says(
        &FieldError::OutOfRange { field: Text::new("The port", "포트"), range: 1..=65535 },
        "The port is a whole number from 1 to 65535.",
        "포트은(는) 1에서 65535 사이의 정수입니다.",
    );
    says(
        &FieldError::RuleNumberTaken(100),
        "Rule 100 already exists in this direction.",
        "이 방향에 규칙 100가 이미 있습니다.",
    );
    says(&FieldError::NotARuleNumber, "A rule number is from 1 to 32766.", "규칙 번호는 1에서 32766 사이입니다.");
    says(
        &FieldError::NotAnAddress("ten".into()),
        "\"ten\" is not an IPv4 address (such as 10.0.1.10).",
        "\"ten\"는 IPv4 주소가 아닙니다(예: 10.0.1.10).",
    );
    says(
        &FieldError::OutsideSubnet {
            ip: Ipv4Addr::new(10, 0, 1, 10),
            subnet: id("subnet-public-a"),
            cidr: cidr("10.0.0.0/24"),
        },
        "10.0.1.10 is outside subnet subnet-public-a (10.0.0.0/24).",
        "10.0.1.10는 서브넷 subnet-public-a(10.0.0.0/24) 밖입니다.",
    );
    says(
        &FieldError::Reserved { ip: Ipv4Addr::new(10, 0, 0, 1), cidr: cidr("10.0.0.0/24") },
        "AWS reserves 10.0.0.1 in 10.0.0.0/24: the first four addresses and the last one of a subnet.",
        "AWS는 10.0.0.0/24에서 10.0.0.1를 예약합니다. 서브넷의 처음 네 주소와 마지막 주소입니다.",
    );
    says(
        &FieldError::NotAPortMapping("80/sctp".into()),
        "\"80/sctp\" is not a port mapping: write 80, 8080:80 (host:container) or 53/udp.",
        "\"80/sctp\"는 포트 매핑이 아닙니다. 80, 8080:80(호스트:컨테이너), 53/udp처럼 씁니다.",
    );
    says(
        &FieldError::NoContainerPort,
        "A container port is from 1 to 65535.",
        "컨테이너 포트는 1에서 65535 사이입니다.",
    );

    let d = sample();
    let subnet = id("subnet-public-a");
    assert_eq!(
        fields::read_address_in_subnet(&d, &subnet, "10.0.1.10"),
        Err(FieldError::OutsideSubnet { ip: Ipv4Addr::new(10, 0, 1, 10), subnet, cidr: cidr("10.0.0.0/24") })
    );
    assert_eq!(fields::read_ami_id("img-1"), Err(FieldError::NotAnAmiId("img-1".into())));
    assert_eq!(fields::read_mappings("0"), Err(FieldError::NoContainerPort));
    assert_eq!(fields::read_mappings("80/sctp"), Err(FieldError::NotAPortMapping("80/sctp".into())));
    assert_eq!(
        fields::read_task_cpu("1"),
        Err(FieldError::OutOfRange {
            field: Text::new("CPU units", "CPU 단위"),
            range: crate::doc::TaskDefinition::CPU_UNITS
        })
    );
}

#[test]
fn tag_errors_give_aws_tag_limits() {
    says(&TagError::NoKey, "A tag needs a key.", "태그에는 키가 필요합니다.");
    says(
        &TagError::KeyTooLong(129),
        "A tag key has at most 128 characters; this one has 129.",
        "태그 키는 최대 128자입니다. 지금 129자입니다.",
    );
    says(&TagError::ValueTooLong, "A tag value has at most 256 characters.", "태그 값은 최대 256자입니다.");
    says(
        &TagError::Reserved,
        "Tag keys starting with aws: are reserved for AWS.",
        "aws:로 시작하는 태그 키는 AWS 전용입니다.",
    );
    says(&TagError::NameTag, "The Name tag is the Name field above.", "Name 태그는 위의 이름 필드입니다.");
    says(&TagError::Duplicate("env".into()), "There is already a tag env.", "이미 env 태그가 있습니다.");
    says(&TagError::TooMany, "A resource has at most 50 tags.", "리소스 하나에 태그는 최대 50개입니다.");

    let none = crate::doc::Tags::new();
    assert_eq!(tag_problem(" ", "x", &none), Some(TagError::NoKey));
    assert_eq!(tag_problem(&"k".repeat(129), "", &none), Some(TagError::KeyTooLong(129)));
    assert_eq!(tag_problem("AWS:x", "", &none), Some(TagError::Reserved));
    let one = crate::doc::Tags::from([("env".into(), "a".into())]);
    assert_eq!(tag_problem("env", "b", &one), Some(TagError::Duplicate("env".into())));
}
