// ky, the small fetch wrapper, uncaught.
import ky from 'ky';
const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
const o = { timeout: 3000, retry: 0 };
const msgs = [{ role: 'user', content: 'hi' }];
if (mode === 'tags') console.log(await ky.get(url + '/api/tags', o).json());
else if (mode === 'chat') console.log(await ky.post(url + '/api/chat', { ...o, json: { model, messages: msgs, stream: false } }).json());
else console.log(await ky.post(url + '/chat/completions', { ...o, json: { model, messages: msgs } }).json());
