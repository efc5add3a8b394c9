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
    rollupOptions: {
      input: { staff: join(webRoot, 'index.html'), portal: join(webRoot, 'portal/index.html') },
    },
    // Mantine and React make one chunk of ~600 kB; that is fine for a staff app on a LAN.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
