#!/usr/bin/env node
// Thin launcher: the command is bundled from src/cli by `npm run build:cli` (run by `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-cli/kubeprep.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('kubeprep: the command is not built yet; run `npm ci` or `npm run build:cli` first\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
