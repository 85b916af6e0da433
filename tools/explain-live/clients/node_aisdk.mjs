// The Vercel AI SDK with its community Ollama provider (ollama-ai-provider), or
// its OpenAI provider pointed at Ollama's /v1 (mode oai).
import { generateText } from 'ai';
import { createOllama } from 'ollama-ai-provider';
import { createOpenAI } from '@ai-sdk/openai';
const [url, mode] = process.argv.slice(2);
const name = process.env.MODEL || 'llama3';
const model = mode === 'oai'
  ? createOpenAI({ baseURL: url, apiKey: 'ollama', compatibility: 'compatible' })(name)
  : createOllama({ baseURL: url + '/api' })(name);
const r = await generateText({ model, prompt: 'hi', maxRetries: 1, abortSignal: AbortSignal.timeout(3000) });
console.log(r.text);
