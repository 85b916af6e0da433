import { Ollama } from 'ollama';
const [url, mode] = process.argv.slice(2);
const model = process.env.MODEL || 'llama3';
const o = new Ollama({ host: url });
if (mode === 'tags') console.log(await o.list());
else console.log(await o.chat({ model, messages: [{ role: 'user', content: 'hi' }] }));
