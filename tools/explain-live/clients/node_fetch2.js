// node-fetch 2 (CommonJS), still under many Node.js apps and older LangChain.
const fetch = require('node-fetch');
const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
(async () => {
  let r;
  if (mode === 'tags') r = await fetch(url + '/api/tags', { timeout: 3000 });
  else if (mode === 'chat') r = await fetch(url + '/api/chat', { method: 'POST', timeout: 3000, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], stream: false }) });
  else r = await fetch(url + '/chat/completions', { method: 'POST', timeout: 3000, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
  if (!r.ok) throw new Error(`Ollama error ${r.status} ${r.statusText}: ${await r.text()}`);
  console.log(await r.json());
})().catch((e) => { console.error(e); process.exit(1); });
