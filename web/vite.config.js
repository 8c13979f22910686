import { defineConfig } from 'vite';

// The build goes where internal/web embeds it.
export default defineConfig({
  build: {
    outDir: '../internal/web/dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 600,
  },
});
