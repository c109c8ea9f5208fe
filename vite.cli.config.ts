import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';

// The kubeprep command is the same src/lib engine bundled for Node 20+ (built by `npm ci` via `prepare`).
export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: 'kubeprep.mjs' },
    },
  },
  ssr: { noExternal: true },
});
