//! Step Functions (`aws-stepfunctions`): state machines that routes start and stop, and the
//! states their definitions chain.

use super::enums::{HTTP_INTEGRATION_SUBTYPE, REMOVAL_POLICY};
use super::{
    AttrDef, AttrKind, EnumDef, FactoryDef, ImportDef, Kind, Module, Role, TypeDef, dflt, opt, req,
};

/// The state types a definition chains.
pub const STATES: &[&str] = &["Pass", "Succeed", "Fail"];

/// `sfn.DefinitionBody`: where a state machine's definition comes from.
const DEFINITION_BODY: EnumDef = EnumDef {
    name: "DefinitionBody",
    members: &[],
    factories: &[
        FactoryDef {
            name: "fromChainable",
            arg: Kind::Construct(STATES),
            doc: "The chain of states that starts at this state entry (states chain with \
                  `next:`).",
        },
        FactoryDef {
            name: "fromString",
            arg: Kind::String,
            doc: "A definition in the Amazon States Language, as JSON text.",
        },
    ],
};

/// `sfn.StateMachineType`.
const STATE_MACHINE_TYPE: EnumDef = EnumDef {
    name: "StateMachineType",
    members: &[
        super::enums::member("STANDARD", "STANDARD", "Durable, exactly-once executions."),
        super::enums::member(
            "EXPRESS",
            "EXPRESS",
            "Short, high-volume executions (needed for synchronous starts).",
        ),
    ],
    factories: &[],
};

/// `sfn.StateMachine`: a state machine.
pub static STATE_MACHINE: TypeDef = TypeDef {
    name: "StateMachine",
    module: Module::StepFunctions,
    role: Role::Construct,
    keyed: true,
    doc: "A Step Functions state machine (`AWS::StepFunctions::StateMachine`) with the role CDK \
          creates for it, or an existing one imported with `fromStateMachineArn`.",
    props: &[
        req(
            "definitionBody",
            Kind::Enum(&DEFINITION_BODY),
            "The definition: `{ fromChainable: <first state> }` or `{ fromString: ... }`.",
        ),
        dflt(
            "stateMachineType",
            Kind::Enum(&STATE_MACHINE_TYPE),
            "STANDARD",
            "The machine's type.",
        ),
        opt(
            "stateMachineName",
            Kind::String,
            "The machine's name (generated when omitted).",
        ),
        dflt(
            "removalPolicy",
            Kind::Enum(&REMOVAL_POLICY),
            "DESTROY",
            "What happens to the machine when it leaves the stack.",
        ),
    ],
    imports: &[ImportDef {
        name: "fromStateMachineArn",
        arg: Kind::String,
        doc: "Imports an existing state machine by ARN.",
    }],
    metrics: &[],
    methods: &[],
    attrs: &[
        AttrDef {
            name: "stateMachineArn",
            kind: AttrKind::Value,
            doc: "The machine's ARN.",
        },
        AttrDef {
            name: "stateMachineName",
            kind: AttrKind::Value,
            doc: "The machine's name.",
        },
    ],
};

/// A state's `next:`.
const NEXT_DOC: &str = "The state that follows (`state.next(other)`); the chain ends without one.";

/// `sfn.Pass`: a state that passes its input on.
pub static PASS: TypeDef = TypeDef {
    name: "Pass",
    module: Module::StepFunctions,
    role: Role::Construct,
    keyed: true,
    doc: "A Pass state of a state machine definition (no resource of its own).",
    props: &[
        opt("comment", Kind::String, "A comment."),
        opt("next", Kind::Construct(STATES), NEXT_DOC),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `sfn.Succeed`: a state that ends the execution successfully.
pub static SUCCEED: TypeDef = TypeDef {
    name: "Succeed",
    module: Module::StepFunctions,
    role: Role::Construct,
    keyed: true,
    doc: "A Succeed state: the execution ends successfully.",
    props: &[opt("comment", Kind::String, "A comment.")],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `sfn.Fail`: a state that ends the execution with an error.
pub static FAIL: TypeDef = TypeDef {
    name: "Fail",
    module: Module::StepFunctions,
    role: Role::Construct,
    keyed: true,
    doc: "A Fail state: the execution ends with an error.",
    props: &[
        opt("comment", Kind::String, "A comment."),
        opt("error", Kind::String, "The error name."),
        opt("cause", Kind::String, "A description of the cause."),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};

/// `HttpStepFunctionsIntegration`: starts, synchronously runs or stops executions.
pub static HTTP_STEP_FUNCTIONS_INTEGRATION: TypeDef = TypeDef {
    name: "HttpStepFunctionsIntegration",
    module: Module::Integrations,
    role: Role::Integration,
    keyed: true,
    doc: "Starts (or runs synchronously, or stops) an execution of a state machine for the \
          request, through a role CDK creates under the route (`InvokeRole`).",
    props: &[
        req(
            "stateMachine",
            Kind::Construct(&["StateMachine"]),
            "The state machine.",
        ),
        dflt(
            "subtype",
            Kind::Enum(&HTTP_INTEGRATION_SUBTYPE),
            "STEPFUNCTIONS_START_EXECUTION",
            "`STEPFUNCTIONS_START_EXECUTION`, `STEPFUNCTIONS_START_SYNC_EXECUTION` (express \
             machines) or `STEPFUNCTIONS_STOP_EXECUTION` (map `ExecutionArn`).",
        ),
        opt(
            "parameterMapping",
            Kind::Map(&Kind::String),
            "The request parameters of the call, by name, replacing CDK's default \
             (`StateMachineArn`).",
        ),
    ],
    imports: &[],
    metrics: &[],
    methods: &[],
    attrs: &[],
};
