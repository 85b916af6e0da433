// LangChain's ChatOllama (Flowise, LangChain.js apps): a chat, whatever the mode.
import { ChatOllama } from '@langchain/ollama';
const [url] = process.argv.slice(2);
const m = new ChatOllama({ baseUrl: url, model: process.env.MODEL || 'llama3', maxRetries: 0 });
console.log(await m.invoke('hi'));
