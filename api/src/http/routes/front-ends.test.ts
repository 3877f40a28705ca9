import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemHandler } from '../problem.ts';
import { frontEndsRouter, type FrontEndsOptions } from './front-ends.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarium-addin-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'taskpane.html'), '<!doctype html><title>pane</title>');
  await writeFile(join(dir, 'dev-outlook.html'), '<!doctype html><title>dev</title>');
  await writeFile(join(dir, 'assets', 'pane-abc123.js'), 'console.log(1)');
  await mkdir(join(dir, 'tabs'));
  await writeFile(join(dir, 'tabs', 'channel.html'), '<!doctype html><title>tab</title>');
  await writeFile(join(dir, 'tabs', 'dev-teams.html'), '<!doctype html><title>dev</title>');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function serve(options: Partial<FrontEndsOptions>, run: (url: string) => Promise<void>): Promise<void> {
  const app = express();
  app.use(
    frontEndsRouter({
      addinDir: dir,
      tabsDir: join(dir, 'tabs'),
      dev: false,
      addin: { auth: 'naa', clientId: 'c1', caseUrl: '/c/{caseNumber}' },
      tabs: { auth: 'teams', teamsAppId: 'app-1' },
      ...options,
    }),
  );
  app.use(problemHandler(pino({ level: 'silent' })));
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
}

describe('the built Outlook add-in', () => {
  it('is served with a policy that lets Outlook frame it and load Office.js, and nothing else', async () => {
    await serve({}, async (url) => {
      const page = await fetch(`${url}/addin/taskpane.html`);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
      expect(csp).toContain('frame-ancestors');
      expect(csp).toContain("img-src 'self' data: blob:");
      const asset = await fetch(`${url}/addin/assets/pane-abc123.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect(await (await fetch(`${url}/addin/config.json`)).json()).toEqual({ auth: 'naa', clientId: 'c1', caseUrl: '/c/{caseNumber}' });
    });
  });

  it('serves the simulated Outlook only with the dev issuer', async () => {
    await serve({ dev: false }, async (url) => {
      expect((await fetch(`${url}/addin/dev-outlook.html`)).status).toBe(404);
      expect((await fetch(`${url}/dev/outlook`, { redirect: 'manual' })).status).toBe(404);
    });
    await serve({ dev: true }, async (url) => {
      const res = await fetch(`${url}/dev/outlook`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/addin/dev-outlook.html');
      expect((await fetch(`${url}/addin/dev-outlook.html`)).status).toBe(200);
    });
  });

  it('says how to build it when it is not built', async () => {
    await serve({ addinDir: join(dir, 'missing') }, async (url) => {
      const res = await fetch(`${url}/addin/taskpane.html`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });
  });
});

describe('the built Teams tabs', () => {
  it('are served with a policy that lets Teams frame them and a preview show blob: files, and nothing remote', async () => {
    await serve({}, async (url) => {
      const page = await fetch(`${url}/tabs/channel.html`);
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain('frame-ancestors');
      expect(csp).toContain('https://teams.microsoft.com');
      expect(csp).toContain("frame-src 'self' blob:");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/img-src[^;]*https:/);
      expect(await (await fetch(`${url}/tabs/config.json`)).json()).toEqual({ auth: 'teams', teamsAppId: 'app-1' });
    });
  });

  it('serve the simulated Teams only with the dev issuer', async () => {
    await serve({ dev: false }, async (url) => {
      expect((await fetch(`${url}/tabs/dev-teams.html`)).status).toBe(404);
      expect((await fetch(`${url}/dev/teams`, { redirect: 'manual' })).status).toBe(404);
    });
    await serve({ dev: true }, async (url) => {
      const res = await fetch(`${url}/dev/teams`, { redirect: 'manual' });
      expect(res.headers.get('location')).toBe('/tabs/dev-teams.html');
      const at = await fetch(`${url}/dev/teams?user=sofia.ek%40ekby.se&theme=dark`, { redirect: 'manual' });
      expect(at.headers.get('location')).toBe('/tabs/dev-teams.html?user=sofia.ek%40ekby.se&theme=dark');
      expect((await fetch(`${url}/tabs/dev-teams.html`)).status).toBe(200);
    });
  });

  it('say how to build them when they are not built', async () => {
    await serve({ tabsDir: join(dir, 'missing') }, async (url) => {
      const res = await fetch(`${url}/tabs/channel.html`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });
  });
});
