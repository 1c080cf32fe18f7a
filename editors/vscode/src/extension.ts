// VS Code client for apigw-lsp: runs the language server for definition files, shows the
// synthesized CloudFormation template beside the file (refreshed as you type), writes it to a
// file, and keeps the server's state and the file's error count in the status bar.
import * as path from 'path';
import * as vscode from 'vscode';
import { PREVIEW_SCHEME, PreviewProvider, previewUri, sourceUri } from './preview';
import { Server, missingBinaryMessage } from './server';
import { Status } from './status';

interface PreviewChanged {
  uri: string;
  errorCount: number;
}

/** The definition file the active editor shows (its source when it is a preview). */
function activeSource(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('apigw: open a definition file (*.apigw.yaml) first.');
    return undefined;
  }
  return uri.scheme === PREVIEW_SCHEME ? sourceUri(uri) : uri;
}

function notRunningMessage(server: Server): string {
  if (server.state === 'missing') {
    return missingBinaryMessage(vscode.workspace.getConfiguration('apigw').get<string>('serverPath') || 'apigw-lsp');
  }
  return 'apigw-lsp is not running: see "apigw: Show server output", then "apigw: Restart server".';
}

function notDefinitionMessage(source: vscode.Uri): string {
  return `apigw: ${path.basename(source.path)} is not a definition file: name it *.apigw.yaml (see apigw.filePatterns) or give it a top-level \`constructs:\` key.`;
}

let running: Server | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('apigw-lsp');
  const server = new Server(output);
  running = server;
  const status = new Status();
  const provider = new PreviewProvider(server);
  context.subscriptions.push(output, server, status, provider);
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider(PREVIEW_SCHEME, provider, { isCaseSensitive: true, isReadonly: true }),
  );
  context.subscriptions.push(server.onDidChangeState((s) => status.setState(s)));
  context.subscriptions.push(
    server.onDidStartClient((client) => {
      context.subscriptions.push(
        client.onNotification('apigw/previewChanged', (params: PreviewChanged) => {
          status.setErrors(params.uri, params.errorCount);
          provider.refresh(vscode.Uri.parse(params.uri));
        }),
      );
    }),
  );
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => status.render()));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('apigw.serverPath')) {
        void server.restart();
      }
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('apigw.showPreview', async () => {
      const source = activeSource();
      if (!source) {
        return;
      }
      const result = await provider.request(source);
      if (!result) {
        void vscode.window.showErrorMessage(notRunningMessage(server));
        return;
      }
      if (result.version === null) {
        void vscode.window.showWarningMessage(notDefinitionMessage(source));
        return;
      }
      const uri = previewUri(source);
      // An open preview is revealed where it is, not opened again beside it.
      const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    }),
    vscode.commands.registerCommand('apigw.synthToFile', async (target?: vscode.Uri) => {
      const source = activeSource();
      if (!source) {
        return;
      }
      const result = await provider.request(source);
      if (!result) {
        void vscode.window.showErrorMessage(notRunningMessage(server));
        return;
      }
      if (result.version === null) {
        void vscode.window.showWarningMessage(notDefinitionMessage(source));
        return;
      }
      if (!result.text) {
        const first = result.errors[0];
        const where = first ? ` (first: line ${first.range.start.line + 1}: ${first.message.split('\n')[0]})` : '';
        void vscode.window.showErrorMessage(`apigw: no template, the definition file has ${result.errors.length} error(s)${where}.`);
        return;
      }
      const defaultUri = source.with({ path: source.path.replace(/(\.apigw)?\.ya?ml$/, '') + '.template.json' });
      const out = target ?? (await vscode.window.showSaveDialog({ defaultUri, filters: { JSON: ['json'] } }));
      if (!out) {
        return;
      }
      await vscode.workspace.fs.writeFile(out, Buffer.from(result.text, 'utf8'));
      void vscode.window.showInformationMessage(`apigw: wrote ${path.basename(out.path)}`);
    }),
    vscode.commands.registerCommand('apigw.restartServer', () => server.restart()),
    vscode.commands.registerCommand('apigw.showOutput', () => output.show(true)),
  );

  void server.start();
}

export function deactivate(): Promise<void> | undefined {
  return running?.stop();
}
