//! The `apigw-lsp` command: the language server on stdio by default, or the headless
//! synthesizer (`--synth`), checker (`--check`) and schema printer (`--schema`).

#![deny(clippy::print_stdout)]

mod allocator;

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use apigw_lsp::check::{Checked, MAX_TEMPLATE_BYTES, check_bytes};
use apigw_lsp::render::render;

const USAGE: &str = "\
apigw-lsp: API Gateway v2 definition files -> CDK-identical CloudFormation templates

USAGE:
    apigw-lsp                              run the language server on stdio
    apigw-lsp --synth FILE [-o OUT] [--format json|yaml]
                                           write FILE's template to stdout (or OUT)
    apigw-lsp --check FILE                 only validate FILE
    apigw-lsp --schema                     print the JSON Schema of the definition format

OPTIONS:
    -o, --output OUT    write the template to OUT (left untouched when FILE has errors;\n                        a link is followed, `-` is stdout, other non-files are refused)
    --format FORMAT     json (default) or yaml
    -h, --help          print this help
    -V, --version       print the version

Errors print as FILE:LINE:COL: error: message; the exit code is 1 when FILE has errors.";

#[derive(Debug, PartialEq)]
enum Format {
    Json,
    Yaml,
}

#[derive(Debug)]
enum Command {
    Serve,
    Synth {
        file: PathBuf,
        output: Option<PathBuf>,
        format: Format,
    },
    Check {
        file: PathBuf,
    },
    Schema,
    Help,
    Version,
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut command = None;
    let mut output = None;
    let mut format = Format::Json;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--synth" => command = Some(("synth", value("--synth")?)),
            "--check" => command = Some(("check", value("--check")?)),
            "--schema" => command = Some(("schema", String::new())),
            "-o" | "--output" => output = Some(PathBuf::from(value(arg)?)),
            "--format" => {
                format = match value("--format")?.as_str() {
                    "json" => Format::Json,
                    "yaml" => Format::Yaml,
                    other => return Err(format!("unknown format `{other}`: use json or yaml")),
                }
            }
            "--stdio" => {}
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    match command {
        None => Ok(Command::Serve),
        Some(("synth", file)) => Ok(Command::Synth {
            file: file.into(),
            output,
            format,
        }),
        Some(("check", file)) => Ok(Command::Check { file: file.into() }),
        Some(_) => Ok(Command::Schema),
    }
}

/// Runs the language server, with mimalloc (see `allocator`).
fn serve() -> std::io::Result<bool> {
    allocator::use_mimalloc();
    apigw_lsp::lsp::run_stdio()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_args(&args) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("apigw-lsp: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Version => {
            let _ = writeln!(std::io::stdout(), "apigw-lsp {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::Schema => {
            let schema = apigw_lsp::model::schema::json_schema::generate();
            let _ = writeln!(std::io::stdout(), "{}", pretty(&schema));
            ExitCode::SUCCESS
        }
        // LSP: exit code 0 after `shutdown`, 1 when the client exits (or goes) without it.
        Command::Serve => match serve() {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(e) => {
                eprintln!("apigw-lsp: cannot start the language server: {e}");
                ExitCode::from(2)
            }
        },
        Command::Check { file } => match load(&file) {
            Some((text, checked)) => report(&file, &text, &checked),
            None => ExitCode::from(2),
        },
        Command::Synth {
            file,
            output,
            format,
        } => {
            let Some((text, mut checked)) = load(&file) else {
                return ExitCode::from(2);
            };
            let code = report(&file, &text, &checked);
            checked.release_all_but_synth_input();
            let synthesis = checked.synthesis();
            if !synthesis.diagnostics.is_empty() {
                let path = file.display().to_string();
                eprint!("{}", render(&path, &text, &synthesis.diagnostics));
                return ExitCode::from(1);
            }
            let Some(template) = &synthesis.template else {
                return code;
            };
            // JSON is written as it is rendered; the YAML text is built first.
            let yaml =
                matches!(format, Format::Yaml).then(|| apigw_lsp::template_yaml::to_yaml(template));
            // The JSON's size, once written (its pretty text is longer than the compact one
            // the size warning measures: no warning below the limit).
            let mut written = None;
            let mut write = |out: &mut dyn Write| match &yaml {
                Some(text) => out.write_all(text.as_bytes()),
                None => {
                    let size = apigw_lsp::synth::write_json(template, out)?;
                    written = Some(size);
                    Ok(())
                }
            };
            let result = match output.filter(|out| out.as_os_str() != "-") {
                Some(out) => match write_atomically(&out, &mut write) {
                    Ok(()) => code,
                    Err(e) => {
                        eprintln!("apigw-lsp: cannot write {}: {e}", out.display());
                        ExitCode::from(2)
                    }
                },
                None => {
                    let _ = write(&mut std::io::stdout().lock());
                    code
                }
            };
            let may_be_too_large = written.is_none_or(|size| size > MAX_TEMPLATE_BYTES);
            if may_be_too_large && let Some(warning) = checked.template_size_warning() {
                eprint!("{}", render(&file.display().to_string(), &text, &[warning]));
            }
            // The process ends here: freeing the model, template and text one allocation at a
            // time would cost a tenth of the run.
            std::mem::forget((yaml, checked, text));
            result
        }
    }
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn load(file: &Path) -> Option<(String, Checked)> {
    match std::fs::read(file) {
        Ok(bytes) => Some(check_bytes(&bytes)),
        Err(e) => {
            eprintln!("apigw-lsp: cannot read {}: {e}", file.display());
            None
        }
    }
}

/// Prints the diagnostics; exit code 1 when any is an error.
fn report(file: &Path, text: &str, checked: &Checked) -> ExitCode {
    let rendered = render(&file.display().to_string(), text, &checked.diagnostics);
    eprint!("{rendered}");
    if checked.diagnostics.iter().any(|d| d.is_error()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes through a temporary file in the same directory, so the file is replaced whole or not
/// at all. A symbolic link is followed (the file it names is replaced, the link stays); a
/// target that exists and is not a regular file (a directory, a device, a pipe) is refused.
fn write_atomically(
    out: &Path,
    contents: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = resolve_links(out)?;
    let existing = match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => Some(m),
        Ok(_) => {
            return Err(std::io::Error::other(
                "not a regular file (use `-o -` or no -o for stdout)",
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut file| contents(&mut file))
        .and_then(|()| match &existing {
            Some(m) => std::fs::set_permissions(&tmp, m.permissions()),
            None => Ok(()),
        })
        .and_then(|()| std::fs::rename(&tmp, &target));
    written.inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The path a chain of symbolic links ends at (the path itself when it is no link, or does
/// not exist yet).
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // Linux's own limit on links followed in one lookup.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}
