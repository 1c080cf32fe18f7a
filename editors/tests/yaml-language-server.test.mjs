// yaml-language-server with grammar/apigw.schema.json, over stdio as an editor runs it: key and
// enum completion, a Markdown hover, a validation error, the schema by modeline, and every
// example and conformance definition file validating with no false error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { LspClient } from './lsp-client.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const schemaUrl = pathToFileURL(join(repo, 'grammar/apigw.schema.json')).href;
const settings = {
  yaml: { schemas: { [schemaUrl]: ['*.apigw.yaml', 'apigw.yaml'] }, validate: true, completion: true, hover: true, schemaStore: { enable: false } },
};
let server;
let version = 0;

function uriOf(name) {
  return pathToFileURL(join(repo, 'target', name)).href;
}

async function open(name, text) {
  const uri = uriOf(name);
  version += 1;
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  const published = await server.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
  server.notifications = server.notifications.filter((m) => m !== published);
  server.notify('textDocument/didClose', { textDocument: { uri } });
  return { uri, diagnostics: published.params.diagnostics };
}

async function openKeep(name, text) {
  const uri = uriOf(name);
  version += 1;
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  return uri;
}

before(async () => {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('yaml-language-server/package.json')), 'bin/yaml-language-server');
  server = new LspClient(process.execPath, [bin, '--stdio']);
  server.onRequest('workspace/configuration', (params) => params.items.map((i) => (i.section ? settings[i.section] ?? null : settings)));
  await server.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(repo).href,
    capabilities: {
      textDocument: {
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: {},
      },
      workspace: { configuration: true },
    },
  });
  server.notify('initialized', {});
  server.notify('workspace/didChangeConfiguration', { settings });
  // The settings apply asynchronously: wait until the schema validates a probe document.
  for (let i = 0; ; i++) {
    const { diagnostics } = await open(`probe-${i}.apigw.yaml`, 'constructs:\n  Api: { type: HttpApi, createDefaultStage: maybe }\n');
    if (diagnostics.length > 0) break;
    assert.ok(i < 50, 'the schema never applied');
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  await server.stop();
});

async function completionLabels(uri, line, character) {
  const result = await server.request('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  return (result.items ?? result).map((i) => i.label);
}

test('keys of a construct are completed', async () => {
  const uri = await openKeep('keys.apigw.yaml', 'constructs:\n  Api:\n    type: HttpApi\n    \n');
  const labels = await completionLabels(uri, 3, 4);
  assert.ok(labels.includes('apiName'), `labels: ${labels.join(', ')}`);
  assert.ok(labels.includes('corsPreflight'), `labels: ${labels.join(', ')}`);
});

test('enum members are completed', async () => {
  const uri = await openKeep('enum.apigw.yaml', 'constructs:\n  Fn:\n    type: Function\n    runtime: \n');
  const labels = await completionLabels(uri, 3, 13);
  assert.ok(labels.includes('NODEJS_24_X'), `labels: ${labels.join(', ')}`);
});

test('hover shows the prop doc as Markdown, code spans unescaped', async () => {
  const uri = await openKeep('hover.apigw.yaml', 'constructs:\n  Api:\n    type: HttpApi\n    createDefaultStage: false\n');
  const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 8 } });
  const text = typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
  assert.equal(hover.contents.kind ?? 'markdown', 'markdown');
  assert.match(text, /stage/i);
  assert.ok(!text.includes('\\`'), `escaped backticks in: ${text}`);
});

test('a wrong value is a validation error', async () => {
  const { diagnostics } = await open('invalid.apigw.yaml', 'constructs:\n  Api:\n    type: HttpApi\n    createDefaultStage: maybe\n');
  assert.ok(diagnostics.some((d) => d.range.start.line === 3), JSON.stringify(diagnostics));
});

test('the schema applies by modeline too', async () => {
  const text = `# yaml-language-server: $schema=${schemaUrl}\nconstructs:\n  Api:\n    type: HttpApi\n    createDefaultStage: maybe\n`;
  const { diagnostics } = await open('modeline.yaml', text);
  assert.ok(diagnostics.some((d) => d.range.start.line === 4), JSON.stringify(diagnostics));
});

test('every example and conformance definition file validates with no error', async () => {
  const files = readdirSync(join(repo, 'examples'))
    .filter((f) => f.endsWith('.apigw.yaml'))
    .map((f) => join(repo, 'examples', f));
  for (const dir of readdirSync(join(repo, 'tests/conformance'))) {
    const f = join(repo, 'tests/conformance', dir, 'apigw.yaml');
    if (existsSync(f)) files.push(f);
  }
  assert.ok(files.length > 100, `${files.length} files`);
  const problems = [];
  for (const [i, f] of files.entries()) {
    const { diagnostics } = await open(`validate-${i}.apigw.yaml`, readFileSync(f, 'utf8'));
    for (const d of diagnostics) {
      problems.push(`${f}:${d.range.start.line + 1}: ${d.message}`);
    }
  }
  assert.deepEqual(problems, []);
});
