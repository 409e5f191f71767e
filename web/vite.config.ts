import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const contracts = fileURLToPath(new URL('../src/modules', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** Where `vite` (dev server) sends /api; the API server's default port unless AIMS_API_URL says otherwise. */
const apiTarget = process.env.AIMS_API_URL ?? 'http://127.0.0.1:8642';

/**
 * The web app. Root is web/, output web/dist (served by the API server with an SPA fallback).
 * `@contracts/*` points at the server's zod contracts (src/modules/<module>/schema.ts, permissions.ts, labels.ts);
 * the web app imports nothing else from src/. Those files use NodeNext `.js` suffixes, which Vite resolves to the
 * `.ts` sources for TypeScript importers.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: { '@contracts': contracts },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
