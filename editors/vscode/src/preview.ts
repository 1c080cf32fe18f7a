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

/**
 * Serves preview documents as a read-only file system, so that VS Code restores an open
 * preview after a window reload (it restores file editors, not virtual documents), and tells it
 * when one changed.
 */
export class PreviewProvider implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly texts = new Map<string, { data: Uint8Array; mtime: number }>();

  constructor(private readonly server: Server) {}

  /** Asks the server for a definition file's preview (undefined when the server is not running). */
  async request(source: vscode.Uri): Promise<PreviewResult | undefined> {
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

  private async content(uri: vscode.Uri): Promise<{ data: Uint8Array; mtime: number }> {
    const source = sourceUri(uri);
    // A preview restored after a reload: the definition file must be open for the server to analyse it.
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === source.toString())) {
      await vscode.workspace.openTextDocument(source).then(undefined, () => undefined);
    }
    const result = await this.request(source);
    const text = result
      ? render(result)
      : JSON.stringify({ error: 'No template: the apigw-lsp server is not running.' }, null, 2) + '\n';
    const data = Buffer.from(text, 'utf8');
    const previous = this.texts.get(uri.toString());
    if (previous && Buffer.compare(Buffer.from(previous.data), data) === 0) {
      return previous;
    }
    const entry = { data, mtime: Math.max(Date.now(), (previous?.mtime ?? 0) + 1) };
    this.texts.set(uri.toString(), entry);
    return entry;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { data, mtime } = await this.content(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime, size: data.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.content(uri)).data;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('the template preview is read-only');
  }

  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions('the template preview is read-only');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('the template preview is read-only');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('the template preview is read-only');
  }

  /** Refreshes the preview of a definition file. */
  refresh(source: vscode.Uri): void {
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: previewUri(source) }]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
