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

/** What the Teams tabs read at `/tabs/config.json`. Nothing secret. */
export interface TabsRuntimeConfig {
  /** `teams`: Teams SSO inside Teams. `dev`: a plain browser with the dev issuer's demo users. */
  auth: 'teams' | 'dev';
  teamsAppId?: string;
}

export interface FrontEndsOptions {
  /** The built add-in (outlook-addin/dist). */
  addinDir: string;
  addin: AddinRuntimeConfig;
  /** The built tabs (tabs/dist). */
  tabsDir: string;
  tabs: TabsRuntimeConfig;
  /** Whether the simulated Outlook and Teams of `npm start` may be served. */
  dev: boolean;
}

const policy = (directives: string[]) => [...directives, "base-uri 'self'", "form-action 'self'"].join('; ');

// Outlook loads Office.js from Microsoft's CDN and frames the pane; nested app authentication
// talks to Entra. Remote images stay blocked: a mail's body never fetches anything.
const ADDIN_POLICY = policy([
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  // Fluent UI writes its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://login.microsoftonline.com",
  "frame-src 'self' https://login.microsoftonline.com",
  "frame-ancestors 'self' https://*.office.com https://*.office365.com https://*.outlook.com https://*.microsoft.com https://*.cloud.microsoft",
  "object-src 'none'",
]);

// Teams frames the tabs; teams-js asks Microsoft's CDN which domains are Teams'. A document's
// preview is a blob: frame or image made from bytes the API gave; a mail's body is a srcdoc
// frame without scripts whose own policy blocks every remote resource.
const TABS_POLICY = policy([
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "frame-src 'self' blob:",
  "object-src blob:",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com https://*.skype.com",
]);

interface Served {
  mount: '/addin' | '/tabs';
  dir: string;
  page: string;
  policy: string;
  config: AddinRuntimeConfig | TabsRuntimeConfig;
  what: string;
}

function serveBuilt(router: Router, served: Served, dev: boolean) {
  const built = () => existsSync(join(served.dir, served.page));
  router.get(`${served.mount}/config.json`, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(served.config);
  });
  router.use(served.mount, (req, res, next) => {
    // The simulated hosts exist for npm start only.
    if (!dev && /^\/dev-/.test(req.path)) throw new AppError('not_found', 'No such page');
    if (!built()) throw new AppError('unavailable', `${served.what} is not built: run \`npx tsx scripts/front-ends.ts\``);
    res.set('Content-Security-Policy', served.policy);
    next();
  });
  router.use(
    served.mount,
    express.static(served.dir, {
      index: false,
      dotfiles: 'ignore',
      setHeaders: (res, path) => {
        // Vite names what it bundles by content; the pages themselves must be read anew.
        res.set('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
}

/** Serves the built front ends: the Outlook add-in at /addin/, the Teams tabs at /tabs/, and (locally) /dev/outlook, /dev/teams and /dev/chat. */
export function frontEndsRouter(options: FrontEndsOptions): Router {
  const router = express.Router();
  serveBuilt(router, { mount: '/addin', dir: options.addinDir, page: 'taskpane.html', policy: ADDIN_POLICY, config: options.addin, what: 'The add-in' }, options.dev);
  serveBuilt(router, { mount: '/tabs', dir: options.tabsDir, page: 'channel.html', policy: TABS_POLICY, config: options.tabs, what: 'The Teams tabs' }, options.dev);
  if (options.dev) {
    router.get('/dev/outlook', (_req, res) => {
      res.redirect(302, '/addin/dev-outlook.html');
    });
    router.get('/dev/chat', (_req, res) => {
      res.redirect(302, '/tabs/dev-chat.html');
    });
    router.get('/dev/teams', (req, res) => {
      // The address may pick the user, channel, theme and language to start with.
      const query = req.originalUrl.indexOf('?');
      res.redirect(302, `/tabs/dev-teams.html${query >= 0 ? req.originalUrl.slice(query) : ''}`);
    });
  }
  return router;
}
