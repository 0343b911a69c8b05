import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Non-default folders: the main process and the preload come from `src-main/app/`, the
 * renderer from `src-renderer/`. The preload is CommonJS, as sandboxed preloads must be.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The worker threads (PDF rendering, statement reading, e-invoice rules) are entries of their own beside main.js.
      lib: {
        entry: {
          main: resolve('src-main/app/main.ts'),
          'render-worker': resolve('src-main/documents/pdf/render-worker.ts'),
          'statement-worker': resolve('src-main/payments/import/statement-worker.ts'),
          'rules-worker': resolve('src-main/einvoice-rules/rules-worker.ts'),
        },
        formats: ['es'],
      },
      rollupOptions: { output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve('src-main/app/preload.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
