// The offline half of the build, as one Vite plugin used only by `vite build`:
// - the hosted CSP goes into index.html as a <meta http-equiv> (at build time only: the dev server's
//   HMR injects <style> elements that this policy rightly forbids);
// - the hosted app is split where the screens load the PKI engine on demand (src/ui/common/engine.ts);
// - after the files are written: dist/kubeprep.html from a second, in-memory build of the same app with
//   every dynamic import inlined (a file:// page can fetch nothing), then dist/sw.js precaching every file,
//   the engine chunk included.
// Every path comes from the resolved config, so `vite build --outDir /tmp/x` works the same.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Plugin, type ResolvedConfig, type Rollup } from 'vite';
import { HOSTED_CSP } from './csp';
import { SERVICE_WORKER_FILE, writeServiceWorker } from './service-worker';
import { SINGLE_FILE, writeSingleFile } from './single-file';

export function offline(options: { serviceWorker: string }): Plugin {
  let config: ResolvedConfig;
  let emitted: string[] = [];
  return {
    name: 'kubeprep-offline',
    apply: 'build',
    // Warn past 1 MB: the one-chunk build of the single file is the largest script.
    config: () => ({ build: { chunkSizeWarningLimit: 1024 } }),
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: (html) => {
      const meta = `<meta http-equiv="Content-Security-Policy" content="${HOSTED_CSP}" />`;
      // Right after <meta charset>, before anything the policy governs.
      return /<meta charset[^>]*>/i.test(html)
        ? html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`)
        : html.replace(/<head>/i, `<head>\n    ${meta}`);
    },
    writeBundle(_options, bundle) {
      emitted = Object.keys(bundle);
    },
    async closeBundle() {
      // Not the app build: a failed one, or the in-memory one-chunk build below (it writes nothing).
      if (!emitted.includes('index.html')) return;
      const outDir = resolve(config.root, config.build.outDir);
      // The bundle's own list, not a directory scan: an outDir outside the project is not emptied.
      const files = [...emitted, ...publicFiles(config.publicDir)];
      writeSingleFile(outDir, files, await oneChunkScript(config));
      const version = await writeServiceWorker(outDir, [...files, SINGLE_FILE], resolve(config.root, options.serviceWorker));
      config.logger.info(`offline: ${SINGLE_FILE} and ${SERVICE_WORKER_FILE} (precache version ${version})`);
    },
  };
}

/** The app's entry script built again as one chunk, dynamic imports inlined, for the single file. */
async function oneChunkScript(config: ResolvedConfig): Promise<string> {
  // vite.config.ts leaves out its manualChunks, which Rollup refuses next to inlineDynamicImports.
  process.env.KUBEPREP_ONE_CHUNK = '1';
  const result = await build({
    configFile: config.configFile ?? false,
    root: config.root,
    mode: config.mode,
    logLevel: 'warn',
    build: { write: false, rollupOptions: { output: { inlineDynamicImports: true } } },
  }).finally(() => delete process.env.KUBEPREP_ONE_CHUNK);
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const entries = outputs.flatMap((o) => o.output).filter((f): f is Rollup.OutputChunk => f.type === 'chunk' && f.isEntry);
  if (entries.length !== 1) throw new Error(`single file: expected one entry chunk in the one-chunk build, found ${entries.length}`);
  return entries[0]!.code;
}

function publicFiles(dir: string): string[] {
  if (!dir || !existsSync(dir)) return [];
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const path = join(d, name);
      return statSync(path).isDirectory() ? walk(path) : [relative(dir, path).split(sep).join('/')];
    });
  return walk(dir);
}
