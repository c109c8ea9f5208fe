import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { offline } from './build/offline';

// PKI.js and asn1js (with the helpers only they use) are reachable from the src/lib barrels the first paint
// imports for its light parts. Declared free of side effects, they are bundled only where something uses
// them: the engine chunk the screens load on demand (src/ui/common/engine.ts). The one thing PKI.js does
// at import, setting a default crypto engine, is not needed: the engine passes its own to every call.
const X509_LIBRARIES = /[\\/]node_modules[\\/](pkijs|asn1js|pvtsutils|pvutils|bytestreamjs|@noble[\\/]hashes)[\\/]/;

// The engine is evaluated in three tasks, not one (engine.ts): the X.509 libraries, the RE2 matcher and
// then the engine's own code, each its own chunk. Evaluated together they held the main thread for 60-90 ms
// right when the page had gone idle. The single file is one chunk (build/offline.ts sets ONE_CHUNK).
const ENGINE_CHUNKS: [RegExp, string][] = [[X509_LIBRARIES, 'engine-x509'], [/[\\/]node_modules[\\/]re2js[\\/]/, 'engine-re2']];
const manualChunks = (id: string) => ENGINE_CHUNKS.find(([pattern]) => pattern.test(id))?.[1];

// V8's explicit compile hint (https://v8.dev/blog/explicit-compile-hints): the engine's functions are
// compiled with the chunk, off the main thread while it streams in, instead of one by one on their first
// call: the first certificate of a Generate otherwise ran 90-120 ms of lazy compilation in one task.
// Added after minification, which drops comments.
const compileHint: Plugin = {
  name: 'kubeprep:compile-hint',
  enforce: 'post',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type === 'chunk' && file.name.startsWith('engine-') && !file.name.endsWith('-prelude')) file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
    }
  },
};

// base './' keeps every asset URL relative, so dist/ works from any sub-path of any static host.
// offline() adds the CSP, dist/kubeprep.html (single file) and dist/sw.js (precache): see build/.
export default defineConfig({
  base: './',
  plugins: [svelte(), compileHint, offline({ serviceWorker: 'src/sw.ts' })],
  build: {
    outDir: 'dist',
    // No <link rel=modulepreload> per chunk of a dynamic import: inserting them is main-thread work in the
    // task that asks for the screen (16 links for the cluster screen, 10-15 ms; a task of 60-70 ms in one
    // load out of three on a 2-core machine, where the page's load shares the CPU with the browser's own).
    // The browser fetches a chunk's imports once it has parsed the chunk: one more round trip per level of
    // imports on a first visit to a remote host, none from the service worker's cache or the single file.
    // A screen's style sheets are still loaded before it shows.
    modulePreload: false,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !X509_LIBRARIES.test(id) },
      ...(process.env.KUBEPREP_ONE_CHUNK ? {} : { output: { manualChunks } }),
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
