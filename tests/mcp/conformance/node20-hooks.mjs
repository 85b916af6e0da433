// node --import ./node20-hooks.mjs: on Node < 22, the conformance package's
// `import ... from "fs"` gets node20-fs-shim.mjs (fs plus globSync).
import { register } from 'node:module';
if (Number(process.versions.node.split('.')[0]) < 22)
  register('data:text/javascript,' + encodeURIComponent(`
    export async function resolve(spec, ctx, next) {
      if ((spec === 'fs' || spec === 'node:fs') && ctx.parentURL && ctx.parentURL.includes('@modelcontextprotocol/conformance'))
        return { url: ${JSON.stringify(new URL('./node20-fs-shim.mjs', import.meta.url).href)}, shortCircuit: true };
      return next(spec, ctx);
    }`));
