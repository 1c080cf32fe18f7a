//! Custom domains: `DomainName`, `ApiMapping`, the domain mappings of APIs and stages, and the
//! ACM `Certificate` a domain serves.

use super::enums::{CERTIFICATE_VALIDATION, ENDPOINT_TYPE, IP_ADDRESS_TYPE, SECURITY_POLICY};
use super::{AttrDef, AttrKind, ImportDef, Kind, Module, PropDef, Role, TypeDef, dflt, opt, req};

/// Types a `certificate:` accepts.
const CERTIFICATES: &[&str] = &["Certificate"];

/// `acm.Certificate`: an ACM certificate, owned or imported by ARN.
pub static CERTIFICATE: TypeDef = TypeDef {
    name: "Certificate",
    module: Module::CertificateManager,
    role: Role::Construct,
    keyed: true,
    doc: "An ACM certificate (`AWS::CertificateManager::Certificate`) validated by email (CDK's \
          default) or DNS, or an existing one imported with `fromCertificateArn`.",
    props: &[
        req(
            "domainName",
            Kind::String,
            "The fully qualified domain name to request a certificate for (`*.example.com` for a \
             wildcard).",
        ),
        opt(
            "subjectAlternativeNames",
            Kind::List(&Kind::String),
            "Other domain names the certificate covers.",
        ),
        dflt(
            "certificateName",
            Kind::String,
            "the construct path",
            "The certificate's `Name` tag.",
        ),
        dflt(
            "validation",
            Kind::Enum(&CERTIFICATE_VALIDATION),
            "fromEmail",
            "How ACM validates domain ownership.",
        ),
        opt(
            "transparencyLoggingEnabled",
            Kind::Bool,
            "Whether the certificate is logged in public certificate transparency logs (ACM \
             default: enabled).",
        ),
    ],
    imports: &[ImportDef {
        name: "fromCertificateArn",
        arg: Kind::String,
        doc: "Imports an existing certificate by ARN \
              (`arn:aws:acm:<region>:<account>:certificate/<id>`).",
    }],
    metrics: &[],
    methods: &[],
    attrs: &[AttrDef {
        name: "certificateArn",
        kind: AttrKind::Value,
        doc: "The certificate's ARN.",
    }],
};

/// CDK `EndpointOptions`: one endpoint of a domain name.
const ENDPOINT_OPTIONS: [PropDef; 6] = [
    req(
        "certificate",
        Kind::Construct(CERTIFICATES),
        "The ACM certificate the endpoint serves.",
    ),
    opt(
        "certificateName",
        Kind::String,
        "A user-friendly name of the certificate.",
    ),
    dflt(
        "endpointType",
        Kind::Enum(&ENDPOINT_TYPE),
        "REGIONAL",
        "The endpoint's type.",
    ),
    opt(
        "securityPolicy",
        Kind::Enum(&SECURITY_POLICY),
        "The TLS version and cipher suite (API Gateway default `TLS_1_2`).",
    ),
    opt(
        "ownershipCertificate",
        Kind::Construct(CERTIFICATES),
        "A public ACM certificate that proves ownership of the domain: only with `mtls` and an \
         imported or private-CA `certificate`.",
    ),
    opt(
        "ipAddressType",
        Kind::Enum(&IP_ADDRESS_TYPE),
        "Which IP versions the endpoint serves (API Gateway default IPv4).",
    ),
];

/// CDK `MTLSConfig`: the trust store of a mutual TLS domain.
const MTLS: &[PropDef] = &[
    req(
        "bucket",
        Kind::Construct(&["Bucket"]),
        "The bucket holding the trust store.",
    ),
    req(
        "key",
        Kind::String,
        "The trust store's object key (a PEM file of CA certificates).",
    ),
    opt(
        "version",
        Kind::String,
        "The trust store object's version (the bucket must be versioned); the latest when \
         omitted.",
    ),
];

/// `DomainName`: a custom domain for HTTP and WebSocket APIs.
pub static DOMAIN_NAME: TypeDef = TypeDef {
    name: "DomainName",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "A custom domain name (`AWS::ApiGatewayV2::DomainName`); APIs and stages are mapped to \
          it with `defaultDomainMapping`, `domainMapping` or `ApiMapping` entries. An existing \
          one is imported with `fromDomainNameAttributes`.",
    props: &[
        req("domainName", Kind::String, "The custom domain name."),
        ENDPOINT_OPTIONS[0],
        ENDPOINT_OPTIONS[1],
        ENDPOINT_OPTIONS[2],
        ENDPOINT_OPTIONS[3],
        ENDPOINT_OPTIONS[4],
        ENDPOINT_OPTIONS[5],
        opt(
            "mtls",
            Kind::Struct(MTLS),
            "Mutual TLS: clients must present a certificate signed by a CA in the trust store.",
        ),
    ],
    imports: &[ImportDef {
        name: "fromDomainNameAttributes",
        arg: Kind::Struct(&[
            req("name", Kind::String, "The custom domain name."),
            req(
                "regionalDomainName",
                Kind::String,
                "The domain name of its regional endpoint.",
            ),
            req(
                "regionalHostedZoneId",
                Kind::String,
                "The Route 53 hosted zone id of its regional endpoint.",
            ),
        ]),
        doc: "Imports an existing custom domain by its attributes.",
    }],
    metrics: &[],
    methods: &[super::MethodDef {
        name: "addEndpoint",
        shape: super::CallShape::List,
        key: "",
        params: &ENDPOINT_OPTIONS,
        creates: None,
        doc: "Adds an endpoint of another type (to migrate between `REGIONAL` and `EDGE`).",
    }],
    attrs: &[
        AttrDef {
            name: "name",
            kind: AttrKind::Value,
            doc: "The custom domain name.",
        },
        AttrDef {
            name: "regionalDomainName",
            kind: AttrKind::Value,
            doc: "The domain name of the regional endpoint (the target of a DNS alias).",
        },
        AttrDef {
            name: "regionalHostedZoneId",
            kind: AttrKind::Value,
            doc: "The Route 53 hosted zone id of the regional endpoint.",
        },
    ],
};

/// CDK `DomainMappingOptions`: `defaultDomainMapping` of an API, `domainMapping` of a stage.
pub(super) const DOMAIN_MAPPING: &[PropDef] = &[
    req(
        "domainName",
        Kind::Construct(&["DomainName"]),
        "The custom domain to map the stage to.",
    ),
    opt(
        "mappingKey",
        Kind::String,
        "The path under the domain (`https://<domain>/<mappingKey>`); without one the stage is \
         served at the domain's root.",
    ),
];

/// `ApiMapping`: maps a stage of an API to a custom domain.
pub static API_MAPPING: TypeDef = TypeDef {
    name: "ApiMapping",
    module: Module::ApiGatewayV2,
    role: Role::Construct,
    keyed: true,
    doc: "Maps a stage of an API to a custom domain under a key \
          (`AWS::ApiGatewayV2::ApiMapping`).",
    props: &[
        req(
            "api",
            Kind::Construct(&["HttpApi", "WebSocketApi"]),
            "The API to map.",
        ),
        req(
            "domainName",
            Kind::Construct(&["DomainName"]),
            "The custom domain.",
        ),
        dflt(
            "stage",
            Kind::Construct(&["HttpStage", "WebSocketStage"]),
            "the API's default stage",
            "The stage to map (required for a WebSocket API).",
        ),
        opt(
            "apiMappingKey",
            Kind::String,
            "The path under the domain; without one the stage is served at the domain's root.",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[
        AttrDef {
            name: "apiMappingId",
            kind: AttrKind::Value,
            doc: "The mapping's id.",
        },
        AttrDef {
            name: "domainUrl",
            kind: AttrKind::Value,
            doc: "`https://<domain>/<apiMappingKey>`.",
        },
    ],
};
