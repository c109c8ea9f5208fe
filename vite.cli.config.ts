import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';

// The kubeprep command is the same src/lib engine bundled for Node 20+ (built by `npm ci` via `prepare`).
// Commands are imported on use (src/cli/run.ts), so each lands in its own chunk under dist-cli/chunks/
// and a process parses only the code of the command it runs. The page's icons are not the command's.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: 'kubeprep.mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
  ssr: { noExternal: true },
});
