// bridge.mjs PORT OD_BIN [mcp options]: the MCP conformance suite speaks
// Streamable HTTP; ollama-doctor speaks stdio. This serves
// http://127.0.0.1:PORT/mcp with the SDK's StreamableHTTPServerTransport and
// relays every JSON-RPC message, unchanged, to one `ollama-doctor mcp` child
// per session (StdioClientTransport) and back. Prints "ready PORT".
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [port, od, ...odArgs] = process.argv.slice(2);
const sessions = new Map();

const readBody = (req) => new Promise((resolve) => {
  let s = '';
  req.on('data', (c) => { s += c; });
  req.on('end', () => resolve(s));
});

async function newSession() {
  const child = new StdioClientTransport({ command: od, args: ['mcp', ...odArgs], stderr: 'inherit' });
  const t = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => sessions.set(id, t),
  });
  t.onmessage = (m) => { child.send(m).catch(() => {}); };
  child.onmessage = (m) => { t.send(m).catch(() => {}); };
  t.onclose = () => { if (t.sessionId) sessions.delete(t.sessionId); child.close(); };
  await child.start();
  return t;
}

http.createServer(async (req, res) => {
  try {
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body;
    try { body = raw ? JSON.parse(raw) : undefined; } catch { body = raw; }
    const sid = req.headers['mcp-session-id'];
    let t = sid ? sessions.get(sid) : undefined;
    if (!t) {
      const init = req.method === 'POST' && body && !Array.isArray(body) && body.method === 'initialize';
      if (sid || !init) {
        res.writeHead(sid ? 404 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: 'no valid session' }, id: null }));
        return;
      }
      t = await newSession();
    }
    await t.handleRequest(req, res, body);
  } catch (e) {
    if (!res.headersSent) res.writeHead(500).end(String(e));
  }
}).listen(Number(port), '127.0.0.1', () => console.log(`ready ${port}`));
