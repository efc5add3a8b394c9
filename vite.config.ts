/**
 * Build of the web pages (src/web → dist/web), served by the Kontakt server: the staff app at `/`,
 * the public portal at `/portal/`.
 * In development (`npx vite`), /api is proxied to a server on port 3000.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `src/web` of this repository, whatever the working directory of the build.
const webRoot = join(dirname(fileURLToPath(import.meta.url)), 'src/web');

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Two pages: the staff app (/) and the public portal (/portal/), sharing chunks.
    rolldownOptions: {
      input: { staff: join(webRoot, 'index.html'), portal: join(webRoot, 'portal/index.html') },
      output: {
        // Each screen is its own chunk, loaded on first visit (shared/ui/LazyPage.tsx). What
        // every page needs — React, the router, Mantine, i18next, zod, the phone rules — is one
        // long-cached vendor chunk rather than dozens of small ones; maps (Leaflet) and charts
        // (ECharts) stay out of it, in the chunks of the pages that draw them.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@mantine[\\/](core|hooks)|@floating-ui|@tanstack|i18next|react-i18next|zod|libphonenumber-js|clsx|react-remove-scroll[^\\/]*|react-style-singleton|use-callback-ref|use-sidecar|get-nonce|detect-node-es|aria-hidden|tslib|react-textarea-autosize|use-composed-ref|use-isomorphic-layout-effect|use-latest)[\\/]/,
            },
          ],
        },
      },
    },
    // ECharts is one chunk of ~1.1 MB, loaded only where a chart is drawn.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
