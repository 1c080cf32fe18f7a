//! The names a document defines: its construct paths (with the children CDK creates) and
//! its integration ids, read from the tree so they are known while the document has errors.

use crate::model::Model;
use crate::model::resolve::BUILTIN_HEADS;
use crate::model::schema::{self, Role, TypeDef};
use crate::syntax::Node;

/// A construct path that expressions and references may name, with its type.
#[derive(Clone, Debug)]
pub struct KnownPath {
    /// The path (`HttpApi`, `HttpApi/DefaultStage`).
    pub path: String,
    /// Its type.
    pub ty: &'static TypeDef,
    /// Whether CDK creates it (a child such as `HttpApi/DefaultStage`) rather than an entry.
    pub created: bool,
}

/// An id under `integrations:` or `authorizers:` with its type.
#[derive(Clone, Debug)]
pub struct KnownIntegration {
    /// The id.
    pub id: String,
    /// Its type, when its `type:` names one.
    pub ty: Option<&'static TypeDef>,
}

/// The names a document defines, read from its tree (so they are known while it has errors).
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// Every construct path: the entries under `constructs:` and the children CDK creates.
    pub paths: Vec<KnownPath>,
    /// Every id under `integrations:` and `authorizers:`.
    pub integrations: Vec<KnownIntegration>,
}

impl Known {
    /// Collects the names of a document: its construct paths as `resolve` collected them
    /// (before it resolved references, so they are known while the document has errors), and
    /// the ids under `integrations:` and `authorizers:`.
    pub fn of(root: Option<&Node>, model: &Model) -> Known {
        let mut known = Known::default();
        let Some(root) = root else {
            return known;
        };
        known.paths = model
            .path_order
            .iter()
            .map(|(path, ty, created)| KnownPath {
                path: path.clone(),
                ty,
                created: *created,
            })
            .collect();
        for role in [Role::Integration, Role::Authorizer] {
            let section = role.section().and_then(|name| root.get(name));
            for entry in section.and_then(Node::as_map).unwrap_or(&[]) {
                let Some(id) = entry.key.as_str() else {
                    continue;
                };
                let ty = entry
                    .value
                    .get("type")
                    .and_then(Node::as_str)
                    .and_then(schema::find_type);
                known.integrations.push(KnownIntegration {
                    id: id.to_string(),
                    ty,
                });
            }
        }
        known
    }

    /// The type of a construct path.
    pub fn path_type(&self, path: &str) -> Option<&'static TypeDef> {
        self.paths.iter().find(|p| p.path == path).map(|p| p.ty)
    }

    /// The type of an expression's head: a construct path, or else an authorizer id with
    /// attributes (`${Auth.authorizerId}`).
    pub fn head_type(&self, head: &str) -> Option<&'static TypeDef> {
        self.path_type(head).or_else(|| {
            self.integrations
                .iter()
                .find(|i| i.id == head)
                .and_then(|i| i.ty)
                .filter(|t| t.role == Role::Authorizer && !t.attrs.is_empty())
        })
    }

    /// Whether `head` can start an expression: a construct path, an authorizer id, `Fn` or
    /// `Aws`.
    pub fn is_head(&self, head: &str) -> bool {
        BUILTIN_HEADS.contains(&head) || self.head_type(head).is_some()
    }
}
