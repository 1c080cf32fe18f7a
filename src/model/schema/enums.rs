//! Enum-like CDK classes: members and static factories.

use super::{EnumDef, EnumMember, FactoryDef, Kind};

/// An enum member (for enums defined next to their types).
pub(super) const fn member(
    name: &'static str,
    value: &'static str,
    doc: &'static str,
) -> EnumMember {
    m(name, value, doc)
}

const fn m(name: &'static str, value: &'static str, doc: &'static str) -> EnumMember {
    EnumMember { name, value, doc }
}

/// `HttpMethod`: the method of a route or an HTTP proxy integration.
pub const HTTP_METHOD: EnumDef = EnumDef {
    name: "HttpMethod",
    members: &[
        m(
            "ANY",
            "ANY",
            "Any method not matched by a more specific route.",
        ),
        m("DELETE", "DELETE", "HTTP DELETE."),
        m("GET", "GET", "HTTP GET."),
        m("HEAD", "HEAD", "HTTP HEAD."),
        m("OPTIONS", "OPTIONS", "HTTP OPTIONS."),
        m("PATCH", "PATCH", "HTTP PATCH."),
        m("POST", "POST", "HTTP POST."),
        m("PUT", "PUT", "HTTP PUT."),
    ],
    factories: &[],
};

/// `CorsHttpMethod`: methods allowed by a CORS preflight.
pub const CORS_HTTP_METHOD: EnumDef = EnumDef {
    name: "CorsHttpMethod",
    members: &[
        m("ANY", "*", "Every method (`*`)."),
        m("DELETE", "DELETE", "HTTP DELETE."),
        m("GET", "GET", "HTTP GET."),
        m("HEAD", "HEAD", "HTTP HEAD."),
        m("OPTIONS", "OPTIONS", "HTTP OPTIONS."),
        m("PATCH", "PATCH", "HTTP PATCH."),
        m("POST", "POST", "HTTP POST."),
        m("PUT", "PUT", "HTTP PUT."),
    ],
    factories: &[],
};

/// `IpAddressType`: which IP versions the execute-api endpoint serves.
pub const IP_ADDRESS_TYPE: EnumDef = EnumDef {
    name: "IpAddressType",
    members: &[
        m("IPV4", "ipv4", "IPv4 only (the API Gateway default)."),
        m("DUAL_STACK", "dualstack", "IPv4 and IPv6."),
    ],
    factories: &[],
};

/// `EndpointType`: the endpoint type of a custom domain.
pub const ENDPOINT_TYPE: EnumDef = EnumDef {
    name: "EndpointType",
    members: &[
        m("REGIONAL", "REGIONAL", "A regional endpoint."),
        m(
            "EDGE",
            "EDGE",
            "An edge-optimized endpoint (through CloudFront).",
        ),
    ],
    factories: &[],
};

/// `SecurityPolicy`: the minimum TLS version of a custom domain.
pub const SECURITY_POLICY: EnumDef = EnumDef {
    name: "SecurityPolicy",
    members: &[
        m("TLS_1_0", "TLS_1_0", "TLS 1.0 and later."),
        m("TLS_1_2", "TLS_1_2", "TLS 1.2 and later."),
    ],
    factories: &[],
};

/// `CertificateValidation`: how ACM validates that you own a certificate's domains.
pub const CERTIFICATE_VALIDATION: EnumDef = EnumDef {
    name: "CertificateValidation",
    members: &[
        m(
            "fromEmail",
            "EMAIL",
            "By email to the domain's registered contacts and admin addresses of its apex domain.",
        ),
        m(
            "fromDns",
            "DNS",
            "By a DNS record that you create (ACM shows it in the console).",
        ),
    ],
    factories: &[],
};

/// `PayloadFormatVersion`: the Lambda event format of an integration.
pub const PAYLOAD_FORMAT_VERSION: EnumDef = EnumDef {
    name: "PayloadFormatVersion",
    members: &[
        m(
            "VERSION_1_0",
            "1.0",
            "Version 1.0, the REST API event format.",
        ),
        m(
            "VERSION_2_0",
            "2.0",
            "Version 2.0, the HTTP API event format.",
        ),
    ],
    factories: &[FactoryDef {
        name: "custom",
        arg: Kind::String,
        doc: "A version given as text (`{ custom: \"2.0\" }`).",
    }],
};

/// `lambda.Runtime`: the runtime of a Lambda function.
pub const RUNTIME: EnumDef = EnumDef {
    name: "Runtime",
    members: &[
        m("NODEJS_18_X", "nodejs18.x", "Node.js 18."),
        m("NODEJS_20_X", "nodejs20.x", "Node.js 20."),
        m("NODEJS_22_X", "nodejs22.x", "Node.js 22."),
        m("NODEJS_24_X", "nodejs24.x", "Node.js 24."),
        m(
            "NODEJS_LATEST",
            "nodejs24.x",
            "The latest Node.js runtime CDK knows (Node.js 24).",
        ),
        m("PYTHON_3_9", "python3.9", "Python 3.9."),
        m("PYTHON_3_10", "python3.10", "Python 3.10."),
        m("PYTHON_3_11", "python3.11", "Python 3.11."),
        m("PYTHON_3_12", "python3.12", "Python 3.12."),
        m("PYTHON_3_13", "python3.13", "Python 3.13."),
        m("PYTHON_3_14", "python3.14", "Python 3.14."),
        m("JAVA_11", "java11", "Java 11 (Corretto)."),
        m("JAVA_17", "java17", "Java 17 (Corretto)."),
        m("JAVA_21", "java21", "Java 21 (Corretto)."),
        m("JAVA_25", "java25", "Java 25 (Corretto)."),
        m("DOTNET_8", "dotnet8", ".NET 8."),
        m("DOTNET_9", "dotnet9", ".NET 9."),
        m("DOTNET_10", "dotnet10", ".NET 10."),
        m("RUBY_3_2", "ruby3.2", "Ruby 3.2."),
        m("RUBY_3_3", "ruby3.3", "Ruby 3.3."),
        m("RUBY_3_4", "ruby3.4", "Ruby 3.4."),
        m(
            "PROVIDED_AL2",
            "provided.al2",
            "Custom runtime on Amazon Linux 2.",
        ),
        m(
            "PROVIDED_AL2023",
            "provided.al2023",
            "Custom runtime on Amazon Linux 2023.",
        ),
    ],
    factories: &[],
};

/// Runtimes whose functions may use inline code (`Runtime.supportsInlineCode` in CDK).
pub fn runtime_supports_inline_code(value: &str) -> bool {
    value.starts_with("nodejs") || value.starts_with("python")
}

/// `lambda.Code`: where a function's code comes from.
pub const CODE: EnumDef = EnumDef {
    name: "Code",
    members: &[],
    factories: &[FactoryDef {
        name: "fromInline",
        arg: Kind::String,
        doc: "Inline source code (`ZipFile`), at most 4 KiB; Node.js and Python runtimes only.",
    }],
};

/// `ContentHandling`: payload conversion of a WebSocket integration.
pub const CONTENT_HANDLING: EnumDef = EnumDef {
    name: "ContentHandling",
    members: &[
        m(
            "CONVERT_TO_BINARY",
            "CONVERT_TO_BINARY",
            "Base64-decode text payloads into binary.",
        ),
        m(
            "CONVERT_TO_TEXT",
            "CONVERT_TO_TEXT",
            "Base64-encode binary payloads into text.",
        ),
    ],
    factories: &[],
};

/// `logs.RetentionDays`: how long a log group keeps its events.
pub const RETENTION_DAYS: EnumDef = EnumDef {
    name: "RetentionDays",
    members: &[
        m("ONE_DAY", "1", "1 day."),
        m("THREE_DAYS", "3", "3 days."),
        m("FIVE_DAYS", "5", "5 days."),
        m("ONE_WEEK", "7", "1 week."),
        m("TWO_WEEKS", "14", "2 weeks."),
        m("ONE_MONTH", "30", "1 month."),
        m("TWO_MONTHS", "60", "2 months."),
        m("THREE_MONTHS", "90", "3 months."),
        m("FOUR_MONTHS", "120", "4 months."),
        m("FIVE_MONTHS", "150", "5 months."),
        m("SIX_MONTHS", "180", "6 months."),
        m("ONE_YEAR", "365", "1 year."),
        m("THIRTEEN_MONTHS", "400", "13 months."),
        m("EIGHTEEN_MONTHS", "545", "18 months."),
        m("TWO_YEARS", "731", "2 years (CDK's default)."),
        m("THREE_YEARS", "1096", "3 years."),
        m("FIVE_YEARS", "1827", "5 years."),
        m("SIX_YEARS", "2192", "6 years."),
        m("SEVEN_YEARS", "2557", "7 years."),
        m("EIGHT_YEARS", "2922", "8 years."),
        m("NINE_YEARS", "3288", "9 years."),
        m("TEN_YEARS", "3653", "10 years."),
        m("INFINITE", "", "Forever (no `RetentionInDays`)."),
    ],
    factories: &[],
};

/// `PassthroughBehavior`: what an AWS integration does with a request whose content type no
/// request template matches.
pub const PASSTHROUGH_BEHAVIOR: EnumDef = EnumDef {
    name: "PassthroughBehavior",
    members: &[
        m(
            "WHEN_NO_MATCH",
            "WHEN_NO_MATCH",
            "Pass the request through unchanged when no template matches its content type.",
        ),
        m(
            "NEVER",
            "NEVER",
            "Reject it (`415 Unsupported Media Type`) when no template matches.",
        ),
        m(
            "WHEN_NO_TEMPLATES",
            "WHEN_NO_TEMPLATES",
            "Pass it through only when the integration has no templates at all.",
        ),
    ],
    factories: &[],
};

/// `RemovalPolicy`: what CloudFormation does with a resource's data when the resource leaves
/// the stack or is replaced.
pub const REMOVAL_POLICY: EnumDef = EnumDef {
    name: "RemovalPolicy",
    members: &[
        m("DESTROY", "Delete", "Delete the resource and its data."),
        m(
            "RETAIN",
            "Retain",
            "Keep the resource, orphaned from the stack.",
        ),
        m(
            "RETAIN_ON_UPDATE_OR_DELETE",
            "RetainExceptOnCreate",
            "Keep it, except when the stack's creation rolls back.",
        ),
        m(
            "SNAPSHOT",
            "Snapshot",
            "Keep a snapshot of its data, then delete it.",
        ),
    ],
    factories: &[],
};

/// The fields `AccessLogFormat.jsonWithStandardFields` can leave out (`requestId` is always
/// there); each defaults to `true`.
const JSON_STANDARD_FIELDS: &[super::PropDef] = &[
    super::dflt("ip", Kind::Bool, "true", "`$context.identity.sourceIp`."),
    super::dflt("user", Kind::Bool, "true", "`$context.identity.user`."),
    super::dflt("caller", Kind::Bool, "true", "`$context.identity.caller`."),
    super::dflt("requestTime", Kind::Bool, "true", "`$context.requestTime`."),
    super::dflt("httpMethod", Kind::Bool, "true", "`$context.httpMethod`."),
    super::dflt(
        "resourcePath",
        Kind::Bool,
        "true",
        "`$context.resourcePath`.",
    ),
    super::dflt("status", Kind::Bool, "true", "`$context.status`."),
    super::dflt("protocol", Kind::Bool, "true", "`$context.protocol`."),
    super::dflt(
        "responseLength",
        Kind::Bool,
        "true",
        "`$context.responseLength`.",
    ),
];

/// `apigateway.AccessLogFormat`: the format of a stage's access log lines.
pub const ACCESS_LOG_FORMAT: EnumDef = EnumDef {
    name: "AccessLogFormat",
    members: &[m(
        "clf",
        "clf",
        "Common Log Format: `$context.identity.sourceIp $context.identity.caller \
         $context.identity.user [$context.requestTime] \"$context.httpMethod \
         $context.resourcePath $context.protocol\" $context.status $context.responseLength \
         $context.requestId`.",
    )],
    factories: &[
        FactoryDef {
            name: "jsonWithStandardFields",
            arg: Kind::Struct(JSON_STANDARD_FIELDS),
            doc: "One JSON object per request: `requestId` and the standard fields left on \
                  (`{}` for all of them).",
        },
        FactoryDef {
            name: "custom",
            arg: Kind::String,
            doc: "Any text with `$context` variables; it must hold `$context.requestId` or \
                  `$context.extendedRequestId`.",
        },
    ],
};

/// `s3.BucketEncryption`: a bucket's default server-side encryption.
pub const BUCKET_ENCRYPTION: EnumDef = EnumDef {
    name: "BucketEncryption",
    members: &[
        m("S3_MANAGED", "AES256", "Keys managed by S3 (SSE-S3)."),
        m(
            "KMS_MANAGED",
            "aws:kms",
            "The AWS-managed KMS key of S3 (SSE-KMS).",
        ),
        m(
            "DSSE_MANAGED",
            "aws:kms:dsse",
            "Dual-layer encryption with the AWS-managed KMS key (DSSE-KMS).",
        ),
    ],
    factories: &[],
};

/// `s3.BlockPublicAccess`: which public access a bucket blocks.
pub const BLOCK_PUBLIC_ACCESS: EnumDef = EnumDef {
    name: "BlockPublicAccess",
    members: &[
        m(
            "BLOCK_ALL",
            "BLOCK_ALL",
            "Block public ACLs and public policies, and ignore both.",
        ),
        m(
            "BLOCK_ACLS",
            "BLOCK_ACLS",
            "Block and ignore public ACLs only.",
        ),
    ],
    factories: &[],
};

/// `cloudwatch.ComparisonOperator`: how an alarm compares the statistic with its threshold.
pub const COMPARISON_OPERATOR: EnumDef = EnumDef {
    name: "ComparisonOperator",
    members: &[
        m(
            "GREATER_THAN_OR_EQUAL_TO_THRESHOLD",
            "GreaterThanOrEqualToThreshold",
            "Alarm when the statistic is at or above the threshold.",
        ),
        m(
            "GREATER_THAN_THRESHOLD",
            "GreaterThanThreshold",
            "Alarm when the statistic is above the threshold.",
        ),
        m(
            "LESS_THAN_THRESHOLD",
            "LessThanThreshold",
            "Alarm when the statistic is below the threshold.",
        ),
        m(
            "LESS_THAN_OR_EQUAL_TO_THRESHOLD",
            "LessThanOrEqualToThreshold",
            "Alarm when the statistic is at or below the threshold.",
        ),
    ],
    factories: &[],
};

/// `cloudwatch.TreatMissingData`: how an alarm counts periods without data.
pub const TREAT_MISSING_DATA: EnumDef = EnumDef {
    name: "TreatMissingData",
    members: &[
        m(
            "BREACHING",
            "breaching",
            "Missing data breaches the threshold.",
        ),
        m(
            "NOT_BREACHING",
            "notBreaching",
            "Missing data is within the threshold.",
        ),
        m("IGNORE", "ignore", "The alarm keeps its state."),
        m("MISSING", "missing", "Missing data points are not counted."),
    ],
    factories: &[],
};

/// `cloudwatch.Unit`: the unit of a metric's data points.
pub const UNIT: EnumDef = EnumDef {
    name: "Unit",
    members: &[
        m("SECONDS", "Seconds", "Seconds."),
        m("MICROSECONDS", "Microseconds", "Microseconds."),
        m("MILLISECONDS", "Milliseconds", "Milliseconds."),
        m("BYTES", "Bytes", "Bytes."),
        m("KILOBYTES", "Kilobytes", "Kilobytes."),
        m("MEGABYTES", "Megabytes", "Megabytes."),
        m("GIGABYTES", "Gigabytes", "Gigabytes."),
        m("TERABYTES", "Terabytes", "Terabytes."),
        m("BITS", "Bits", "Bits."),
        m("KILOBITS", "Kilobits", "Kilobits."),
        m("MEGABITS", "Megabits", "Megabits."),
        m("GIGABITS", "Gigabits", "Gigabits."),
        m("TERABITS", "Terabits", "Terabits."),
        m("PERCENT", "Percent", "Percent."),
        m("COUNT", "Count", "A count."),
        m("BYTES_PER_SECOND", "Bytes/Second", "Bytes per second."),
        m(
            "KILOBYTES_PER_SECOND",
            "Kilobytes/Second",
            "Kilobytes per second.",
        ),
        m(
            "MEGABYTES_PER_SECOND",
            "Megabytes/Second",
            "Megabytes per second.",
        ),
        m(
            "GIGABYTES_PER_SECOND",
            "Gigabytes/Second",
            "Gigabytes per second.",
        ),
        m(
            "TERABYTES_PER_SECOND",
            "Terabytes/Second",
            "Terabytes per second.",
        ),
        m("BITS_PER_SECOND", "Bits/Second", "Bits per second."),
        m(
            "KILOBITS_PER_SECOND",
            "Kilobits/Second",
            "Kilobits per second.",
        ),
        m(
            "MEGABITS_PER_SECOND",
            "Megabits/Second",
            "Megabits per second.",
        ),
        m(
            "GIGABITS_PER_SECOND",
            "Gigabits/Second",
            "Gigabits per second.",
        ),
        m(
            "TERABITS_PER_SECOND",
            "Terabits/Second",
            "Terabits per second.",
        ),
        m("COUNT_PER_SECOND", "Count/Second", "A count per second."),
        m("NONE", "None", "No unit."),
    ],
    factories: &[],
};

/// `HttpLambdaResponseType`: what a Lambda authorizer returns.
pub const HTTP_LAMBDA_RESPONSE_TYPE: EnumDef = EnumDef {
    name: "HttpLambdaResponseType",
    members: &[
        m(
            "SIMPLE",
            "SIMPLE",
            "A simple response: `{ isAuthorized: true|false }` (payload format 2.0).",
        ),
        m("IAM", "IAM", "An IAM policy document."),
    ],
    factories: &[],
};

/// The principals a role can be assumed by (`iam.IPrincipal`).
pub const PRINCIPAL: EnumDef = EnumDef {
    name: "Principal",
    members: &[m(
        "AccountRootPrincipal",
        "AccountRootPrincipal",
        "The stack's own account (`new iam.AccountRootPrincipal()`).",
    )],
    factories: &[
        FactoryDef {
            name: "ServicePrincipal",
            arg: Kind::String,
            doc: "An AWS service (`new iam.ServicePrincipal('apigateway.amazonaws.com')`).",
        },
        FactoryDef {
            name: "AccountPrincipal",
            arg: Kind::String,
            doc: "An AWS account, by id (`new iam.AccountPrincipal('111111111111')`).",
        },
        FactoryDef {
            name: "ArnPrincipal",
            arg: Kind::String,
            doc: "A principal by ARN (`new iam.ArnPrincipal(arn)`).",
        },
    ],
};

/// `HttpIntegrationSubtype`: the AWS service action of an integration.
pub const HTTP_INTEGRATION_SUBTYPE: EnumDef = EnumDef {
    name: "HttpIntegrationSubtype",
    members: &[
        m(
            "EVENTBRIDGE_PUT_EVENTS",
            "EventBridge-PutEvents",
            "EventBridge PutEvents.",
        ),
        m("SQS_SEND_MESSAGE", "SQS-SendMessage", "SQS SendMessage."),
        m(
            "SQS_RECEIVE_MESSAGE",
            "SQS-ReceiveMessage",
            "SQS ReceiveMessage.",
        ),
        m(
            "SQS_DELETE_MESSAGE",
            "SQS-DeleteMessage",
            "SQS DeleteMessage.",
        ),
        m("SQS_PURGE_QUEUE", "SQS-PurgeQueue", "SQS PurgeQueue."),
        m(
            "APPCONFIG_GET_CONFIGURATION",
            "AppConfig-GetConfiguration",
            "AppConfig GetConfiguration.",
        ),
        m(
            "KINESIS_PUT_RECORD",
            "Kinesis-PutRecord",
            "Kinesis PutRecord.",
        ),
        m(
            "STEPFUNCTIONS_START_EXECUTION",
            "StepFunctions-StartExecution",
            "Step Functions StartExecution.",
        ),
        m(
            "STEPFUNCTIONS_START_SYNC_EXECUTION",
            "StepFunctions-StartSyncExecution",
            "Step Functions StartSyncExecution (express state machines).",
        ),
        m(
            "STEPFUNCTIONS_STOP_EXECUTION",
            "StepFunctions-StopExecution",
            "Step Functions StopExecution.",
        ),
    ],
    factories: &[],
};

/// `HttpIntegrationType`: how an integration reaches its backend.
pub const HTTP_INTEGRATION_TYPE: EnumDef = EnumDef {
    name: "HttpIntegrationType",
    members: &[
        m("HTTP_PROXY", "HTTP_PROXY", "An HTTP endpoint, as a proxy."),
        m(
            "AWS_PROXY",
            "AWS_PROXY",
            "A Lambda function or an AWS service action (with a subtype).",
        ),
    ],
    factories: &[],
};

/// `IntegrationCredentials`: what API Gateway calls an AWS service as.
pub const INTEGRATION_CREDENTIALS: EnumDef = EnumDef {
    name: "IntegrationCredentials",
    members: &[m(
        "useCallerIdentity",
        "useCallerIdentity",
        "The caller's own identity (IAM-authorized routes).",
    )],
    factories: &[FactoryDef {
        name: "fromRole",
        arg: Kind::Construct(&["Role"]),
        doc: "A role entry that API Gateway assumes.",
    }],
};

/// `HttpConnectionType`.
pub const HTTP_CONNECTION_TYPE: EnumDef = EnumDef {
    name: "HttpConnectionType",
    members: &[
        m("INTERNET", "INTERNET", "Over the internet."),
        m("VPC_LINK", "VPC_LINK", "Through a VPC link."),
    ],
    factories: &[],
};
