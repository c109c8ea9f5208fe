// npm run bench:node: the JavaScript the page needs before it can paint (the entry chunk and every chunk it
// imports statically), built by Vite in memory and gzipped (-9), named in the bench's title so the
// number lands in the report. Chunks loaded with a dynamic import (the PKI engine) do not count: they
// are fetched when a screen first needs them. The bench itself times gzip over those bytes.
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { bench, describe } from 'vitest';

async function firstPaintScripts(): Promise<{ names: string[]; code: string }> {
  // A production build as `npm run build` makes it: Vitest sets NODE_ENV=test, which would compile Svelte in dev mode.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const result = await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'silent', build: { write: false } }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  });
  const chunks = (Array.isArray(result) ? result : [result as Rollup.RollupOutput])
    .flatMap((o) => o.output)
    .filter((f): f is Rollup.OutputChunk => f.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const imported of byName.get(name)?.imports ?? []) visit(imported);
  };
  for (const entry of chunks.filter((c) => c.isEntry)) visit(entry.fileName);
  return { names: [...needed], code: [...needed].map((n) => byName.get(n)!.code).join('\n') };
}

const { names, code } = await firstPaintScripts();
const gzipped = gzipSync(code, { level: 9 }).length;

describe('first paint', () => {
  bench(`first-paint JavaScript: ${(gzipped / 1000).toFixed(1)} kB gzip, ${(Buffer.byteLength(code) / 1000).toFixed(1)} kB raw (${names.length} chunk(s))`, () => {
    gzipSync(code, { level: 9 });
  }, { iterations: 3, time: 0 });
});
