//! What runs in subnets: EC2 instances with their network interfaces, and ECS clusters, task definitions,
//! services and tasks.

use std::net::Ipv4Addr;
use std::ops::RangeInclusive;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Tags, is_false, is_true, yes};

/// An EC2 instance. Its primary network interface is described inline (subnet, addresses, groups); further
/// interfaces are `NetworkInterface`s attached to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The instance type, such as `t3.micro`; its family follows from it (see [`InstanceFamily::of`]).
    pub instance_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ami: Option<Ami>,
    /// Block device mappings besides the root volume: EBS volumes and instance store.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub block_devices: Vec<BlockDevice>,
    pub subnet: Id,
    /// The primary private IPv4 address, when fixed or known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_private_ips: Vec<Ipv4Addr>,
    /// Whether the instance gets an auto-assigned public IPv4 address; absent means the subnet's
    /// `map_public_ip_on_launch` decides, as at launch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associate_public_ip: Option<bool>,
    /// The public address it has, when known (an imported instance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<Ipv4Addr>,
    /// An Elastic IP associated with the primary private address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic_ip: Option<Id>,
    /// Security groups of the primary interface; none means the VPC's default group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Id>,
    /// Source/destination check of the primary interface; NAT instances and appliances turn it off.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub source_dest_check: bool,
    /// The AWS id of the primary interface (`eni-…`), kept so that routes can name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_interface_id: Option<Id>,
    /// The ECS cluster this instance is registered to as a container instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecs_cluster: Option<Id>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// The image an instance boots from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Ami {
    /// `ami-…`
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub os: OsFamily,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_volume: Option<EbsVolume>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum OsFamily {
    Linux,
    Windows,
    Other,
}

/// An EBS volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct EbsVolume {
    pub size_gib: u32,
    /// `gp3`, `gp2`, `io2`, `st1`, …
    pub volume_type: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub encrypted: bool,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub delete_on_termination: bool,
}

/// One block device mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct BlockDevice {
    /// `/dev/sdb`, `xvdf`, …
    pub device_name: String,
    pub storage: BlockStorage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BlockStorage {
    Ebs(EbsVolume),
    /// An instance store (ephemeral) volume, such as `ephemeral0`.
    InstanceStore {
        virtual_name: String,
    },
}

/// The instance families of the EC2 documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstanceFamily {
    GeneralPurpose,
    ComputeOptimized,
    MemoryOptimized,
    AcceleratedComputing,
    StorageOptimized,
    HighPerformanceComputing,
}

impl InstanceFamily {
    /// The family of an instance type such as `m7g.large`, from its series letters; `None` when unknown.
    ///
    /// Source: the EC2 instance type naming conventions
    /// (<https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html>).
    pub fn of(instance_type: &str) -> Option<InstanceFamily> {
        let series = instance_type.split('.').next()?.to_ascii_lowercase();
        let letters: String = series.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        use InstanceFamily::*;
        Some(match letters.as_str() {
            "t" | "m" | "a" | "mac" => GeneralPurpose,
            "c" => ComputeOptimized,
            "r" | "x" | "z" | "u" => MemoryOptimized,
            "p" | "g" | "f" | "inf" | "trn" | "dl" | "vt" => AcceleratedComputing,
            "i" | "d" | "h" | "im" | "is" => StorageOptimized,
            "hpc" => HighPerformanceComputing,
            _ => return None,
        })
    }
}

/// A network interface the user manages: an extra interface of an instance, or one that stands alone
/// (a firewall appliance's, say). Interfaces that AWS creates for NAT gateways, load balancers, endpoints
/// and tasks are part of those resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct NetworkInterface {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub subnet: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary_private_ips: Vec<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elastic_ip: Option<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Id>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub source_dest_check: bool,
    /// The instance it is attached to, and at which device index (1 and up; 0 is the primary interface).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<InterfaceAttachment>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct InterfaceAttachment {
    pub instance: Id,
    pub device_index: u32,
}

/// An ECS cluster. Container instances name it with `ecs_cluster`; services and tasks with `cluster`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct EcsCluster {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub region: Id,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum NetworkMode {
    /// Each task has its own network interface and security groups.
    Awsvpc,
    /// Containers share the host's interface; container ports are mapped to host ports.
    Bridge,
    /// Containers use the host's ports directly.
    Host,
    /// No external networking.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum LaunchType {
    Ec2,
    Fargate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum TransportProtocol {
    #[default]
    Tcp,
    Udp,
}

impl TransportProtocol {
    fn is_tcp(&self) -> bool {
        *self == TransportProtocol::Tcp
    }
}

/// An ECS task definition revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct TaskDefinition {
    /// `family:revision` or the ARN.
    pub id: Id,
    pub family: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    pub network_mode: NetworkMode,
    /// Launch types the definition is compatible with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compatibilities: Vec<LaunchType>,
    /// Task-level CPU units (1024 = one vCPU).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<u32>,
    /// Task-level memory in MiB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_mib: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub containers: Vec<ContainerDefinition>,
}

impl TaskDefinition {
    /// The task-level CPU units ECS accepts: 128 (0.125 vCPU) to 196,608 (192 vCPU), the EC2 launch type's range
    /// (Fargate takes fixed sizes within it).
    pub const CPU_UNITS: RangeInclusive<u32> = 128..=196_608;
    /// The task-level memory ECS accepts, in MiB: from 6 (the least Docker gives a container) to 1,048,576 (1 TiB).
    pub const MEMORY_MIB: RangeInclusive<u32> = 6..=1_048_576;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ContainerDefinition {
    pub name: String,
    pub image: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_mib: Option<u32>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub essential: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub port_mappings: Vec<PortMapping>,
}

/// A container port and, in bridge mode, the host port it is published on (absent or 0: a dynamic port).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PortMapping {
    pub container_port: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_port: Option<u16>,
    #[serde(default, skip_serializing_if = "TransportProtocol::is_tcp")]
    pub protocol: TransportProtocol,
}

/// An ECS service: keeps `desired_count` tasks of a task definition running, optionally behind a target group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct EcsService {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub cluster: Id,
    pub task_definition: Id,
    pub desired_count: u32,
    pub launch_type: LaunchType,
    /// Subnets for task interfaces (awsvpc mode).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Id>,
    /// Security groups for task interfaces (awsvpc mode); none means the VPC's default group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Id>,
    /// `assignPublicIp` (Fargate in awsvpc mode only).
    #[serde(default, skip_serializing_if = "is_false")]
    pub assign_public_ip: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancers: Vec<ServiceLoadBalancer>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

/// A target group a service registers its tasks in, and which container port it sends to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ServiceLoadBalancer {
    pub target_group: Id,
    pub container_name: String,
    pub container_port: u16,
}

/// A running ECS task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct EcsTask {
    pub id: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub cluster: Id,
    pub task_definition: Id,
    /// The service that started it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Id>,
    pub launch_type: LaunchType,
    /// The container instance (an EC2 instance id) it runs on, for the EC2 launch type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_instance: Option<Id>,
    /// The subnet of its own interface (awsvpc mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<Ipv4Addr>,
    /// Security groups of its own interface (awsvpc mode).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Id>,
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

#[cfg(test)]
mod tests {
    use super::InstanceFamily::{self, *};

    #[test]
    fn families_follow_the_series_letters() {
        for (t, f) in [
            ("t3.micro", GeneralPurpose),
            ("m7g.large", GeneralPurpose),
            ("c6i.xlarge", ComputeOptimized),
            ("r6g.2xlarge", MemoryOptimized),
            ("x2idn.16xlarge", MemoryOptimized),
            ("p4d.24xlarge", AcceleratedComputing),
            ("inf2.xlarge", AcceleratedComputing),
            ("i4i.large", StorageOptimized),
            ("d3.xlarge", StorageOptimized),
            ("hpc7g.4xlarge", HighPerformanceComputing),
        ] {
            assert_eq!(InstanceFamily::of(t), Some(f), "{t}");
        }
        assert_eq!(InstanceFamily::of("banana.large"), None);
        assert_eq!(InstanceFamily::of(""), None);
    }
}
