//! The bundled examples synthesize, and their templates are pinned by snapshots.

use std::fs;
use std::path::Path;

use apigw_lsp::check::check_text;

#[test]
fn examples_synthesize_to_their_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".apigw.yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    for file in files {
        let name = file
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".apigw.yaml", "");
        let text = fs::read_to_string(&file).unwrap();
        let checked = check_text(&text);
        assert!(
            checked.diagnostics.is_empty(),
            "{name}: {:?}",
            checked.diagnostics
        );
        insta::assert_json_snapshot!(name, checked.template().unwrap());
    }
}
