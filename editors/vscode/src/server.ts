// The language server's lifecycle: finds the binary, starts the client, says what is missing
// when it is not there, and restarts when the server path changes.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from 'vscode-languageclient/node';

/** What the status bar shows about the server. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'missing';

/** The message shown when the binary cannot be found. */
export function missingBinaryMessage(serverPath: string): string {
  return (
    `apigw-lsp: the language server \`${serverPath}\` was not found. Install it with ` +
    '`cargo install --path .` in an apigw-lsp checkout, or set `apigw.serverPath` to the binary.'
  );
}

/** The executable a configured server path names: itself when it holds a slash, else a `PATH` lookup. */
export function resolveBinary(serverPath: string): string | undefined {
  const isFile = (p: string) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (serverPath.includes('/') || serverPath.includes('\\')) {
    return isFile(serverPath) ? serverPath : undefined;
  }
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of exts) {
      const candidate = path.join(dir, serverPath + ext);
      if (dir && isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function settings() {
  const config = vscode.workspace.getConfiguration('apigw');
  return {
    filePatterns: config.get('filePatterns'),
    debounceMs: config.get('debounceMs'),
    arnHints: config.get('arnHints'),
  };
}

/** Owns the one language client; `client` is undefined while the server is not running. */
export class Server implements vscode.Disposable {
  client: LanguageClient | undefined;
  state: ServerState = 'stopped';
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateChanged.event;
  private readonly clientStarted = new vscode.EventEmitter<LanguageClient>();
  /** Fires with each newly started client, for handlers that must be registered on it. */
  readonly onDidStartClient = this.clientStarted.event;

  constructor(private readonly output: vscode.OutputChannel) {}

  private setState(state: ServerState) {
    this.state = state;
    this.stateChanged.fire(state);
  }

  /** Starts the server; shows how to get the binary when it is missing. */
  async start(): Promise<void> {
    const serverPath = vscode.workspace.getConfiguration('apigw').get<string>('serverPath') || 'apigw-lsp';
    const binary = resolveBinary(serverPath);
    if (!binary) {
      this.setState('missing');
      const message = missingBinaryMessage(serverPath);
      this.output.appendLine(message);
      void vscode.window.showErrorMessage(message, 'Open Settings').then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'apigw.serverPath');
        }
      });
      return;
    }
    this.setState('starting');
    this.output.appendLine(`Starting ${binary}`);
    const serverOptions: ServerOptions = { command: binary };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'apigw-yaml' },
        { scheme: 'file', language: 'yaml' },
      ],
      initializationOptions: settings(),
      synchronize: { configurationSection: 'apigw' },
      outputChannel: this.output,
    };
    const client = new LanguageClient('apigw-lsp', 'apigw-lsp', serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped && this.client === client) {
        this.setState('stopped');
      }
    });
    this.client = client;
    try {
      await client.start();
      this.clientStarted.fire(client);
      this.setState('running');
    } catch (e) {
      this.output.appendLine(`apigw-lsp did not start: ${e}`);
      this.client = undefined;
      this.setState('stopped');
    }
  }

  /** Stops the running server, if any. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.stop().catch(() => undefined);
    }
    this.setState('stopped');
  }

  /** Stops and starts again (after `apigw.serverPath` changed, or on request). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    void this.stop();
    this.stateChanged.dispose();
    this.clientStarted.dispose();
  }
}
