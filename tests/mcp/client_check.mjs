// client_check.mjs - drives `ollama-doctor mcp` with the official MCP TypeScript
// SDK client (StdioClientTransport) and prints TAP, the session included as
// TAP comments ("# -> request", "# <- answer", each cut at 240 characters).
//
// Usage: node client_check.mjs OD_BIN SERVE_SH FAKE_PY WRAP
//   WRAP: "unshare -n" or "unshare -rn": the server runs in an empty network
//   namespace (serve.sh: lo up, the fake Ollama on 127.0.0.1:11434, then
//   `ollama-doctor mcp`); "" when no namespace can be made: the probes are
//   then skipped and the server never runs a check.
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';

const [odBin, serveSh, fakePy, wrap = ''] = process.argv.slice(2);
const PORT = 11434; // inside the test's own network namespace
const SEED = "HTTPConnectionPool(host='127.0.0.1', port=11434): Max retries exceeded with url: /api/chat " +
  "(Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a " +
  "new connection: [Errno 111] Connection refused'))";

const sdkVersion = JSON.parse(readFileSync(new URL('./node_modules/@modelcontextprotocol/sdk/package.json',
  import.meta.url), 'utf8')).version;
let n = 0;
let failed = 0;
const skip = (desc, why) => { n += 1; console.log(`ok ${n} - ${desc} # SKIP ${why}`); };
function report(pass, desc, details) {
  n += 1;
  if (pass) console.log(`ok ${n} - ${desc}`);
  else {
    failed += 1;
    console.log(`not ok ${n} - ${desc} # ${String(details ?? '').replace(/\s+/g, ' ').slice(0, 400)}`);
  }
}
async function check(desc, fn) {
  try {
    const r = await fn();
    report(r === true, desc, r === true ? '' : r);
  } catch (e) {
    report(false, desc, `threw ${e && e.name}: ${e && e.message}`);
  }
}
const show = (dir, m) => console.log(`# ${dir} ${JSON.stringify(m).slice(0, 240)}`);

const netns = wrap.trim() !== '';
const [command, ...pre] = netns ? wrap.trim().split(/\s+/) : [];
const transport = netns
  ? new StdioClientTransport({ command, args: [...pre, 'sh', serveSh, odBin, fakePy, String(PORT)], stderr: 'pipe', env: process.env })
  : new StdioClientTransport({ command: odBin, args: ['mcp'], stderr: 'pipe', env: process.env });
let stderr = '';
transport.stderr.on('data', (d) => { stderr += d.toString(); });
// the session, both ways
const send = transport.send.bind(transport);
transport.send = (m, o) => { show('->', m); return send(m, o); };
const rb = transport._readBuffer;
const readMessage = rb.readMessage.bind(rb);
const received = [];
rb.readMessage = () => { const m = readMessage(); if (m) { show('<-', m); received.push(m); } return m; };

console.log(`# @modelcontextprotocol/sdk ${sdkVersion}, node ${process.version}, server ${odBin}` +
  (netns ? ` in an empty network namespace (${wrap})` : ' (no network namespace: probes skipped)'));
const client = new Client({ name: 'ollama-doctor-test', version: '0.0.0' });
await client.connect(transport);
const child = transport._process;
const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, sig })));

await check('initialize: serverInfo ollama-doctor, tools capability', () => {
  const v = client.getServerVersion();
  const c = client.getServerCapabilities();
  return (v?.name === 'ollama-doctor' && typeof v.version === 'string' && c?.tools) ? true : JSON.stringify({ v, c });
});
await check(`initialize: the SDK's protocol version (${LATEST_PROTOCOL_VERSION}) is agreed`, () => {
  const v = received.find((m) => m.id === 0)?.result?.protocolVersion;
  return v === LATEST_PROTOCOL_VERSION || `agreed ${v}`;
});
await check('initialize: instructions for the agent', () =>
  /explain/.test(client.getInstructions() ?? '') || client.getInstructions());

const { tools } = await client.listTools();
const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
await check('tools/list: check, explain, bundle', () =>
  JSON.stringify(tools.map((t) => t.name)) === '["check","explain","bundle"]' || tools.map((t) => t.name).join(','));
await check('tools/list: every tool has a description and an object inputSchema without extra properties', () =>
  tools.every((t) => t.description.length > 40 && t.inputSchema.type === 'object' &&
    t.inputSchema.additionalProperties === false) || 'a tool lacks them');
await check("tools/list: check's arguments are SPEC's (url, model, model_type, port, timeout, candidates, container, app, os)", () => {
  const p = Object.keys(byName.check.inputSchema.properties).sort().join(',');
  return p === 'app,candidates,container,model,model_type,os,port,timeout,url' || p;
});
await check('tools/list: url is a string or an array; port an integer 1-65535; model_type and os enums', () => {
  const p = byName.check.inputSchema.properties;
  return (p.url.anyOf?.length === 2 && p.port.type === 'integer' && p.port.maximum === 65535 &&
    p.model_type.enum.join() === 'chat,embedding' && p.os.enum.join() === 'auto,linux,macos,windows') ||
    JSON.stringify(p).slice(0, 300);
});
await check('tools/list: explain requires text; bundle takes output plus check\'s arguments', () => {
  const e = byName.explain.inputSchema;
  const b = Object.keys(byName.bundle.inputSchema.properties);
  return (e.required?.[0] === 'text' && b.includes('output') &&
    Object.keys(byName.check.inputSchema.properties).every((k) => b.includes(k))) || JSON.stringify({ e, b });
});

// explain: the seed error
const ex = await client.callTool({ name: 'explain', arguments: { text: SEED } });
await check('explain(seed): not an error, structuredContent with the parsed input', () => {
  const s = ex.structuredContent;
  return (!ex.isError && s?.schema_version === 1 && s.input.host === '127.0.0.1' && s.input.port === 11434 &&
    s.input.path === '/api/chat' && s.input.error_kind === 'refused' && s.input.errno === 'ECONNREFUSED') ||
    JSON.stringify(ex).slice(0, 300);
});
await check('explain(seed): first finding localhost-inside-container', () =>
  ex.structuredContent?.findings?.[0]?.id === 'localhost-inside-container' ||
  JSON.stringify(ex.structuredContent?.findings?.map((f) => f.id)));
await check('explain(seed): the text item is the same JSON', () =>
  (ex.content?.[0]?.type === 'text' &&
    JSON.stringify(JSON.parse(ex.content[0].text)) === JSON.stringify(ex.structuredContent)) || 'differs');

// check on loopback, inside the empty namespace
if (netns) {
  const ck = await client.callTool({ name: 'check', arguments: { candidates: `127.0.0.1:${PORT}`, timeout: 1000 } });
  const s = ck.structuredContent;
  await check('check(candidates 127.0.0.1): verdict ok, Base URL verified', () =>
    (!ck.isError && s?.verdict === 'ok' && s.recommendation?.base_url === `http://127.0.0.1:${PORT}`) ||
    JSON.stringify({ isError: ck.isError, verdict: s?.verdict, base: s?.recommendation, text: ck.content?.[0]?.text?.slice(0, 200) }));
  await check('check: the report has every top-level key of SPEC', () =>
    ['schema_version', 'tool', 'vantage', 'context', 'probes', 'findings', 'recommendation', 'verdict']
      .every((k) => k in (s ?? {})) || Object.keys(s ?? {}).join(','));
  await check('check: the probe found Ollama (the fake) on 127.0.0.1', () =>
    s?.probes?.[0]?.attempts?.[0]?.http?.ollama === true || JSON.stringify(s?.probes?.[0]).slice(0, 300));
  const ck2 = await client.callTool({ name: 'check', arguments: { url: [`http://127.0.0.1:${PORT}`], candidates: '127.0.0.1:1', timeout: 500 } });
  await check('check(url as an array, candidates refused): the URL verified', () =>
    ck2.structuredContent?.recommendation?.base_url === `http://127.0.0.1:${PORT}` ||
    JSON.stringify(ck2).slice(0, 300));
  const dir = mkdtempSync(join(tmpdir(), 'od-mcp-'));
  const out = join(dir, 'b.tar.gz');
  const bu = await client.callTool({ name: 'bundle', arguments: { output: out, candidates: `127.0.0.1:${PORT}`, timeout: 1000 } });
  await check('bundle: {path, files, verdict}, the file written', () =>
    (!bu.isError && bu.structuredContent?.path === out && existsSync(out) && bu.structuredContent.verdict === 'ok' &&
      bu.structuredContent.files.some((f) => f.name === 'manifest.json')) || JSON.stringify(bu).slice(0, 300));
  const bu2 = await client.callTool({ name: 'bundle', arguments: { output: out, candidates: `127.0.0.1:${PORT}` } });
  await check('bundle: never overwrites (isError, one sentence)', () =>
    (bu2.isError === true && /already exists/.test(bu2.content[0].text)) || JSON.stringify(bu2).slice(0, 300));
  rmSync(dir, { recursive: true, force: true });
} else {
  for (const d of ['check(candidates 127.0.0.1)', 'check report keys', 'check probe', 'check url array', 'bundle', 'bundle overwrite'])
    skip(d, 'no network namespace (needs root or unprivileged user namespaces)');
}

// bad calls: tool errors, the server keeps serving
const oneSentence = (r) => r.isError === true && r.content?.length === 1 && r.content[0].type === 'text' &&
  /^[^\n]{10,400}\.$/.test(r.content[0].text);
const bad1 = await client.callTool({ name: 'check', arguments: { port: 70000 } });
await check('bad call: port 70000 -> isError, one sentence naming the argument', () =>
  (oneSentence(bad1) && /^port: .*65535/.test(bad1.content[0].text)) || JSON.stringify(bad1));
const bad2 = await client.callTool({ name: 'check', arguments: { url: 'http://93.184.216.34:11434' } });
await check('bad call: a public address -> isError, names --allow-any-target, nothing probed', () =>
  (oneSentence(bad2) && /allow-any-target/.test(bad2.content[0].text)) || JSON.stringify(bad2));
const bad3 = await client.callTool({ name: 'check', arguments: { model_type: 'vision' } });
await check('bad call: model_type vision -> isError with the accepted values', () =>
  (oneSentence(bad3) && /chat\|embedding/.test(bad3.content[0].text)) || JSON.stringify(bad3));
const bad4 = await client.callTool({ name: 'explain', arguments: {} });
await check('bad call: explain without text -> isError', () => oneSentence(bad4) || JSON.stringify(bad4));
const bad5 = await client.callTool({ name: 'check', arguments: { nosuch: 1 } });
await check('bad call: an unknown argument -> isError', () => oneSentence(bad5) || JSON.stringify(bad5));
await check('unknown tool -> JSON-RPC error -32602', async () => {
  try {
    await client.callTool({ name: 'nosuch', arguments: {} });
    return 'no error';
  } catch (e) {
    return e.code === -32602 || `${e.code} ${e.message}`;
  }
});
await check('unknown method -> JSON-RPC error -32601', async () => {
  try {
    await client.request({ method: 'resources/list', params: {} }, (await import('@modelcontextprotocol/sdk/types.js')).ListResourcesResultSchema);
    return 'no error';
  } catch (e) {
    return e.code === -32601 || `${e.code} ${e.message}`;
  }
});
await check('still serving after the bad calls: ping', async () => (await client.ping()) && true);
const again = await client.callTool({ name: 'explain', arguments: { text: SEED } });
await check('still serving after the bad calls: explain again', () =>
  again.structuredContent?.input?.errno === 'ECONNREFUSED' || JSON.stringify(again).slice(0, 200));

await client.close();
const { code, sig } = await exited;
await check('the server ends at end of input with status 0', () => (code === 0) || `code ${code} signal ${sig}`);
await check('its stderr has no sanitizer report', () =>
  !/AddressSanitizer|LeakSanitizer|runtime error/.test(stderr) || stderr.slice(0, 400));
for (const l of stderr.split('\n').filter(Boolean).slice(0, 5)) console.log(`# server stderr: ${l}`);
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
