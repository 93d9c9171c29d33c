import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built by `npm run build:renderer` (from the repository root). `base: './'` keeps asset URLs
// relative so the same build works from the local server (http://…/) and Electron (app://).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npx vite --config renderer/vite.config.ts` with the local server on :8080 for the API.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
