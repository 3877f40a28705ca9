import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { AppError } from '@diarium/core';

/** What the Outlook pane reads at `/addin/config.json`: how to sign in and where cases open. Nothing secret. */
export interface AddinRuntimeConfig {
  auth: 'naa' | 'dev';
  clientId?: string;
  apiScope?: string;
  teamsAppId?: string;
  caseUrl: string;
}

export interface FrontEndsOptions {
  /** The built add-in (outlook-addin/dist). */
  addinDir: string;
  addin: AddinRuntimeConfig;
  /** Whether the simulated Outlook of `npm start` may be served. */
  dev: boolean;
}

// Outlook loads Office.js from Microsoft's CDN and frames the pane; nested app authentication
// talks to Entra. Remote images stay blocked: a mail's body never fetches anything.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  // Fluent UI writes its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://login.microsoftonline.com",
  "frame-src 'self' https://login.microsoftonline.com",
  "frame-ancestors 'self' https://*.office.com https://*.office365.com https://*.outlook.com https://*.microsoft.com https://*.cloud.microsoft",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** Serves the built front ends: the Outlook add-in at /addin/, and (locally) /dev/outlook. */
export function frontEndsRouter(options: FrontEndsOptions): Router {
  const router = express.Router();
  const built = () => existsSync(join(options.addinDir, 'taskpane.html'));

  router.get('/addin/config.json', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(options.addin);
  });
  router.use('/addin', (req, res, next) => {
    // The simulated Outlook exists for npm start only.
    if (!options.dev && /^\/dev-/.test(req.path)) throw new AppError('not_found', 'No such page');
    if (!built()) throw new AppError('unavailable', 'The add-in is not built: run `npx tsx outlook-addin/scripts/build.ts`');
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    next();
  });
  router.use(
    '/addin',
    express.static(options.addinDir, {
      index: false,
      dotfiles: 'ignore',
      setHeaders: (res, path) => {
        // Vite names what it bundles by content; the pages themselves must be read anew.
        res.set('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  if (options.dev) {
    router.get('/dev/outlook', (_req, res) => {
      res.redirect(302, '/addin/dev-outlook.html');
    });
  }
  return router;
}
