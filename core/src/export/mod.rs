//! Infrastructure code from a design: Terraform for now (CloudFormation follows). Pure functions from a `Design` to
//! file contents; writing them is the caller's business.

pub mod hcl;
pub mod terraform;
