import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** The pages the API serves under /tabs/: the channel tab, its configuration, a case alone, the personal tab, and the simulated Teams and chat of `npm start`. */
export const PAGES = {
  channel: resolve(root, 'channel.html'),
  config: resolve(root, 'config.html'),
  case: resolve(root, 'case.html'),
  mine: resolve(root, 'mine.html'),
  'dev-teams': resolve(root, 'dev-teams.html'),
  'dev-chat': resolve(root, 'dev-chat.html'),
};

export default defineConfig({
  root,
  base: '/tabs/',
  plugins: [react()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // scripts/front-ends.ts reports what matters: each tab's initial JavaScript, gzipped.
    chunkSizeWarningLimit: 1000,
    // No manual chunks: rolldown splits by what each page loads, so a tab's first paint carries
    // only the Fluent components it shows (teams-js, the case view in Mitt arbete, DOMPurify and
    // the document viewer load when needed).
    rolldownOptions: {
      input: PAGES,
    },
  },
});
