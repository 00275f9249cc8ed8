import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// The dev server proxies the API so the SPA can be developed against a locally
// running `trove serve` (or any server on TROVE_DEV_API).
const api = process.env.TROVE_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // The server's CSP has no font-src/media data: allowance; keep every asset a real file.
    assetsInlineLimit: 0,
    // Vite's modulepreload polyfill is injected into the entry chunk, not inline, but
    // every supported browser has modulepreload, so skip the extra code entirely.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: { '/api': api, '/healthz': api, '/readyz': api },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
