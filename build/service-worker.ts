// Emits dist/sw.js: src/sw.ts compiled to a classic script, preceded by the build's file list and a
// version that is a hash of those files' contents, so any change to any file makes browsers see a new
// worker (they compare sw.js byte for byte) and precache the new set.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformWithEsbuild } from 'vite';

export const SERVICE_WORKER_FILE = 'sw.js';

export async function writeServiceWorker(outDir: string, files: readonly string[], source: string): Promise<string> {
  const precache = [...new Set(files)].filter((f) => f !== SERVICE_WORKER_FILE && !f.endsWith('.map')).sort();
  const compiled = await transformWithEsbuild(readFileSync(source, 'utf8'), source, {
    loader: 'ts',
    format: 'iife',
    target: 'es2020',
    minify: true,
  });
  // The worker's own code counts too: a fix to it alone must also start a fresh cache.
  const version = contentVersion(outDir, precache, compiled.code);
  const urls = precache.map((f) => encodeURI(f));
  const header = `const VERSION=${JSON.stringify(version)};const PRECACHE=${JSON.stringify(urls)};\n`;
  writeFileSync(join(outDir, SERVICE_WORKER_FILE), header + compiled.code);
  return version;
}

/** sha256 over the worker, every precached path and its bytes, in a stable order; 16 hex digits are plenty. */
function contentVersion(outDir: string, files: readonly string[], workerCode: string): string {
  const hash = createHash('sha256').update(workerCode + '\0');
  for (const file of files) {
    hash.update(file + '\0');
    hash.update(readFileSync(join(outDir, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
