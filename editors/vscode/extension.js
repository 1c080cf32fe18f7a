// VS Code client for apigw-lsp: starts the language server on YAML files and shows the
// synthesized CloudFormation template beside the definition file, refreshed as you type.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

const PREVIEW_SCHEME = 'apigw-preview';
let client;

/** Serves `apigw-preview:` documents: the template of the definition file they name. */
class PreviewProvider {
  constructor() {
    this.changed = new vscode.EventEmitter();
    this.onDidChange = this.changed.event;
  }

  static uriFor(source) {
    return vscode.Uri.parse(`${PREVIEW_SCHEME}:${source.path}.template.json`).with({ query: source.toString() });
  }

  async provideTextDocumentContent(uri) {
    const source = uri.query;
    const result = await client.sendRequest('apigw/preview', { textDocument: { uri: source } });
    if (result.template) {
      return JSON.stringify(result.template, null, 2) + '\n';
    }
    const errors = result.errors.map((e) => `// ${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message.split('\n')[0]}`);
    return ['// No template: the definition file has errors.', ...errors, ''].join('\n');
  }
}

function settings() {
  const config = vscode.workspace.getConfiguration('apigw');
  return {
    filePatterns: config.get('filePatterns'),
    debounceMs: config.get('debounceMs'),
    arnHints: config.get('arnHints'),
  };
}

async function activate(context) {
  const serverOptions = { command: vscode.workspace.getConfiguration('apigw').get('serverPath') || 'apigw-lsp' };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    initializationOptions: settings(),
    synchronize: { configurationSection: 'apigw' },
  };
  client = new LanguageClient('apigw-lsp', 'apigw-lsp', serverOptions, clientOptions);
  await client.start();

  const provider = new PreviewProvider();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, provider));
  context.subscriptions.push(client.onNotification('apigw/previewChanged', (params) => {
    provider.changed.fire(PreviewProvider.uriFor(vscode.Uri.parse(params.uri)));
  }));
  context.subscriptions.push(vscode.commands.registerCommand('apigw.showPreview', async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      return;
    }
    const doc = await vscode.workspace.openTextDocument(PreviewProvider.uriFor(editor.document.uri));
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  }));
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
