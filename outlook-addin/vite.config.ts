import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** The pages the API serves under /addin/: the task pane, and the simulated Outlook for `npm start`. */
export const PAGES = {
  taskpane: resolve(root, 'taskpane.html'),
  'dev-outlook': resolve(root, 'dev-outlook.html'),
  'dev-taskpane': resolve(root, 'dev-taskpane.html'),
};

export default defineConfig({
  root,
  base: '/addin/',
  plugins: [react()],
  resolve: {
    alias: {
      // office-addin-mock (the dev page's fake Office.js) imports office-addin-manifest for one
      // enum; the real package pulls in Node built-ins and crashes in a browser.
      'office-addin-manifest': resolve(root, 'src/dev/office-app-shim.ts'),
    },
  },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // scripts/front-ends.ts reports what matters: the task pane's initial JavaScript, gzipped.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: PAGES,
      output: {
        // First-paint code under plain names: libraries, and the pane shared by the real and the
        // simulated Outlook. msal, the new-case form and the dev fakes stay in chunks of their own
        // (a named group for msal would make it a static import: scripts/front-ends.ts shows the size).
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|tabster|keyborg|@floating-ui|@swc|zod|use-sync-external-store|stylis|rtl-css-js)[\\/]/,
            },
            { name: 'pane', test: /[\\/](outlook-addin[\\/]src[\\/](?!dev[\\/]|main\.tsx)(?!.*NewCaseForm)|core[\\/]src[\\/])/ },
          ],
        },
      },
    },
  },
});
