//! apigw-lsp: an authoring tool for Amazon API Gateway v2 definition files.
//!
//! The pipeline is `syntax` (text -> YAML tree with spans) -> `model` (schema-driven resolve
//! into typed constructs, with diagnostics) -> `synth` (the CloudFormation template that the
//! AWS CDK would synthesize). `check` ties the stages together for the CLI and the server.

pub mod check;
pub mod construct;
pub mod diagnostic;
pub mod give_way;
pub mod hash;
pub mod lsp;
pub mod model;
pub mod render;
pub mod syntax;
pub mod synth;
pub mod template_yaml;
#[cfg(test)]
mod test_random;
