// ofetch, the fetch wrapper of Nuxt and Nitro apps (unjs), uncaught.
import { ofetch } from 'ofetch';
const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
const o = { timeout: 3000, retry: 0 };
const msgs = [{ role: 'user', content: 'hi' }];
if (mode === 'tags') console.log(await ofetch(url + '/api/tags', o));
else if (mode === 'chat') console.log(await ofetch(url + '/api/chat', { ...o, method: 'POST', body: { model, messages: msgs, stream: false } }));
else console.log(await ofetch(url + '/chat/completions', { ...o, method: 'POST', body: { model, messages: msgs } }));
