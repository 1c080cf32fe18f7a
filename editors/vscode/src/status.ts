// The status bar item: the server's state and the active file's error count; a click opens
// the template preview.
import * as vscode from 'vscode';
import { ServerState } from './server';

/** The status bar item of the extension. */
export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apigw.status', vscode.StatusBarAlignment.Right, 100);
  private state: ServerState = 'stopped';
  private readonly errors = new Map<string, number>();

  constructor() {
    this.item.name = 'apigw-lsp';
    this.item.command = 'apigw.showPreview';
    this.render();
  }

  /** Records the server's state. */
  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  /** Records a document's error count (from `apigw/previewChanged`). */
  setErrors(uri: string, count: number): void {
    this.errors.set(uri, count);
    this.render();
  }

  /** Shows the item for definition files only. */
  render(): void {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri.toString() ?? '';
    const known = this.errors.has(uri) || editor?.document.languageId === 'apigw-yaml';
    if (!known && this.state !== 'missing') {
      this.item.hide();
      return;
    }
    const errors = this.errors.get(uri) ?? 0;
    switch (this.state) {
      case 'missing':
        this.item.text = '$(error) apigw: server not found';
        this.item.tooltip = 'The apigw-lsp binary was not found: see apigw.serverPath';
        this.item.command = 'apigw.showOutput';
        break;
      case 'starting':
        this.item.text = '$(sync~spin) apigw';
        this.item.tooltip = 'apigw-lsp is starting';
        this.item.command = 'apigw.showOutput';
        break;
      case 'stopped':
        this.item.text = '$(debug-stop) apigw: stopped';
        this.item.tooltip = 'apigw-lsp is not running (apigw: Restart server)';
        this.item.command = 'apigw.restartServer';
        break;
      case 'running':
        this.item.text = errors ? `$(error) apigw: ${errors} error${errors === 1 ? '' : 's'}` : '$(check) apigw';
        this.item.tooltip = 'apigw-lsp: click to show the template preview';
        this.item.command = 'apigw.showPreview';
        break;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
