//! Generated definition files for the benchmarks.

/// A definition file with `routes` routes on one API, all sharing one URL integration: at 480
/// routes the template has 483 resources, near CloudFormation's 500-resource stack limit.
pub fn generated_api(routes: usize) -> String {
    let mut text = String::from(
        "integrations:\n  Backend: { type: HttpUrlIntegration, url: https://backend.example.com }\nconstructs:\n  Api:\n    type: HttpApi\n    addRoutes:\n",
    );
    for i in 0..routes {
        text.push_str(&format!(
            "      - path: /items{i}/{{id}}\n        methods: [GET]\n        integration: Backend\n"
        ));
    }
    text
}
