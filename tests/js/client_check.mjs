// client_check.mjs - checks tests/fake/fake_ollama.py with the official `ollama` JS client.
//
// Usage: node client_check.mjs PORT [EXPECTED_VERSION]
// The fake must listen on 127.0.0.1:PORT with its default models.  Prints TAP.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ollama } from 'ollama';

const port = process.argv[2];
const expectedVersion = process.argv[3] || '0.12.3';
if (!port || !/^\d+$/.test(port)) {
  console.log('1..1');
  console.log('not ok 1 - js client check # usage: node client_check.mjs PORT');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const clientVersion = JSON.parse(
  readFileSync(require.resolve('ollama/package.json'), 'utf8')).version;
const ollama = new Ollama({ host: `http://127.0.0.1:${port}` });

let n = 0;
let failed = 0;
console.log(`# ollama-js ${clientVersion}, node ${process.version}, fake on 127.0.0.1:${port}`);

function report(pass, desc, details) {
  n += 1;
  if (pass) {
    console.log(`ok ${n} - ${desc}`);
  } else {
    failed += 1;
    const d = String(details ?? '').replace(/\s+/g, ' ').slice(0, 300);
    console.log(`not ok ${n} - ${desc} # ${d}`);
  }
}

// fn returns true, or a string saying what was wrong.
async function check(desc, fn) {
  try {
    const r = await fn();
    report(r === true, desc, r === true ? '' : r);
  } catch (e) {
    report(false, desc, `threw ${e && e.name}: ${e && e.message}`);
  }
}

// fn must reject with a ResponseError of this status whose message contains `text`.
async function expectError(desc, status, text, fn) {
  try {
    const r = await fn();
    report(false, desc, `resolved instead of rejecting: ${JSON.stringify(r).slice(0, 200)}`);
  } catch (e) {
    const problems = [];
    if (!e || e.name !== 'ResponseError') problems.push(`name=${e && e.name}`);
    if (e && e.status_code !== status) problems.push(`status_code=${e && e.status_code}`);
    if (!e || typeof e.message !== 'string' || !e.message.includes(text)) {
      problems.push(`message=${JSON.stringify(e && e.message)}`);
    }
    report(problems.length === 0, desc, problems.join(', '));
  }
}

const isDate = (s) => typeof s === 'string' && !Number.isNaN(Date.parse(s));
const norm = (v) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));

await check('version() reports the configured version', async () => {
  const r = await ollama.version();
  return r.version === expectedVersion || `got ${JSON.stringify(r)}`;
});

await check('list() returns the default models with details', async () => {
  const r = await ollama.list();
  const names = r.models.map((m) => m.name).sort();
  const want = ['llama3.2:latest', 'llava:latest', 'nomic-embed-text:latest'];
  if (JSON.stringify(names) !== JSON.stringify(want)) return `names ${JSON.stringify(names)}`;
  for (const m of r.models) {
    if (m.model !== m.name) return `${m.name}: model field ${m.model}`;
    if (!/^[0-9a-f]{64}$/.test(m.digest)) return `${m.name}: digest ${m.digest}`;
    if (typeof m.size !== 'number' || m.size <= 0) return `${m.name}: size ${m.size}`;
    if (!isDate(m.modified_at)) return `${m.name}: modified_at ${m.modified_at}`;
    if (!m.details || !m.details.family || !m.details.parameter_size) return `${m.name}: details`;
  }
  return true;
});

await check('show({model:"llava"}) has vision, model_info and details', async () => {
  const r = await ollama.show({ model: 'llava' });
  const caps = r.capabilities || [];
  if (!caps.includes('vision') || !caps.includes('completion')) return `capabilities ${caps}`;
  const arch = r.model_info && r.model_info['general.architecture'];
  if (arch !== 'llama') return `general.architecture ${arch}`;
  if (r.model_info[`${arch}.context_length`] !== 4096) return 'llama.context_length';
  if (r.details.family !== 'llama') return `details.family ${r.details.family}`;
  if (!r.projector_info || typeof r.projector_info !== 'object') return 'no projector_info';
  if (!isDate(r.modified_at)) return `modified_at ${r.modified_at}`;
  return true;
});

await check('show() of the embedding model: embedding capability, num_ctx parameter', async () => {
  const r = await ollama.show({ model: 'nomic-embed-text' });
  if (JSON.stringify(r.capabilities) !== '["embedding"]') return `caps ${r.capabilities}`;
  if (!/^num_ctx {24}8192$/m.test(r.parameters || '')) return `parameters ${r.parameters}`;
  if (r.model_info['nomic-bert.context_length'] !== 2048) return 'nomic-bert.context_length';
  return true;
});

let nonStreamText = '';
await check('chat() without streaming answers one message', async () => {
  const r = await ollama.chat({
    model: 'llama3.2', messages: [{ role: 'user', content: 'hello there' }],
  });
  if (r.message?.role !== 'assistant') return `role ${r.message?.role}`;
  if (typeof r.message.content !== 'string' || !r.message.content) return 'empty content';
  if (r.done !== true || r.done_reason !== 'stop') return `done ${r.done} ${r.done_reason}`;
  if (r.model !== 'llama3.2') return `model ${r.model}`;
  if (!(r.eval_count > 0) || !(r.total_duration > 0)) return 'metrics missing';
  nonStreamText = r.message.content;
  return true;
});

await check('chat() streaming yields parts that add up, last one done', async () => {
  const it = await ollama.chat({
    model: 'llama3.2', messages: [{ role: 'user', content: 'hello there' }], stream: true,
  });
  let text = '';
  let parts = 0;
  let last = null;
  for await (const part of it) {
    parts += 1;
    text += part.message.content;
    last = part;
  }
  if (parts < 2) return `only ${parts} parts`;
  if (!last || last.done !== true || last.done_reason !== 'stop') return 'no final done part';
  return text === nonStreamText || `streamed ${JSON.stringify(text)} vs ${JSON.stringify(nonStreamText)}`;
});

await check('chat() with no messages is a load-only request (done_reason "load")', async () => {
  const r = await ollama.chat({ model: 'llava', messages: [] });
  if (r.done !== true || r.done_reason !== 'load') return `got ${JSON.stringify(r)}`;
  return r.message?.content === '' || 'content not empty';
});

await check('generate() without streaming returns a response', async () => {
  const r = await ollama.generate({ model: 'llama3.2', prompt: 'say hi' });
  if (typeof r.response !== 'string' || !r.response) return 'empty response';
  return (r.done === true && r.done_reason === 'stop') || `done ${r.done} ${r.done_reason}`;
});

await check('embed() returns one 768-dim unit vector per input, deterministically', async () => {
  const a = await ollama.embed({ model: 'nomic-embed-text', input: ['hello', 'world'] });
  if (!Array.isArray(a.embeddings) || a.embeddings.length !== 2) return 'not 2 embeddings';
  for (const e of a.embeddings) {
    if (e.length !== 768) return `dims ${e.length}`;
    if (Math.abs(norm(e) - 1) > 1e-4) return `norm ${norm(e)}`;
  }
  const b = await ollama.embed({ model: 'nomic-embed-text', input: 'hello' });
  if (JSON.stringify(b.embeddings[0]) !== JSON.stringify(a.embeddings[0])) return 'not deterministic';
  return a.prompt_eval_count > 0 || 'prompt_eval_count';
});

await check('embeddings() (legacy) returns one vector', async () => {
  const r = await ollama.embeddings({ model: 'nomic-embed-text', prompt: 'hello' });
  return (Array.isArray(r.embedding) && r.embedding.length === 768) || 'bad embedding';
});

await check('ps() lists the loaded models with context_length and expiry', async () => {
  const r = await ollama.ps();
  const llava = r.models.find((m) => m.name === 'llava:latest');
  if (!llava) return `loaded: ${r.models.map((m) => m.name)}`;
  if (llava.context_length !== 4096) return `llava context_length ${llava.context_length}`;
  const emb = r.models.find((m) => m.name === 'nomic-embed-text:latest');
  if (!emb || emb.context_length !== 2048) return 'nomic-embed-text context_length';
  if (!isDate(llava.expires_at) || Date.parse(llava.expires_at) <= Date.now()) {
    return `expires_at ${llava.expires_at}`;
  }
  return (typeof llava.size_vram === 'number' && llava.size_vram > 0) || 'size_vram';
});

await expectError('chat() with an unknown model rejects: 404 "not found"', 404, 'not found',
  () => ollama.chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }));

await expectError('chat() streaming with an unknown model rejects before streaming', 404,
  'not found', () => ollama.chat({
    model: 'no-such-model', messages: [{ role: 'user', content: 'x' }], stream: true,
  }));

await expectError('chat() with the embedding model rejects: 400 "does not support chat"', 400,
  'does not support chat', () => ollama.chat({
    model: 'nomic-embed-text', messages: [{ role: 'user', content: 'x' }],
  }));

await expectError('chat() with tools on a model without tools: 400', 400,
  'does not support tools', () => ollama.chat({
    model: 'llava',
    messages: [{ role: 'user', content: 'x' }],
    tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: {} } }],
  }));

await expectError('show() of an unknown model rejects: 404', 404, "model 'no-such-model' not found",
  () => ollama.show({ model: 'no-such-model' }));

await check('a host given without scheme ("127.0.0.1:PORT") works the same', async () => {
  const c = new Ollama({ host: `127.0.0.1:${port}` });
  const r = await c.list();
  return r.models.length === 3 || `models ${r.models.length}`;
});

console.log(`1..${n}`);
console.log(`# ${n - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
