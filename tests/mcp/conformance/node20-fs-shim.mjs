// fs plus globSync (Node 22+) for the conformance package on Node 20: enough
// for the "**/name" patterns it uses. Loaded by node20-hooks.mjs.
import * as fs from 'node:fs';
import path from 'node:path';
export * from 'node:fs';
export default fs.default ?? fs;
export function globSync(pattern, opts = {}) {
  const cwd = opts.cwd || process.cwd();
  const name = String(pattern).replace(/^\*\*\//, '');
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(path.join(cwd, d), { withFileTypes: true })) {
      const rel = d ? path.join(d, e.name) : e.name;
      if (e.isDirectory()) walk(rel);
      else if (e.name === name) out.push(rel);
    }
  };
  walk('');
  return out;
}
