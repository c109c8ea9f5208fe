import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { offline } from './build/offline';

// base './' keeps every asset URL relative, so dist/ works from any sub-path of any static host.
// offline() adds the CSP, dist/kubeprep.html (single file) and dist/sw.js (precache): see build/.
export default defineConfig({
  base: './',
  plugins: [svelte(), offline({ serviceWorker: 'src/sw.ts' })],
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
