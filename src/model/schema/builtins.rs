//! Expression heads that are not entries: CDK's `Fn` and `Aws` helpers.

/// Heads of expressions that are not entries: `${Fn.importValue(x)}`, `${Aws.REGION}`.
pub const BUILTIN_HEADS: &[&str] = &["Fn", "Aws"];

/// CDK's `Aws.*` pseudo parameters and the `Ref` each one is.
pub const AWS_PSEUDO_PARAMETERS: &[(&str, &str)] = &[
    ("ACCOUNT_ID", "AWS::AccountId"),
    ("REGION", "AWS::Region"),
    ("PARTITION", "AWS::Partition"),
    ("URL_SUFFIX", "AWS::URLSuffix"),
    ("STACK_NAME", "AWS::StackName"),
    ("STACK_ID", "AWS::StackId"),
    ("NOTIFICATION_ARNS", "AWS::NotificationARNs"),
];
