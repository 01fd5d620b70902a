//! The inspector's settings for the kinds the rule tables do not cover: an instance's image, address and Elastic
//! IP; NAT gateways and Elastic IPs; ECS task definitions with their containers and ports; peering, endpoints,
//! VPN, Direct Connect and transit gateways; on-premises networks and prefix lists.

use std::net::Ipv4Addr;

use leptos::prelude::*;
use vpcanvas_core::doc::{
    Ami, ContainerDefinition, Design, DxAssociatedGateway, DxGatewayAssociation, EndpointKind, Id, LaunchType,
    NatConnectivity, NetworkMode, OsFamily, PeeringStatus, PortMapping, PrefixListEntry, ServiceLoadBalancer,
    TgwAttachmentResource, TgwRoute, TgwRouteTarget, TransportProtocol, VifAttachment, VirtualInterfaceKind,
    VpnTermination,
};
use vpcanvas_core::edit::Resource;
use vpcanvas_core::net::{IpCidr, Ipv4Cidr};
use vpcanvas_core::text::Text;

use crate::editor::Editor;
use crate::forms::{
    checkbox, choice, cidrs_text, commit, field, group_choices, id_checkboxes, label_of, optional_ids, read_cidrs,
    read_optional_id, read_optional_number, remove_button, subnet_choices,
};
use crate::i18n::Lang;
use vpcanvas_core::edit::fields::{
    mappings_text, read_account_id, read_address_in_subnet, read_amazon_asn, read_ami_id, read_customer_asn,
    read_mappings, read_number, read_optional_ip, read_task_cpu, read_task_memory,
};

/// The settings of `resource` beyond its name and tags, when its kind has any here.
pub fn settings(ed: Editor, resource: &Resource) -> Option<AnyView> {
    let lang = ed.lang.get_untracked();
    Some(match resource.clone() {
        Resource::Instance(i) => instance(ed, i, lang).into_any(),
        Resource::NetworkInterface(n) => interface(ed, n, lang).into_any(),
        Resource::NatGateway(n) => nat_gateway(ed, n, lang).into_any(),
        Resource::ElasticIp(e) => elastic_ip(ed, e, lang).into_any(),
        Resource::TaskDefinition(t) => task_definition(ed, t, lang).into_any(),
        Resource::EcsService(s) => ecs_service(ed, s, lang).into_any(),
        Resource::TargetGroup(t) => target_group(ed, t, lang).into_any(),
        Resource::VpcPeering(p) => peering(ed, p, lang).into_any(),
        Resource::VpcEndpoint(e) => endpoint(ed, e, lang).into_any(),
        Resource::VpnGateway(g) => vpn_gateway(ed, g, lang).into_any(),
        Resource::CustomerGateway(g) => customer_gateway(ed, g, lang).into_any(),
        Resource::VpnConnection(v) => vpn_connection(ed, v, lang).into_any(),
        Resource::DxGateway(g) => dx_gateway(ed, g, lang).into_any(),
        Resource::VirtualInterface(v) => virtual_interface(ed, v, lang).into_any(),
        Resource::TransitGateway(t) => transit_gateway(ed, t, lang).into_any(),
        Resource::TgwAttachment(a) => tgw_attachment(ed, a, lang).into_any(),
        Resource::TgwRouteTable(t) => tgw_route_table(ed, t, lang).into_any(),
        Resource::OnPremNetwork(o) => on_premises(ed, o, lang).into_any(),
        Resource::PrefixList(p) => prefix_list(ed, p, lang).into_any(),
        _ => return None,
    })
}

fn err(en: impl Into<String>, ko: impl Into<String>) -> Text {
    Text::new(en, ko)
}

/// The Elastic IPs of the design, each labelled with what holds it (other than `holder`).
fn elastic_ip_options(d: &Design, holder: &Id, lang: Lang) -> Vec<(Id, String)> {
    d.elastic_ips
        .iter()
        .map(|e| {
            let held = d
                .instances
                .iter()
                .filter(|i| i.elastic_ip.as_ref() == Some(&e.id))
                .map(|i| &i.id)
                .chain(d.nat_gateways.iter().filter(|n| n.elastic_ip.as_ref() == Some(&e.id)).map(|n| &n.id))
                .chain(d.network_interfaces.iter().filter(|n| n.elastic_ip.as_ref() == Some(&e.id)).map(|n| &n.id))
                .find(|h| *h != holder);
            let mut label = label_of(&e.id, &e.name);
            if let Some(ip) = e.public_ip {
                label.push_str(&format!(" · {ip}"));
            }
            if let Some(h) = held {
                label.push_str(&format!(" · {} {h}", lang.pick("held by", "사용 중:")));
            }
            (e.id.clone(), label)
        })
        .collect()
}

fn none(lang: Lang) -> &'static str {
    lang.pick("(none)", "(없음)")
}

fn instance(ed: Editor, i: vpcanvas_core::doc::Instance, lang: Lang) -> impl IntoView {
    let eips = ed.design.with_untracked(|d| elastic_ip_options(d, &i.id, lang));
    let (i1, i2, i3, i4, i5, i6) = (i.clone(), i.clone(), i.clone(), i.clone(), i.clone(), i.clone());
    let ami = i.ami.clone();
    let os = match ami.as_ref().map(|a| a.os) {
        None => "",
        Some(OsFamily::Linux) => "linux",
        Some(OsFamily::Windows) => "windows",
        Some(OsFamily::Other) => "other",
    };
    view! {
        <h3>"AMI"</h3>
        {field(ed, ("Image id", "이미지 ID"), "field-ami-id", ami.as_ref().map(|a| a.id.clone()).unwrap_or_default(), move |t| {
            let mut after = i1.clone();
            let id = read_ami_id(t)?;
            let mut a = after.ami.take().unwrap_or(Ami { id: String::new(), name: String::new(), os: OsFamily::Linux, root_volume: None });
            a.id = id;
            after.ami = Some(a);
            Ok(Resource::Instance(after))
        })}
        {choice(
            ed,
            ("Operating system", "운영 체제"),
            "field-ami-os",
            vec![
                (String::new(), none(lang).to_owned()),
                ("linux".into(), "Linux".into()),
                ("windows".into(), "Windows".into()),
                ("other".into(), lang.pick("other", "기타").into()),
            ],
            os.to_owned(),
            move |v| {
                let mut after = i2.clone();
                let os = match v {
                    "linux" => OsFamily::Linux,
                    "windows" => OsFamily::Windows,
                    "other" => OsFamily::Other,
                    _ => {
                        after.ami = None;
                        return Ok(Resource::Instance(after));
                    }
                };
                let mut a = after.ami.take().unwrap_or(Ami { id: String::new(), name: String::new(), os, root_volume: None });
                a.os = os;
                after.ami = Some(a);
                Ok(Resource::Instance(after))
            },
        )}
        <h3>{lang.pick("Addresses", "주소")}</h3>
        {field(ed, ("Private IPv4 address (empty: assigned at launch)", "프라이빗 IPv4 주소(비우면 시작할 때 할당)"), "field-private-ip", i.private_ip.map(|a| a.to_string()).unwrap_or_default(), move |t| {
            let mut after = i3.clone();
            after.private_ip = ed.design.with_untracked(|d| read_address_in_subnet(d, &after.subnet, t))?;
            Ok(Resource::Instance(after))
        })}
        {choice(ed, ("Elastic IP", "탄력적 IP"), "field-elastic-ip", optional_ids(none(lang), eips), i.elastic_ip.as_ref().map(|e| e.to_string()).unwrap_or_default(), move |v| {
            let mut after = i4.clone();
            after.elastic_ip = read_optional_id(v)?;
            Ok(Resource::Instance(after))
        })}
        {checkbox(ed, ("Public IPv4 address", "퍼블릭 IPv4 주소"), "field-public-ip", i.associate_public_ip.unwrap_or(false), move |on| {
            let mut after = i5.clone();
            after.associate_public_ip = Some(on);
            Resource::Instance(after)
        })}
        {checkbox(ed, ("Source/destination check (off for NAT instances and appliances)", "소스/대상 확인(NAT 인스턴스와 어플라이언스는 끔)"), "field-source-dest-check", i.source_dest_check, move |on| {
            let mut after = i6.clone();
            after.source_dest_check = on;
            Resource::Instance(after)
        })}
    }
}

fn interface(ed: Editor, n: vpcanvas_core::doc::NetworkInterface, lang: Lang) -> impl IntoView {
    let (eips, groups) = ed.design.with_untracked(|d| {
        let vpc = d.subnets.iter().find(|s| s.id == n.subnet).map(|s| s.vpc.clone());
        let groups = vpc.map(|v| group_choices(d, &v)).unwrap_or_default();
        (elastic_ip_options(d, &n.id, lang), groups)
    });
    let (n1, n2, n3, n4, n5) = (n.clone(), n.clone(), n.clone(), n.clone(), n.clone());
    view! {
        {field(ed, ("Description", "설명"), "field-description", n.description.clone(), move |t| {
            let mut after = n1.clone();
            after.description = t.to_owned();
            Ok(Resource::NetworkInterface(after))
        })}
        {field(ed, ("Private IPv4 address", "프라이빗 IPv4 주소"), "field-private-ip", n.private_ip.map(|a| a.to_string()).unwrap_or_default(), move |t| {
            let mut after = n2.clone();
            after.private_ip = ed.design.with_untracked(|d| read_address_in_subnet(d, &after.subnet, t))?;
            Ok(Resource::NetworkInterface(after))
        })}
        {choice(ed, ("Elastic IP", "탄력적 IP"), "field-elastic-ip", optional_ids(none(lang), eips), n.elastic_ip.as_ref().map(|e| e.to_string()).unwrap_or_default(), move |v| {
            let mut after = n3.clone();
            after.elastic_ip = read_optional_id(v)?;
            Ok(Resource::NetworkInterface(after))
        })}
        {checkbox(ed, ("Source/destination check", "소스/대상 확인"), "field-source-dest-check", n.source_dest_check, move |on| {
            let mut after = n4.clone();
            after.source_dest_check = on;
            Resource::NetworkInterface(after)
        })}
        <h3>{lang.pick("Security groups", "보안 그룹")}</h3>
        {id_checkboxes(ed, "interface-group", groups, n.security_groups.clone(), move |list| {
            let mut after = n5.clone();
            after.security_groups = list;
            Resource::NetworkInterface(after)
        })}
    }
}

fn nat_gateway(ed: Editor, n: vpcanvas_core::doc::NatGateway, lang: Lang) -> impl IntoView {
    let eips = ed.design.with_untracked(|d| elastic_ip_options(d, &n.id, lang));
    let (n1, n2, n3) = (n.clone(), n.clone(), n.clone());
    let public = n.connectivity == NatConnectivity::Public;
    view! {
        {choice(
            ed,
            ("Connectivity", "연결 유형"),
            "field-nat-connectivity",
            vec![
                ("public".into(), lang.pick("public: to the internet, with an Elastic IP", "퍼블릭: 탄력적 IP로 인터넷에").into()),
                ("private".into(), lang.pick("private: to other VPCs and on-premises only", "프라이빗: 다른 VPC와 온프레미스만").into()),
            ],
            if public { "public".into() } else { "private".into() },
            move |v| {
                let mut after = n1.clone();
                after.connectivity = if v == "private" { NatConnectivity::Private } else { NatConnectivity::Public };
                if after.connectivity == NatConnectivity::Private {
                    after.elastic_ip = None;
                }
                Ok(Resource::NatGateway(after))
            },
        )}
        {public.then(|| choice(ed, ("Elastic IP", "탄력적 IP"), "field-elastic-ip", optional_ids(none(lang), eips), n.elastic_ip.as_ref().map(|e| e.to_string()).unwrap_or_default(), move |v| {
            let mut after = n2.clone();
            after.elastic_ip = read_optional_id(v)?;
            Ok(Resource::NatGateway(after))
        }))}
        {field(ed, ("Private IPv4 address", "프라이빗 IPv4 주소"), "field-private-ip", n.private_ip.map(|a| a.to_string()).unwrap_or_default(), move |t| {
            let mut after = n3.clone();
            after.private_ip = ed.design.with_untracked(|d| read_address_in_subnet(d, &after.subnet, t))?;
            Ok(Resource::NatGateway(after))
        })}
    }
}

fn elastic_ip(ed: Editor, e: vpcanvas_core::doc::ElasticIp, lang: Lang) -> impl IntoView {
    let holder = ed.design.with_untracked(|d| {
        d.instances
            .iter()
            .filter(|i| i.elastic_ip.as_ref() == Some(&e.id))
            .map(|i| label_of(&i.id, &i.name))
            .chain(
                d.nat_gateways
                    .iter()
                    .filter(|n| n.elastic_ip.as_ref() == Some(&e.id))
                    .map(|n| label_of(&n.id, &n.name)),
            )
            .chain(
                d.network_interfaces
                    .iter()
                    .filter(|n| n.elastic_ip.as_ref() == Some(&e.id))
                    .map(|n| label_of(&n.id, &n.name)),
            )
            .collect::<Vec<_>>()
            .join(", ")
    });
    let e1 = e.clone();
    view! {
        {field(ed, ("Public IPv4 address (empty: allocated by AWS)", "퍼블릭 IPv4 주소(비우면 AWS가 할당)"), "field-public-address", e.public_ip.map(|a| a.to_string()).unwrap_or_default(), move |t| {
            let mut after = e1.clone();
            after.public_ip = read_optional_ip(t)?;
            Ok(Resource::ElasticIp(after))
        })}
        <dl class="facts">
            <dt>{lang.pick("Associated with", "연결 대상")}</dt>
            <dd data-testid="eip-holder">{if holder.is_empty() { lang.pick("nothing: choose it on an instance or a NAT gateway", "없음: 인스턴스나 NAT 게이트웨이에서 고르세요").to_owned() } else { holder }}</dd>
        </dl>
    }
}

const NETWORK_MODES: [(&str, NetworkMode); 4] = [
    ("awsvpc", NetworkMode::Awsvpc),
    ("bridge", NetworkMode::Bridge),
    ("host", NetworkMode::Host),
    ("none", NetworkMode::None),
];

fn task_definition(ed: Editor, t: vpcanvas_core::doc::TaskDefinition, lang: Lang) -> impl IntoView {
    let (t1, t2, t3, t4, t5) = (t.clone(), t.clone(), t.clone(), t.clone(), t.clone());
    let mode = NETWORK_MODES.iter().find(|(_, m)| *m == t.network_mode).map(|(k, _)| *k).unwrap_or("awsvpc");
    let compat = |lt: LaunchType, label: &'static str, testid: &'static str| {
        let t = t.clone();
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    data-testid=testid
                    prop:checked=t.compatibilities.contains(&lt)
                    on:change=move |e| {
                        let mut after = t.clone();
                        after.compatibilities.retain(|x| *x != lt);
                        if event_target_checked(&e) {
                            after.compatibilities.push(lt);
                        }
                        commit(ed, Resource::TaskDefinition(after));
                    }
                />
                {label}
            </label>
        }
    };
    let rows = t
        .containers
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let (c1, c2, c3, c4, c5) = (t.clone(), t.clone(), t.clone(), t.clone(), t.clone());
            let set = move |base: &vpcanvas_core::doc::TaskDefinition, f: &dyn Fn(&mut ContainerDefinition)| {
                let mut after = base.clone();
                if let Some(c) = after.containers.get_mut(n) {
                    f(c);
                }
                Resource::TaskDefinition(after)
            };
            view! {
                <tr data-testid="container-row">
                    <td>
                        <input class="cell" data-testid="container-name" prop:value=c.name.clone() on:change=move |e| {
                            let v = event_target_value(&e).trim().to_owned();
                            if v.is_empty() {
                                ed.say_error(err("A container needs a name.", "컨테이너에는 이름이 필요합니다."));
                            } else if c1.containers.iter().enumerate().any(|(m, x)| m != n && x.name == v) {
                                ed.say_error(err(format!("There is already a container {v}."), format!("이미 {v} 컨테이너가 있습니다.")));
                            } else {
                                commit(ed, set(&c1, &|c| c.name = v.clone()));
                            }
                        } />
                    </td>
                    <td>
                        <input class="cell" data-testid="container-image" prop:value=c.image.clone() on:change=move |e| {
                            let v = event_target_value(&e).trim().to_owned();
                            commit(ed, set(&c2, &|c| c.image = v.clone()));
                        } />
                    </td>
                    <td>
                        <input class="cell" data-testid="container-ports" placeholder="80, 8080:80, 53/udp" prop:value=mappings_text(&c.port_mappings) on:change=move |e| {
                            match read_mappings(&event_target_value(&e)) {
                                Ok(ports) => commit(ed, set(&c3, &|c| c.port_mappings = ports.clone())),
                                Err(t) => ed.say_error(t.text()),
                            }
                        } />
                    </td>
                    <td>
                        <input type="checkbox" data-testid="container-essential" title=lang.pick("essential", "필수") prop:checked=c.essential on:change=move |e| {
                            let on = event_target_checked(&e);
                            commit(ed, set(&c4, &|c| c.essential = on));
                        } />
                    </td>
                    <td>
                        {remove_button(ed, "container-remove", "Remove", move || {
                            let mut after = c5.clone();
                            if n < after.containers.len() {
                                after.containers.remove(n);
                            }
                            Resource::TaskDefinition(after)
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {choice(
            ed,
            ("Network mode", "네트워크 모드"),
            "field-network-mode",
            NETWORK_MODES.iter().map(|(k, _)| ((*k).to_owned(), (*k).to_owned())).collect(),
            mode.to_owned(),
            move |v| {
                let mut after = t1.clone();
                after.network_mode = NETWORK_MODES.iter().find(|(k, _)| *k == v).map(|(_, m)| *m).unwrap_or(NetworkMode::Awsvpc);
                Ok(Resource::TaskDefinition(after))
            },
        )}
        <div class="field">
            <span>{lang.pick("Compatible launch types", "호환 시작 유형")}</span>
            {compat(LaunchType::Fargate, "Fargate", "field-compat-fargate")}
            {compat(LaunchType::Ec2, "EC2", "field-compat-ec2")}
        </div>
        {field(ed, ("Task CPU units (1024 = 1 vCPU)", "태스크 CPU 단위(1024 = vCPU 1개)"), "field-task-cpu", t.cpu.map(|c| c.to_string()).unwrap_or_default(), move |v| {
            let mut after = t2.clone();
            after.cpu = read_task_cpu(v)?;
            Ok(Resource::TaskDefinition(after))
        })}
        {field(ed, ("Task memory (MiB)", "태스크 메모리(MiB)"), "field-task-memory", t.memory_mib.map(|c| c.to_string()).unwrap_or_default(), move |v| {
            let mut after = t3.clone();
            after.memory_mib = read_task_memory(v)?;
            Ok(Resource::TaskDefinition(after))
        })}
        <h3>{lang.pick("Containers", "컨테이너")}</h3>
        <table class="rules" data-testid="containers">
            <thead>
                <tr>
                    <th>{lang.pick("Name", "이름")}</th>
                    <th>{lang.pick("Image", "이미지")}</th>
                    <th title=lang.pick("container port, or host:container; /udp for UDP", "컨테이너 포트 또는 호스트:컨테이너, UDP는 /udp")>{lang.pick("Ports", "포트")}</th>
                    <th title=lang.pick("essential", "필수")>"E"</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <button class="small" data-testid="container-add" on:click=move |_| {
            let mut after = t4.clone();
            let mut n = after.containers.len() + 1;
            while after.containers.iter().any(|c| c.name == format!("app{n}")) {
                n += 1;
            }
            after.containers.push(ContainerDefinition {
                name: format!("app{n}"),
                image: "public.ecr.aws/nginx/nginx:latest".into(),
                cpu: None,
                memory_mib: None,
                essential: true,
                port_mappings: vec![PortMapping { container_port: 80, host_port: (after.network_mode == NetworkMode::Bridge).then_some(0), protocol: TransportProtocol::Tcp }],
            });
            commit(ed, Resource::TaskDefinition(after));
        }>{lang.pick("Add container", "컨테이너 추가")}</button>
        {(t5.network_mode == NetworkMode::Bridge).then(|| view! {
            <p class="hint">{lang.pick("Bridge mode: a host port of 0 (or none) is a dynamic port from the ephemeral range.", "브리지 모드: 호스트 포트가 0이거나 없으면 임시 포트 범위의 동적 포트입니다.")}</p>
        })}
    }
}

fn ecs_service(ed: Editor, s: vpcanvas_core::doc::EcsService, lang: Lang) -> impl IntoView {
    let (defs, groups, tgs, containers) = ed.design.with_untracked(|d| {
        let defs: Vec<(String, String)> =
            d.task_definitions.iter().map(|t| (t.id.to_string(), format!("{} ({})", t.family, t.id))).collect();
        let vpcs: Vec<&Id> =
            s.subnets.iter().filter_map(|x| d.subnets.iter().find(|y| &y.id == x)).map(|y| &y.vpc).collect();
        let groups: Vec<(Id, String)> = d
            .security_groups
            .iter()
            .filter(|g| vpcs.is_empty() || vpcs.contains(&&g.vpc))
            .map(|g| (g.id.clone(), label_of(&g.id, &g.name)))
            .collect();
        let tgs: Vec<(Id, String)> = d
            .target_groups
            .iter()
            .filter(|g| vpcs.is_empty() || vpcs.contains(&&g.vpc))
            .map(|g| (g.id.clone(), label_of(&g.id, &g.name)))
            .collect();
        let containers: Vec<(String, Vec<u16>)> = d
            .task_definitions
            .iter()
            .find(|t| t.id == s.task_definition)
            .map(|t| {
                t.containers
                    .iter()
                    .map(|c| (c.name.clone(), c.port_mappings.iter().map(|p| p.container_port).collect()))
                    .collect()
            })
            .unwrap_or_default();
        (defs, groups, tgs, containers)
    });
    let (s1, s2, s3, s4) = (s.clone(), s.clone(), s.clone(), s.clone());
    let lb = s.load_balancers.first().cloned();
    // The container and port to register: the one chosen, or the first container's first port.
    let first = containers.iter().find_map(|(n, ports)| ports.first().map(|p| (n.clone(), *p)));
    let lb_target = lb.as_ref().map(|l| format!("{}:{}", l.container_name, l.container_port)).unwrap_or_default();
    let targets: Vec<(String, String)> = containers
        .iter()
        .flat_map(|(n, ports)| ports.iter().map(move |p| (format!("{n}:{p}"), format!("{n} : {p}"))))
        .collect();
    view! {
        {choice(ed, ("Task definition", "태스크 정의"), "field-task-definition", defs, s.task_definition.to_string(), move |v| {
            let mut after = s1.clone();
            after.task_definition = read_optional_id(v)?.ok_or_else(|| err("A service needs a task definition.", "서비스에는 태스크 정의가 필요합니다."))?;
            Ok(Resource::EcsService(after))
        })}
        {checkbox(ed, ("Assign public IP (Fargate, awsvpc)", "퍼블릭 IP 할당(Fargate, awsvpc)"), "field-assign-public-ip", s.assign_public_ip, move |on| {
            let mut after = s2.clone();
            after.assign_public_ip = on;
            Resource::EcsService(after)
        })}
        <h3>{lang.pick("Load balancing", "로드 밸런싱")}</h3>
        {choice(ed, ("Target group", "대상 그룹"), "field-service-target-group", optional_ids(none(lang), tgs), lb.as_ref().map(|l| l.target_group.to_string()).unwrap_or_default(), move |v| {
            let mut after = s3.clone();
            match read_optional_id(v)? {
                None => after.load_balancers.clear(),
                Some(tg) => {
                    let (container_name, container_port) = after
                        .load_balancers
                        .first()
                        .map(|l| (l.container_name.clone(), l.container_port))
                        .or_else(|| first.clone())
                        .ok_or_else(|| err("Give the task definition a container with a port first.", "먼저 태스크 정의에 포트가 있는 컨테이너를 추가하세요."))?;
                    after.load_balancers = vec![ServiceLoadBalancer { target_group: tg, container_name, container_port }];
                }
            }
            Ok(Resource::EcsService(after))
        })}
        {lb.is_some().then(|| choice(ed, ("Container and port it sends to", "보낼 컨테이너와 포트"), "field-service-container", targets, lb_target, move |v| {
            let mut after = s4.clone();
            let (name, port) = v.rsplit_once(':').ok_or_else(|| err("Choose a container port.", "컨테이너 포트를 고르세요."))?;
            let port = port.parse::<u16>().map_err(|_| err("Choose a container port.", "컨테이너 포트를 고르세요."))?;
            if let Some(l) = after.load_balancers.first_mut() {
                l.container_name = name.to_owned();
                l.container_port = port;
            }
            Ok(Resource::EcsService(after))
        }))}
        <h3>{lang.pick("Security groups of its tasks (awsvpc)", "태스크의 보안 그룹(awsvpc)")}</h3>
        {id_checkboxes(ed, "service-group", groups, s.security_groups.clone(), move |list| {
            let mut after = s.clone();
            after.security_groups = list;
            Resource::EcsService(after)
        })}
    }
}

fn target_group(ed: Editor, t: vpcanvas_core::doc::TargetGroup, _lang: Lang) -> impl IntoView {
    let t1 = t.clone();
    view! {
        {field(ed, ("Port targets receive traffic on", "대상이 트래픽을 받는 포트"), "field-tg-port", t.port.to_string(), move |v| {
            let mut after = t1.clone();
            after.port = u16::try_from(read_number(v, 1..=65535, ("The port", "포트"))?).unwrap_or(after.port);
            Ok(Resource::TargetGroup(after))
        })}
    }
}

const PEERING_STATES: [(&str, PeeringStatus); 7] = [
    ("active", PeeringStatus::Active),
    ("pending-acceptance", PeeringStatus::PendingAcceptance),
    ("provisioning", PeeringStatus::Provisioning),
    ("rejected", PeeringStatus::Rejected),
    ("failed", PeeringStatus::Failed),
    ("expired", PeeringStatus::Expired),
    ("deleted", PeeringStatus::Deleted),
];

fn peering(ed: Editor, p: vpcanvas_core::doc::VpcPeering, lang: Lang) -> impl IntoView {
    let (p1, p2) = (p.clone(), p.clone());
    let state = PEERING_STATES.iter().find(|(_, s)| *s == p.status).map(|(k, _)| *k).unwrap_or("active");
    view! {
        <dl class="facts">
            <dt>{lang.pick("Requester VPC", "요청자 VPC")}</dt>
            <dd>{p.requester_vpc.to_string()}</dd>
            <dt>{lang.pick("Accepter VPC", "수락자 VPC")}</dt>
            <dd>{p.accepter_vpc.to_string()}</dd>
        </dl>
        {choice(ed, ("Status (only an active peering carries traffic)", "상태(활성 피어링만 트래픽 전달)"), "field-peering-status", PEERING_STATES.iter().map(|(k, _)| ((*k).to_owned(), (*k).to_owned())).collect(), state.to_owned(), move |v| {
            let mut after = p1.clone();
            after.status = PEERING_STATES.iter().find(|(k, _)| *k == v).map(|(_, s)| *s).unwrap_or_default();
            Ok(Resource::VpcPeering(after))
        })}
        {field(ed, ("Accepter account (empty: the same account)", "수락자 계정(비우면 같은 계정)"), "field-accepter-account", p.accepter_account.clone().unwrap_or_default(), move |v| {
            let mut after = p2.clone();
            after.accepter_account = read_account_id(v)?;
            Ok(Resource::VpcPeering(after))
        })}
    }
}

fn endpoint(ed: Editor, e: vpcanvas_core::doc::VpcEndpoint, lang: Lang) -> AnyView {
    let (tables, subnets, groups) = ed.design.with_untracked(|d| {
        let tables: Vec<(Id, String)> = d
            .route_tables
            .iter()
            .filter(|t| t.vpc == e.vpc)
            .map(|t| (t.id.clone(), label_of(&t.id, &t.name)))
            .collect();
        let subnets: Vec<(Id, String)> = subnet_choices(d, &e.vpc);
        let groups: Vec<(Id, String)> = group_choices(d, &e.vpc);
        (tables, subnets, groups)
    });
    let e1 = e.clone();
    let service =
        field(ed, ("Service name", "서비스 이름"), "field-service-name", e.service_name.clone(), move |v| {
            if v.is_empty() {
                return Err(err(
                    "An endpoint needs a service name, such as com.amazonaws.us-east-1.s3.",
                    "엔드포인트에는 서비스 이름이 필요합니다(예: com.amazonaws.us-east-1.s3).",
                ));
            }
            let mut after = e1.clone();
            after.service_name = v.to_owned();
            Ok(Resource::VpcEndpoint(after))
        });
    match e.endpoint.clone() {
        EndpointKind::Gateway { route_tables, prefix_list } => {
            let e2 = e.clone();
            view! {
                {service}
                <h3>{lang.pick("Route tables that get its route", "라우트를 받을 라우팅 테이블")}</h3>
                {id_checkboxes(ed, "endpoint-route-table", tables, route_tables, move |list| {
                    let mut after = e2.clone();
                    after.endpoint = EndpointKind::Gateway { route_tables: list, prefix_list: prefix_list.clone() };
                    Resource::VpcEndpoint(after)
                })}
            }
            .into_any()
        }
        EndpointKind::Interface { subnets: chosen, security_groups, private_dns } => {
            let (e2, e3, e4) = (e.clone(), e.clone(), e.clone());
            let (g2, d2) = (security_groups.clone(), private_dns);
            let (c3, d3) = (chosen.clone(), private_dns);
            let (c4, g4) = (chosen.clone(), security_groups.clone());
            view! {
                {service}
                {checkbox(ed, ("Private DNS name", "프라이빗 DNS 이름"), "field-private-dns", private_dns, move |on| {
                    let mut after = e4.clone();
                    after.endpoint = EndpointKind::Interface { subnets: c4.clone(), security_groups: g4.clone(), private_dns: on };
                    Resource::VpcEndpoint(after)
                })}
                <h3>{lang.pick("Subnets (one interface each)", "서브넷(각각 인터페이스 하나)")}</h3>
                {id_checkboxes(ed, "endpoint-subnet", subnets, chosen, move |list| {
                    let mut after = e2.clone();
                    after.endpoint = EndpointKind::Interface { subnets: list, security_groups: g2.clone(), private_dns: d2 };
                    Resource::VpcEndpoint(after)
                })}
                <h3>{lang.pick("Security groups", "보안 그룹")}</h3>
                {id_checkboxes(ed, "endpoint-group", groups, security_groups, move |list| {
                    let mut after = e3.clone();
                    after.endpoint = EndpointKind::Interface { subnets: c3.clone(), security_groups: list, private_dns: d3 };
                    Resource::VpcEndpoint(after)
                })}
            }
            .into_any()
        }
    }
}

fn vpn_gateway(ed: Editor, g: vpcanvas_core::doc::VpnGateway, lang: Lang) -> impl IntoView {
    let vpcs: Vec<(Id, String)> = ed.design.with_untracked(|d| {
        d.vpcs
            .iter()
            .filter(|v| v.region == g.region)
            .map(|v| (v.id.clone(), format!("{} · {}", label_of(&v.id, &v.name), v.cidr)))
            .collect()
    });
    let (g1, g2) = (g.clone(), g.clone());
    view! {
        {choice(ed, ("Attached to VPC", "연결된 VPC"), "field-attached-vpc", optional_ids(lang.pick("(detached)", "(분리됨)"), vpcs), g.vpc.as_ref().map(|v| v.to_string()).unwrap_or_default(), move |v| {
            let mut after = g1.clone();
            after.vpc = read_optional_id(v)?;
            Ok(Resource::VpnGateway(after))
        })}
        {field(ed, ("Amazon-side ASN (empty: 64512)", "Amazon 측 ASN(비우면 64512)"), "field-amazon-asn", g.amazon_side_asn.map(|a| a.to_string()).unwrap_or_default(), move |v| {
            let mut after = g2.clone();
            after.amazon_side_asn = read_amazon_asn(v)?;
            Ok(Resource::VpnGateway(after))
        })}
    }
}

fn on_prem_options(d: &Design) -> Vec<(Id, String)> {
    d.on_premises
        .iter()
        .map(|o| (o.id.clone(), format!("{} · {}", label_of(&o.id, &o.name), cidrs_text(&o.cidrs))))
        .collect()
}

fn customer_gateway(ed: Editor, g: vpcanvas_core::doc::CustomerGateway, lang: Lang) -> impl IntoView {
    let nets = ed.design.with_untracked(on_prem_options);
    let (g1, g2, g3) = (g.clone(), g.clone(), g.clone());
    view! {
        {field(ed, ("Public IP of the customer's device", "고객 장비의 퍼블릭 IP"), "field-cgw-ip", g.ip_address.to_string(), move |v| {
            let mut after = g1.clone();
            after.ip_address = read_optional_ip(v)?.ok_or_else(|| err("A customer gateway needs its device's public address.", "고객 게이트웨이에는 장비의 퍼블릭 주소가 필요합니다."))?;
            Ok(Resource::CustomerGateway(after))
        })}
        {field(ed, ("BGP ASN", "BGP ASN"), "field-bgp-asn", g.bgp_asn.to_string(), move |v| {
            let mut after = g2.clone();
            after.bgp_asn = read_customer_asn(v)?;
            Ok(Resource::CustomerGateway(after))
        })}
        {choice(ed, ("On-premises network behind it", "뒤에 있는 온프레미스 네트워크"), "field-on-premises", optional_ids(none(lang), nets), g.on_premises.as_ref().map(|o| o.to_string()).unwrap_or_default(), move |v| {
            let mut after = g3.clone();
            after.on_premises = read_optional_id(v)?;
            Ok(Resource::CustomerGateway(after))
        })}
    }
}

fn vpn_connection(ed: Editor, v: vpcanvas_core::doc::VpnConnection, lang: Lang) -> impl IntoView {
    let cgws: Vec<(String, String)> = ed.design.with_untracked(|d| {
        d.customer_gateways
            .iter()
            .map(|g| (g.id.to_string(), format!("{} · {}", label_of(&g.id, &g.name), g.ip_address)))
            .collect()
    });
    let (v1, v2, v3) = (v.clone(), v.clone(), v.clone());
    let ends = match &v.gateway {
        VpnTermination::VpnGateway(g) => {
            format!("{} {g}", lang.pick("virtual private gateway", "가상 프라이빗 게이트웨이"))
        }
        VpnTermination::TransitGateway(g) => format!("{} {g}", lang.pick("transit gateway", "전송 게이트웨이")),
    };
    view! {
        <dl class="facts">
            <dt>{lang.pick("AWS end", "AWS 측")}</dt>
            <dd>{ends}</dd>
        </dl>
        {choice(ed, ("Customer gateway", "고객 게이트웨이"), "field-customer-gateway", cgws, v.customer_gateway.to_string(), move |x| {
            let mut after = v1.clone();
            after.customer_gateway = read_optional_id(x)?.ok_or_else(|| err("A VPN needs a customer gateway.", "VPN에는 고객 게이트웨이가 필요합니다."))?;
            Ok(Resource::VpnConnection(after))
        })}
        {checkbox(ed, ("Static routing (no BGP)", "정적 라우팅(BGP 없음)"), "field-static-routes-only", v.static_routes_only, move |on| {
            let mut after = v2.clone();
            after.static_routes_only = on;
            Resource::VpnConnection(after)
        })}
        {v.static_routes_only.then(|| field(ed, ("On-premises blocks (static routes)", "온프레미스 블록(정적 라우트)"), "field-static-routes", cidrs_text(&v.static_routes), move |x| {
            let mut after = v3.clone();
            after.static_routes = read_cidrs(x)?;
            Ok(Resource::VpnConnection(after))
        }))}
    }
}

fn dx_gateway(ed: Editor, g: vpcanvas_core::doc::DxGateway, lang: Lang) -> impl IntoView {
    let gateways: Vec<(Id, String, DxAssociatedGateway)> = ed.design.with_untracked(|d| {
        d.vpn_gateways
            .iter()
            .map(|v| {
                (
                    v.id.clone(),
                    format!("VGW {}", label_of(&v.id, &v.name)),
                    DxAssociatedGateway::VpnGateway(v.id.clone()),
                )
            })
            .chain(d.transit_gateways.iter().map(|t| {
                (
                    t.id.clone(),
                    format!("TGW {}", label_of(&t.id, &t.name)),
                    DxAssociatedGateway::TransitGateway(t.id.clone()),
                )
            }))
            .collect()
    });
    let g1 = g.clone();
    let rows = gateways
        .into_iter()
        .map(|(id, label, which)| {
            let current = g.associations.iter().position(|a| a.gateway == which);
            let prefixes = current.and_then(|n| g.associations.get(n)).map(|a| cidrs_text(&a.allowed_prefixes)).unwrap_or_default();
            let (ga, gp) = (g.clone(), g.clone());
            let (w1, w2) = (which.clone(), which.clone());
            view! {
                <div class="association" data-testid="dx-association" data-id=id.to_string()>
                    <label class="check">
                        <input type="checkbox" prop:checked=current.is_some() on:change=move |e| {
                            let mut after = ga.clone();
                            after.associations.retain(|a| a.gateway != w1);
                            if event_target_checked(&e) {
                                after.associations.push(DxGatewayAssociation { gateway: w1.clone(), allowed_prefixes: vec![] });
                            }
                            commit(ed, Resource::DxGateway(after));
                        } />
                        {label}
                    </label>
                    {current.is_some().then(|| view! {
                        <input class="cell" data-testid="dx-allowed-prefixes" placeholder=lang.pick("allowed prefixes", "허용 접두사") prop:value=prefixes on:change=move |e| {
                            match read_cidrs(&event_target_value(&e)) {
                                Ok(list) => {
                                    let mut after = gp.clone();
                                    if let Some(a) = after.associations.iter_mut().find(|a| a.gateway == w2) {
                                        a.allowed_prefixes = list;
                                    }
                                    commit(ed, Resource::DxGateway(after));
                                }
                                Err(t) => ed.say_error(t),
                            }
                        } />
                    })}
                </div>
            }
        })
        .collect_view();
    view! {
        {field(ed, ("Amazon-side ASN", "Amazon 측 ASN"), "field-amazon-asn", g.amazon_side_asn.to_string(), move |v| {
            let mut after = g1.clone();
            after.amazon_side_asn = read_amazon_asn(v)?.ok_or_else(|| err("A Direct Connect gateway needs its ASN.", "Direct Connect 게이트웨이에는 ASN이 필요합니다."))?;
            Ok(Resource::DxGateway(after))
        })}
        <h3>{lang.pick("Associated gateways and the prefixes they advertise", "연결된 게이트웨이와 광고할 접두사")}</h3>
        {rows}
    }
}

fn virtual_interface(ed: Editor, v: vpcanvas_core::doc::VirtualInterface, lang: Lang) -> impl IntoView {
    let (ends, nets) = ed.design.with_untracked(|d| {
        let ends: Vec<(String, String)> = std::iter::once((String::new(), none(lang).to_owned()))
            .chain(
                d.vpn_gateways.iter().map(|g| (format!("vgw:{}", g.id), format!("VGW {}", label_of(&g.id, &g.name)))),
            )
            .chain(
                d.dx_gateways
                    .iter()
                    .map(|g| (format!("dxgw:{}", g.id), format!("DX gateway {}", label_of(&g.id, &g.name)))),
            )
            .collect();
        (ends, on_prem_options(d))
    });
    let (v1, v2, v3, v4, v5, v6, v7) = (v.clone(), v.clone(), v.clone(), v.clone(), v.clone(), v.clone(), v.clone());
    let kind = match v.kind {
        VirtualInterfaceKind::Private => "private",
        VirtualInterfaceKind::Public => "public",
        VirtualInterfaceKind::Transit => "transit",
    };
    let end = match &v.attachment {
        Some(VifAttachment::VpnGateway(g)) => format!("vgw:{g}"),
        Some(VifAttachment::DxGateway(g)) => format!("dxgw:{g}"),
        None => String::new(),
    };
    view! {
        {choice(ed, ("Type", "유형"), "field-vif-kind", vec![
            ("private".into(), lang.pick("private: to VPCs", "프라이빗: VPC로").into()),
            ("transit".into(), lang.pick("transit: to transit gateways", "전송: 전송 게이트웨이로").into()),
            ("public".into(), lang.pick("public: to AWS public endpoints", "퍼블릭: AWS 퍼블릭 엔드포인트로").into()),
        ], kind.to_owned(), move |x| {
            let mut after = v1.clone();
            after.kind = match x {
                "public" => VirtualInterfaceKind::Public,
                "transit" => VirtualInterfaceKind::Transit,
                _ => VirtualInterfaceKind::Private,
            };
            Ok(Resource::VirtualInterface(after))
        })}
        {choice(ed, ("Ends at", "연결 끝"), "field-vif-attachment", ends, end, move |x| {
            let mut after = v2.clone();
            after.attachment = match x.split_once(':') {
                Some(("vgw", id)) => read_optional_id(id)?.map(VifAttachment::VpnGateway),
                Some(("dxgw", id)) => read_optional_id(id)?.map(VifAttachment::DxGateway),
                _ => None,
            };
            Ok(Resource::VirtualInterface(after))
        })}
        {field(ed, ("Location or connection", "위치 또는 연결"), "field-vif-location", v.location.clone(), move |x| {
            let mut after = v3.clone();
            after.location = x.to_owned();
            Ok(Resource::VirtualInterface(after))
        })}
        {field(ed, ("VLAN", "VLAN"), "field-vlan", v.vlan.map(|x| x.to_string()).unwrap_or_default(), move |x| {
            let mut after = v4.clone();
            after.vlan = read_optional_number(x, 1..=4094, ("The VLAN", "VLAN"))?.and_then(|n| u16::try_from(n).ok());
            Ok(Resource::VirtualInterface(after))
        })}
        {field(ed, ("Customer BGP ASN", "고객 BGP ASN"), "field-bgp-asn", v.customer_asn.to_string(), move |x| {
            let mut after = v5.clone();
            after.customer_asn = read_number(x, 1..=4_294_967_294, ("The BGP ASN", "BGP ASN"))?;
            Ok(Resource::VirtualInterface(after))
        })}
        {choice(ed, ("On-premises network", "온프레미스 네트워크"), "field-on-premises", optional_ids(none(lang), nets), v.on_premises.as_ref().map(|o| o.to_string()).unwrap_or_default(), move |x| {
            let mut after = v6.clone();
            after.on_premises = read_optional_id(x)?;
            Ok(Resource::VirtualInterface(after))
        })}
        {(v.kind == VirtualInterfaceKind::Public).then(|| field(ed, ("Public prefixes advertised", "광고하는 퍼블릭 접두사"), "field-advertised-prefixes", cidrs_text(&v.advertised_prefixes), move |x| {
            let mut after = v7.clone();
            after.advertised_prefixes = read_cidrs(x)?;
            Ok(Resource::VirtualInterface(after))
        }))}
    }
}

fn tgw_tables(d: &Design, tgw: &Id) -> Vec<(Id, String)> {
    d.tgw_route_tables
        .iter()
        .filter(|t| &t.transit_gateway == tgw)
        .map(|t| (t.id.clone(), label_of(&t.id, &t.name)))
        .collect()
}

fn transit_gateway(ed: Editor, t: vpcanvas_core::doc::TransitGateway, lang: Lang) -> impl IntoView {
    let tables = ed.design.with_untracked(|d| tgw_tables(d, &t.id));
    let (t1, t2, t3, t4) = (t.clone(), t.clone(), t.clone(), t.clone());
    view! {
        {field(ed, ("Amazon-side ASN (empty: 64512)", "Amazon 측 ASN(비우면 64512)"), "field-amazon-asn", t.amazon_side_asn.map(|a| a.to_string()).unwrap_or_default(), move |v| {
            let mut after = t1.clone();
            after.amazon_side_asn = read_amazon_asn(v)?;
            Ok(Resource::TransitGateway(after))
        })}
        {choice(ed, ("Default association route table", "기본 연결 라우팅 테이블"), "field-default-association", optional_ids(lang.pick("(disabled)", "(사용 안 함)"), tables.clone()), t.default_association_route_table.as_ref().map(|x| x.to_string()).unwrap_or_default(), move |v| {
            let mut after = t2.clone();
            after.default_association_route_table = read_optional_id(v)?;
            Ok(Resource::TransitGateway(after))
        })}
        {choice(ed, ("Default propagation route table", "기본 전파 라우팅 테이블"), "field-default-propagation", optional_ids(lang.pick("(disabled)", "(사용 안 함)"), tables), t.default_propagation_route_table.as_ref().map(|x| x.to_string()).unwrap_or_default(), move |v| {
            let mut after = t3.clone();
            after.default_propagation_route_table = read_optional_id(v)?;
            Ok(Resource::TransitGateway(after))
        })}
        {checkbox(ed, ("Security group referencing", "보안 그룹 참조"), "field-sg-referencing", t.security_group_referencing, move |on| {
            let mut after = t4.clone();
            after.security_group_referencing = on;
            Resource::TransitGateway(after)
        })}
    }
}

fn tgw_attachment(ed: Editor, a: vpcanvas_core::doc::TgwAttachment, lang: Lang) -> impl IntoView {
    let (tables, subnets) = ed.design.with_untracked(|d| {
        let subnets: Vec<(Id, String)> = match &a.resource {
            TgwAttachmentResource::Vpc { vpc, .. } => subnet_choices(d, vpc),
            _ => vec![],
        };
        (tgw_tables(d, &a.transit_gateway), subnets)
    });
    let (a1, a2) = (a.clone(), a.clone());
    let what = match &a.resource {
        TgwAttachmentResource::Vpc { vpc, .. } => format!("VPC {vpc}"),
        TgwAttachmentResource::Vpn { vpn_connection } => format!("VPN {vpn_connection}"),
        TgwAttachmentResource::DxGateway { dx_gateway } => format!("Direct Connect gateway {dx_gateway}"),
        TgwAttachmentResource::Peering { peer_transit_gateway } => format!("peering {peer_transit_gateway}"),
    };
    let vpc_part = match a.resource.clone() {
        TgwAttachmentResource::Vpc { vpc, subnets: chosen, appliance_mode, security_group_referencing } => {
            let (a3, a4) = (a.clone(), a.clone());
            let (v3, c4, v4) = (vpc.clone(), chosen.clone(), vpc.clone());
            Some(view! {
                {checkbox(ed, ("Appliance mode (keep both directions on one appliance)", "어플라이언스 모드(양방향을 한 어플라이언스로)"), "field-appliance-mode", appliance_mode, move |on| {
                    let mut after = a4.clone();
                    after.resource = TgwAttachmentResource::Vpc { vpc: v4.clone(), subnets: c4.clone(), appliance_mode: on, security_group_referencing };
                    Resource::TgwAttachment(after)
                })}
                <h3>{lang.pick("Subnets (one per Availability Zone)", "서브넷(가용 영역마다 하나)")}</h3>
                {id_checkboxes(ed, "tgw-subnet", subnets, chosen, move |list| {
                    let mut after = a3.clone();
                    after.resource = TgwAttachmentResource::Vpc { vpc: v3.clone(), subnets: list, appliance_mode, security_group_referencing };
                    Resource::TgwAttachment(after)
                })}
            })
        }
        _ => None,
    };
    view! {
        <dl class="facts">
            <dt>{lang.pick("Attaches", "연결 대상")}</dt>
            <dd>{what}</dd>
            <dt>{lang.pick("Transit gateway", "전송 게이트웨이")}</dt>
            <dd>{a.transit_gateway.to_string()}</dd>
        </dl>
        {choice(ed, ("Associated route table (routes its arriving traffic)", "연결된 라우팅 테이블(들어오는 트래픽을 라우팅)"), "field-tgw-association", optional_ids(none(lang), tables.clone()), a.association.as_ref().map(|x| x.to_string()).unwrap_or_default(), move |v| {
            let mut after = a1.clone();
            after.association = read_optional_id(v)?;
            Ok(Resource::TgwAttachment(after))
        })}
        <h3>{lang.pick("Propagates its routes into", "라우트를 전파할 테이블")}</h3>
        {id_checkboxes(ed, "tgw-propagation", tables, a.propagations.clone(), move |list| {
            let mut after = a2.clone();
            after.propagations = list;
            Resource::TgwAttachment(after)
        })}
        {vpc_part}
    }
}

fn tgw_route_table(ed: Editor, t: vpcanvas_core::doc::TgwRouteTable, lang: Lang) -> impl IntoView {
    let attachments: Vec<(String, String)> = ed.design.with_untracked(|d| {
        std::iter::once(("blackhole".to_owned(), "blackhole".to_owned()))
            .chain(
                d.tgw_attachments
                    .iter()
                    .filter(|a| a.transit_gateway == t.transit_gateway)
                    .map(|a| (a.id.to_string(), label_of(&a.id, &a.name))),
            )
            .collect()
    });
    let target_value = |r: &TgwRoute| match &r.target {
        TgwRouteTarget::Blackhole => "blackhole".to_owned(),
        TgwRouteTarget::Attachment(a) => a.to_string(),
    };
    let read_target = |v: &str| -> Result<TgwRouteTarget, Text> {
        if v == "blackhole" {
            Ok(TgwRouteTarget::Blackhole)
        } else {
            read_optional_id(v)?
                .map(TgwRouteTarget::Attachment)
                .ok_or_else(|| err("Choose a target.", "대상을 고르세요."))
        }
    };
    let rows = t
        .routes
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let (t1, t2, t3) = (t.clone(), t.clone(), t.clone());
            let selected = target_value(r);
            let options = attachments.clone();
            view! {
                <tr data-testid="tgw-route-row">
                    <td>
                        <input class="cell" data-testid="tgw-route-destination" prop:value=r.destination.to_string() on:change=move |e| {
                            match event_target_value(&e).trim().parse::<Ipv4Cidr>() {
                                Ok(c) => {
                                    let mut after = t1.clone();
                                    if let Some(r) = after.routes.get_mut(n) {
                                        r.destination = c.canonical();
                                    }
                                    commit(ed, Resource::TgwRouteTable(after));
                                }
                                Err(e) => ed.say_error(err(format!("Not a CIDR block: {e}."), format!("CIDR 블록이 아닙니다: {e}."))),
                            }
                        } />
                    </td>
                    <td>
                        <select data-testid="tgw-route-target" on:change=move |e| match read_target(&event_target_value(&e)) {
                            Ok(target) => {
                                let mut after = t2.clone();
                                if let Some(r) = after.routes.get_mut(n) {
                                    r.target = target;
                                }
                                commit(ed, Resource::TgwRouteTable(after));
                            }
                            Err(t) => ed.say_error(t),
                        }>
                            {options.into_iter().map(|(v, l)| {
                                let on = v == selected;
                                view! { <option value=v selected=on>{l}</option> }
                            }).collect_view()}
                        </select>
                    </td>
                    <td>
                        {remove_button(ed, "tgw-route-remove", "Remove", move || {
                            let mut after = t3.clone();
                            if n < after.routes.len() {
                                after.routes.remove(n);
                            }
                            Resource::TgwRouteTable(after)
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let t4 = t.clone();
    view! {
        <h3>{lang.pick("Static routes", "정적 라우트")}</h3>
        <table class="rules" data-testid="tgw-routes">
            <thead>
                <tr>
                    <th>{lang.pick("Destination", "대상 주소")}</th>
                    <th>{lang.pick("Target", "대상")}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <button class="small" data-testid="tgw-route-add" on:click=move |_| {
            let mut after = t4.clone();
            let mut n = 0u8;
            // A free 10.x.0.0/16 the table does not route yet.
            let destination = loop {
                let c = Ipv4Cidr::clamped(Ipv4Addr::new(10, n, 0, 0), 16);
                if !after.routes.iter().any(|r| r.destination == c) || n == 255 {
                    break c;
                }
                n += 1;
            };
            after.routes.push(TgwRoute { destination, target: TgwRouteTarget::Blackhole });
            commit(ed, Resource::TgwRouteTable(after));
        }>{lang.pick("Add route", "라우트 추가")}</button>
        <p class="hint">{lang.pick("Propagated routes come from the attachments that propagate into this table.", "전파된 라우트는 이 테이블로 전파하는 연결에서 옵니다.")}</p>
    }
}

fn on_premises(ed: Editor, o: vpcanvas_core::doc::OnPremNetwork, _lang: Lang) -> impl IntoView {
    let o1 = o.clone();
    field(ed, ("Address blocks", "주소 블록"), "field-cidrs", cidrs_text(&o.cidrs), move |v| {
        let cidrs = read_cidrs(v)?;
        if cidrs.is_empty() {
            return Err(err(
                "An on-premises network needs at least one block.",
                "온프레미스 네트워크에는 블록이 하나 이상 필요합니다.",
            ));
        }
        let mut after = o1.clone();
        after.cidrs = cidrs;
        Ok(Resource::OnPremNetwork(after))
    })
}

fn prefix_list(ed: Editor, p: vpcanvas_core::doc::PrefixList, _lang: Lang) -> impl IntoView {
    let text = p.entries.iter().filter_map(|e| e.cidr.as_v4().map(|c| c.to_string())).collect::<Vec<_>>().join(", ");
    let p1 = p.clone();
    field(ed, ("Entries (IPv4 blocks)", "항목(IPv4 블록)"), "field-prefix-entries", text, move |v| {
        let cidrs = read_cidrs(v)?;
        let mut after = p1.clone();
        // Keep the IPv6 entries and the descriptions of blocks that stay.
        let old = std::mem::take(&mut after.entries);
        after.entries = old.iter().filter(|e| e.cidr.as_v4().is_none()).cloned().collect();
        for c in cidrs {
            let description =
                old.iter().find(|e| e.cidr.as_v4() == Some(&c)).map(|e| e.description.clone()).unwrap_or_default();
            after.entries.push(PrefixListEntry { cidr: IpCidr::V4(c), description });
        }
        Ok(Resource::PrefixList(after))
    })
}
