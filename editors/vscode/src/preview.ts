// The template preview: a read-only `apigw-preview:` JSON document per definition file, whose
// text is the server's `apigw/preview` answer (the template exactly as `--synth` writes it, or
// the errors that block it written as JSON, so the JSON language has nothing to complain about).
import * as vscode from 'vscode';
import { Server } from './server';

/** The URI scheme of preview documents. */
export const PREVIEW_SCHEME = 'apigw-preview';

interface PreviewDiagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}

/** The answer of `apigw/preview`. */
export interface PreviewResult {
  uri: string;
  version: number | null;
  template: unknown;
  text?: string | null;
  errors: PreviewDiagnostic[];
}

/** The preview URI of a definition file (a preview's own URI maps to itself). */
export function previewUri(source: vscode.Uri): vscode.Uri {
  if (source.scheme === PREVIEW_SCHEME) {
    return source;
  }
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: source.path.replace(/\.ya?ml$/, '') + '.template.json', query: source.toString() });
}

/** The definition file a preview URI shows. */
export function sourceUri(preview: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(preview.query);
}

/** The preview's text: the template, or the blocking errors as a JSON object. */
export function render(result: PreviewResult): string {
  if (result.text) {
    return result.text;
  }
  if (result.template) {
    return JSON.stringify(result.template, null, 2) + '\n';
  }
  const errors = result.errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message.split('\n')[0]}`);
  const summary = `No template: the definition file has ${errors.length} error${errors.length === 1 ? '' : 's'}.`;
  return JSON.stringify({ error: summary, errors }, null, 2) + '\n';
}

/** Serves preview documents and tells VS Code when one changed. */
export class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly server: Server) {}

  /** Asks the server for a definition file's preview (undefined when the server is not running). */
  async request(source: vscode.Uri): Promise<PreviewResult | undefined> {
    const client = this.server.client;
    if (!client) {
      return undefined;
    }
    if (this.server.state === 'starting') {
      await new Promise<void>((resolve) => {
        const sub = this.server.onDidChangeState((s) => {
          if (s !== 'starting') {
            sub.dispose();
            resolve();
          }
        });
      });
    }
    return this.server.client?.sendRequest<PreviewResult>('apigw/preview', { textDocument: { uri: source.toString() } });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = sourceUri(uri);
    // A preview restored after a reload: the definition file must be open for the server to analyse it.
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === source.toString())) {
      await vscode.workspace.openTextDocument(source).then(undefined, () => undefined);
    }
    const result = await this.request(source);
    if (!result) {
      return JSON.stringify({ error: 'No template: the apigw-lsp server is not running.' }, null, 2) + '\n';
    }
    return render(result);
  }

  /** Refreshes the preview of a definition file. */
  refresh(source: vscode.Uri): void {
    this.changed.fire(previewUri(source));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
