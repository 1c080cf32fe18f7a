// A minimal LSP client over a child process's stdio, for the editor tests.
import { spawn } from 'node:child_process';

/** A language server process and the messages it sent. */
export class LspClient {
  constructor(command, args, options = {}) {
    this.proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    this.nextId = 1;
    this.pending = new Map();
    this.notifications = [];
    this.waiters = [];
    this.requestHandlers = new Map();
    this.buffer = Buffer.alloc(0);
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.proc.stdout.on('data', (d) => this.onData(d));
  }

  onData(data) {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const header = this.buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, header).toString())[1]);
      if (this.buffer.length < header + 4 + length) return;
      const body = JSON.parse(this.buffer.subarray(header + 4, header + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(header + 4 + length);
      this.dispatch(body);
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (p) (message.error ? p.reject(new Error(JSON.stringify(message.error))) : p.resolve(message.result));
    } else if (message.id !== undefined) {
      const handler = this.requestHandlers.get(message.method);
      this.send({ jsonrpc: '2.0', id: message.id, result: handler ? handler(message.params) : null });
    } else {
      this.notifications.push(message);
      this.waiters = this.waiters.filter((w) => !w(message));
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  /** Sends a request and resolves with its result. */
  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Answers the server's requests for `method` with `handler(params)`. */
  onRequest(method, handler) {
    this.requestHandlers.set(method, handler);
  }

  /** Resolves with the first notification (already received or next) that `match` accepts. */
  waitFor(match, ms = 20000) {
    const seen = this.notifications.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; stderr: ${this.stderr.slice(-2000)}`)), ms);
      this.waiters.push((m) => {
        if (!match(m)) return false;
        clearTimeout(timer);
        resolve(m);
        return true;
      });
    });
  }

  async stop() {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    this.proc.kill();
  }
}
