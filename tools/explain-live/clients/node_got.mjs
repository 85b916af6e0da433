// got, as n8n-era Node.js code calls an HTTP API.
import got from 'got';
const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
const o = { timeout: { request: 3000 }, retry: { limit: 0 } };
if (mode === 'tags') console.log(await got(url + '/api/tags', o).json());
else if (mode === 'chat') console.log(await got.post(url + '/api/chat', { ...o, json: { model, messages: [{ role: 'user', content: 'hi' }], stream: false } }).json());
else console.log(await got.post(url + '/chat/completions', { ...o, json: { model, messages: [{ role: 'user', content: 'hi' }] } }).json());
