import OpenAI from 'openai';
const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
const c = new OpenAI({ baseURL: mode === 'oai' ? url : url + '/v1', apiKey: 'ollama', timeout: 3000, maxRetries: 1 });
if (mode === 'tags') console.log(await c.models.list());
else console.log(await c.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }));
