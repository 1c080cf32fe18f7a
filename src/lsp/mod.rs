//! The language server: `apigw-lsp` with no arguments speaks LSP on stdio.
//!
//! This module is the one dispatch table: each handler converts its parameters, takes the
//! analysis of the document it is about, and calls the feature module that answers. Only
//! `src/lsp` knows LSP types and JSON-RPC; the features read the same model the synthesizer
//! uses. Handlers that change state (open, change, close, configuration) apply the change
//! before their first `.await`, so edits are applied in the order they arrive.

mod analysers;
mod analysis;
pub mod code_actions;
pub mod completion;
mod context;
pub mod convert;
mod diagnostics;
pub mod hover;
pub mod inlay_hints;
mod memory;
pub mod navigation;
mod preview;
pub mod semantic_tokens;
mod stdio;
pub mod symbols;
pub mod transport;
mod workspace;

use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

pub use analysis::Analysis;
pub use preview::{PreviewParams, PreviewResult};
use workspace::{Lookup, Replaced, Workspace};

/// The server: the client handle and the shared workspace.
#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Arc<Mutex<Workspace>>,
    /// Analyses for publishing run at most this many at a time (one per core): a burst of
    /// edits to many documents queues here, and a queued version superseded meanwhile is
    /// never analysed.
    permits: Arc<tokio::sync::Semaphore>,
    /// The threads analyses for publishing run on, a document always on the same one.
    analysers: Arc<analysers::Analysers>,
}

impl Backend {
    fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::new(Mutex::new(Workspace::default())),
            permits: Arc::new(tokio::sync::Semaphore::new(analysis_threads())),
            analysers: Arc::new(analysers::Analysers::new(analysis_threads())),
        }
    }

    /// The workspace, even if a handler panicked while holding it.
    fn workspace(&self) -> MutexGuard<'_, Workspace> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The analysis of an open definition file's current version: computed once per
    /// version, outside the workspace lock, so that requests on other documents never wait
    /// for it.
    fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        self.analyse(uri).map(|(a, _replaced)| a)
    }

    /// [`Backend::analysis`], with what the new analysis replaced, for the caller to drop
    /// when it suits it (after publishing): never under the workspace lock.
    fn analyse(&self, uri: &Uri) -> Option<(Arc<Analysis>, Replaced)> {
        let lookup = self.workspace().lookup(uri.as_str());
        match lookup {
            Some(Lookup::Ready(a)) => Some((a, (None, None, Vec::new()))),
            Some(Lookup::Snapshot(mut doc, previous)) => {
                doc.parse();
                let a = Arc::new(Analysis::after(&doc, previous.as_deref()));
                drop(previous);
                let replaced = self.workspace().store(uri.as_str(), &a, *doc);
                Some((a, replaced))
            }
            None => {
                tracing_free_log(&format!("no open definition file {}", uri.as_str()));
                None
            }
        }
    }

    /// `apigw/preview`: the template of a document, or the diagnostics that block it.
    pub async fn preview(&self, params: PreviewParams) -> Result<PreviewResult> {
        Ok(preview::preview(
            self.analysis(&params.text_document.uri).as_deref(),
            &params.text_document.uri,
        ))
    }
}

/// How many analyses run at once: one per core.
fn analysis_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Requests for documents that are not open are answered with nothing; this notes them on
/// stderr (stdout is the protocol).
fn tracing_free_log(message: &str) {
    eprintln!("apigw-lsp: {message}");
}

/// Builds the service with the custom methods registered.
pub fn service() -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::build(Backend::new)
        .custom_method(preview::PREVIEW_METHOD, Backend::preview)
        .finish()
}

/// Serves LSP on any byte streams (stdio in production, a pipe in tests) until the client
/// exits or closes the input; whether it asked to shut down first (LSP's exit code 0).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite,
{
    let (service, socket) = service();
    let session = transport::Session::default();
    let (answers, answered) = tokio::sync::mpsc::unbounded_channel();
    let input = transport::sanitize(input, answers, session.clone());
    let (server_output, merged) = tokio::io::duplex(1 << 20);
    tokio::join!(
        Server::new(input, server_output, socket).serve(service),
        transport::merge(merged, answered, output),
    );
    session.shut_down()
}

/// Runs the server on stdin/stdout until the client exits; whether it asked to shut down
/// first.
pub fn run_stdio() -> std::io::Result<bool> {
    memory::limit_arenas(analysis_threads());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let input = stdio::stdin_reader(runtime.handle())?;
    let (output, writing) = stdio::stdout_writer(runtime.handle())?;
    let shut_down = runtime.block_on(serve(input, output));
    // `serve` dropped the output: the writer ends once everything is written.
    let _ = writing.join();
    // The stdin reader may still be blocked in a read (clients need not close stdin after
    // `exit`): do not wait for it.
    runtime.shutdown_background();
    Ok(shut_down)
}

fn changes(
    params: &DidChangeTextDocumentParams,
) -> Vec<(
    Option<(crate::syntax::Position, crate::syntax::Position)>,
    String,
)> {
    params
        .content_changes
        .iter()
        .map(|c| {
            let range = c.range.map(|r| {
                (
                    convert::from_lsp_position(r.start),
                    convert::from_lsp_position(r.end),
                )
            });
            (range, c.text.clone())
        })
        .collect()
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        if let Some(options) = &params.initialization_options {
            self.workspace().config.update(options);
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(
                        completion::TRIGGER_CHARACTERS
                            .iter()
                            .map(|c| c.to_string())
                            .collect(),
                    ),
                    ..CompletionOptions::default()
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR,
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: semantic_tokens::legend(),
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            ..SemanticTokensOptions::default()
                        },
                    ),
                ),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "apigw-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..InitializeResult::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.workspace()
            .open(doc.uri.as_str(), &doc.text, doc.version);
        diagnostics::publish_now(self, doc.uri, None).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        let version = params.text_document.version;
        let applied = self
            .workspace()
            .change(uri.as_str(), version, &changes(&params));
        if applied {
            diagnostics::schedule(self, uri, version);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.workspace().close(params.text_document.uri.as_str());
        memory::give_back();
        self.client
            .publish_diagnostics(params.text_document.uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let left = {
            let mut workspace = self.workspace();
            workspace.config.update(&params.settings);
            workspace.left_care()
        };
        // Documents the new file patterns no longer cover lose their diagnostics.
        for (uri, version) in left {
            if let Ok(uri) = uri.parse::<Uri>() {
                self.client
                    .publish_diagnostics(uri, Vec::new(), Some(version))
                    .await;
            }
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(None);
        };
        let items = completion::complete(&a, convert::to_offset(&a, at.position));
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(None);
        };
        Ok(hover::hover(&a, convert::to_offset(&a, at.position)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        if !self.workspace().config.arn_hints {
            return Ok(None);
        }
        let Some(a) = self.analysis(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(inlay_hints::inlay_hints(
            &a,
            convert::to_span(&a, params.range),
        )))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.analysis(&uri) else {
            return Ok(None);
        };
        let actions = code_actions::code_actions(&a, &uri, convert::to_span(&a, params.range));
        Ok(Some(
            actions
                .into_iter()
                .map(CodeActionOrCommand::CodeAction)
                .collect(),
        ))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(a) = self.analysis(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(
            symbols::document_symbols(&a),
        )))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let Some(a) = self.analysis(&params.text_document.uri) else {
            return Ok(None);
        };
        let data = semantic_tokens::semantic_tokens(&a);
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        })))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(None);
        };
        let range = navigation::definition(&a, convert::to_offset(&a, at.position));
        Ok(range.map(|r| {
            GotoDefinitionResponse::Scalar(Location::new(at.text_document.uri.clone(), r))
        }))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(None);
        };
        let offset = convert::to_offset(&a, at.position);
        let ranges = navigation::references(&a, offset, params.context.include_declaration);
        Ok(Some(
            ranges
                .into_iter()
                .map(|r| Location::new(at.text_document.uri.clone(), r))
                .collect(),
        ))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(a) = self.analysis(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(
            navigation::prepare_rename(&a, convert::to_offset(&a, params.position))
                .map(PrepareRenameResponse::Range),
        )
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let Some(a) = self.analysis(&at.text_document.uri) else {
            return Ok(None);
        };
        match navigation::rename(&a, convert::to_offset(&a, at.position), &params.new_name) {
            Ok(edits) => Ok(Some(WorkspaceEdit {
                changes: Some(
                    [(at.text_document.uri.clone(), edits)]
                        .into_iter()
                        .collect(),
                ),
                ..WorkspaceEdit::default()
            })),
            Err(message) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(message)),
        }
    }
}
