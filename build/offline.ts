// The offline half of the build (issue 6), as one Vite plugin used only by `vite build`:
// - the hosted CSP goes into index.html as a <meta http-equiv> (at build time only: the dev server's
//   HMR injects <style> elements that this policy rightly forbids);
// - the bundle stays one chunk (dynamic imports included), so the same code can be inlined into the
//   single file;
// - after the files are written: dist/kubeprep.html, then dist/sw.js precaching all of them.
// Every path comes from the resolved config, so `vite build --outDir /tmp/x` works the same.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { HOSTED_CSP } from './csp';
import { SERVICE_WORKER_FILE, writeServiceWorker } from './service-worker';
import { SINGLE_FILE, writeSingleFile } from './single-file';

export function offline(options: { serviceWorker: string }): Plugin {
  let config: ResolvedConfig;
  let emitted: string[] = [];
  return {
    name: 'kubeprep-offline',
    apply: 'build',
    // One chunk on purpose: the single file can inline only one script, and the service worker fetches
    // every file on the first visit anyway, so splitting would save nothing afterwards. Warn past 1 MB.
    config: () => ({ build: { chunkSizeWarningLimit: 1024, rollupOptions: { output: { inlineDynamicImports: true } } } }),
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
      if (!emitted.includes('index.html')) return; // not the app build (e.g. a failed one)
      const outDir = resolve(config.root, config.build.outDir);
      // The bundle's own list, not a directory scan: an outDir outside the project is not emptied.
      const files = [...emitted, ...publicFiles(config.publicDir)];
      writeSingleFile(outDir, files);
      const version = await writeServiceWorker(outDir, [...files, SINGLE_FILE], resolve(config.root, options.serviceWorker));
      config.logger.info(`offline: ${SINGLE_FILE} and ${SERVICE_WORKER_FILE} (precache version ${version})`);
    },
  };
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
