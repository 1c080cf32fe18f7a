//! The names the rest of a document defines, as resolve looks them up: construct paths with
//! their types, integration and authorizer ids, broken entries. Every question goes through
//! [`Names`], which can record the questions and their answers while one call is resolved:
//! what that call depended on outside its own text. A call resolved again later is the same
//! when its text is and every recorded question gets the same answer (see `memo`).

use std::cell::RefCell;

use crate::hash::{HashMap, HashSet};
use crate::model::schema::{Role, TypeDef};

/// One question resolve asked about the document, and its answer.
#[derive(Debug, PartialEq)]
pub(super) enum Lookup {
    /// The type of a construct path.
    Path(Box<str>, Option<TypeRef>),
    /// The index of an integration or authorizer id in `Model::objects` (`Some(None)`: broken).
    Object(Role, Box<str>, Option<Option<usize>>),
    /// The type of the object at an index.
    ObjectType(usize, Option<TypeRef>),
    /// Whether a path is, or lies below, a broken entry.
    Broken(Box<str>, bool),
}

/// A type of the schema table, compared by identity.
#[derive(Clone, Copy, Debug)]
pub(super) struct TypeRef(&'static TypeDef);

impl PartialEq for TypeRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// Whether the questions asked are recorded.
#[derive(Default)]
enum Recording {
    /// Not recording.
    #[default]
    Off,
    /// The questions asked so far, in order.
    On(Vec<Lookup>),
    /// More was read than single answers cover (a whole list of names for a "did you mean",
    /// the identity of a YAML node): the recording cannot vouch for the result.
    Spoiled,
}

/// The names of a document, filled in as resolve reads its sections.
#[derive(Default)]
pub(super) struct Names {
    /// Every construct path an expression or reference may name, with its type: the entries
    /// and the children CDK creates for them (`Api/DefaultStage`, `Api/<addStage id>`).
    paths: HashMap<String, &'static TypeDef>,
    /// Entries whose type could not be resolved (see [`super::paths::Paths::broken`]).
    broken: HashSet<String>,
    /// Ids under `integrations:` and `authorizers:`, with their index in `Model::objects`
    /// (`None`: broken).
    objects: HashMap<Role, HashMap<String, Option<usize>>>,
    /// The type of each object in `Model::objects`, by index.
    object_types: Vec<&'static TypeDef>,
    /// The questions asked since [`Names::record`], when recording.
    recording: RefCell<Recording>,
}

impl Names {
    /// Takes the construct paths and broken entries collected from `constructs:`.
    pub(super) fn set_paths(
        &mut self,
        paths: HashMap<String, &'static TypeDef>,
        broken: HashSet<String>,
    ) {
        self.paths = paths;
        self.broken = broken;
    }

    /// The construct paths, for the model once resolve is done.
    pub(super) fn into_paths(self) -> HashMap<String, &'static TypeDef> {
        self.paths
    }

    /// How many objects are defined so far (an answer about objects can change only when
    /// one is added).
    pub(super) fn objects_defined(&self) -> usize {
        self.object_types.len()
    }

    /// Notes the type of the object just pushed onto `Model::objects`.
    pub(super) fn push_object(&mut self, ty: &'static TypeDef) {
        self.object_types.push(ty);
    }

    /// Defines an id under an object section (`None`: its definition is broken).
    pub(super) fn define_object(&mut self, role: Role, id: String, index: Option<usize>) {
        self.objects.entry(role).or_default().insert(id, index);
    }

    fn note(&self, lookup: impl FnOnce() -> Lookup) {
        if let Recording::On(lookups) = &mut *self.recording.borrow_mut() {
            lookups.push(lookup());
        }
    }

    /// Notes that what is being resolved depends on more than single answers (a whole list
    /// of names, the identity of a YAML node): the recording cannot vouch for it.
    pub(super) fn spoil_recording(&self) {
        let mut recording = self.recording.borrow_mut();
        if let Recording::On(_) = *recording {
            *recording = Recording::Spoiled;
        }
    }

    /// The type of the construct at `path`.
    pub(super) fn path(&self, path: &str) -> Option<&'static TypeDef> {
        let ty = self.paths.get(path).copied();
        self.note(|| Lookup::Path(path.into(), ty.map(TypeRef)));
        ty
    }

    /// The index of the integration or authorizer `id` (`Some(None)`: defined, but broken).
    pub(super) fn object(&self, role: Role, id: &str) -> Option<Option<usize>> {
        let index = self.objects.get(&role).and_then(|ids| ids.get(id)).copied();
        self.note(|| Lookup::Object(role, id.into(), index));
        index
    }

    /// The type of the object at `index` in `Model::objects`.
    pub(super) fn object_type(&self, index: usize) -> Option<&'static TypeDef> {
        let ty = self.object_types.get(index).copied();
        self.note(|| Lookup::ObjectType(index, ty.map(TypeRef)));
        ty
    }

    /// Whether `path` is, or lies below, an entry whose type could not be resolved.
    pub(super) fn is_broken(&self, path: &str) -> bool {
        let broken = super::paths::is_broken(&self.broken, path);
        self.note(|| Lookup::Broken(path.into(), broken));
        broken
    }

    /// Every construct path with its type (for "did you mean" candidates).
    pub(super) fn all_paths(&self) -> impl Iterator<Item = (&str, &'static TypeDef)> {
        self.spoil_recording();
        self.paths.iter().map(|(p, t)| (p.as_str(), *t))
    }

    /// Every id defined under the section of `role` (for "did you mean" candidates).
    pub(super) fn all_objects(&self, role: Role) -> impl Iterator<Item = &str> {
        self.spoil_recording();
        self.objects
            .get(&role)
            .into_iter()
            .flat_map(|ids| ids.keys().map(String::as_str))
    }

    /// Starts recording the questions asked (one call's resolve; recordings do not nest).
    pub(super) fn record(&self) {
        *self.recording.borrow_mut() = Recording::On(Vec::new());
    }

    /// Stops recording: the questions asked since [`Names::record`], or `None` when more
    /// was read than their answers cover.
    pub(super) fn recorded(&self) -> Option<Vec<Lookup>> {
        match self.recording.take() {
            Recording::On(lookups) => Some(lookups),
            Recording::Off | Recording::Spoiled => None,
        }
    }

    /// Whether every recorded question gets the same answer now.
    pub(super) fn answers_as(&self, lookups: &[Lookup]) -> bool {
        lookups.iter().all(|lookup| match lookup {
            Lookup::Path(path, ty) => self.paths.get(&**path).copied().map(TypeRef) == *ty,
            Lookup::Object(role, id, index) => {
                self.objects
                    .get(role)
                    .and_then(|ids| ids.get(&**id))
                    .copied()
                    == *index
            }
            Lookup::ObjectType(index, ty) => {
                self.object_types.get(*index).copied().map(TypeRef) == *ty
            }
            Lookup::Broken(path, broken) => super::paths::is_broken(&self.broken, path) == *broken,
        })
    }
}
