const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
const sig = AbortSignal.timeout(3000);
let r;
if (mode === 'tags') r = await fetch(url + '/api/tags', { signal: sig });
else if (mode === 'chat') r = await fetch(url + '/api/chat', { method: 'POST', body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], stream: false }), signal: sig });
else r = await fetch(url + '/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }), signal: sig });
if (!r.ok) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
console.log(await r.json());
