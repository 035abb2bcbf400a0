import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Paths from this file's URL (the config runs in Node; the renderer lint bans node: imports).
const here = (rel: string) => decodeURIComponent(new URL(rel, import.meta.url).pathname);
const root = here('.');

// The renderer is served by `keel serve` and by Electron's protocol handler
// from dist/renderer, so every asset path is relative (base './').
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rollupOptions: {
      // zod's sources carry comments Rollup cannot place; harmless noise.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
});
