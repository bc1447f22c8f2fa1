import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The Vaka server the dev server forwards `/api` (HTTP and the live websocket) to. */
const apiTarget = process.env['VAKA_API_URL'] ?? 'http://127.0.0.1:8080';

const proxy = {
  '/api': { target: apiTarget, ws: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // NOTE: MapLibre is one chunk of about 1 MB, loaded only when the map is shown; the rest of
    // the console stays small.
    chunkSizeWarningLimit: 1_200,
  },
});
