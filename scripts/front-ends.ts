/**
 * Builds the front ends the API serves: the Outlook add-in (outlook-addin/dist, at /addin/) and
 * the Teams tabs (tabs/dist, at /tabs/).
 *
 *   tsx scripts/front-ends.ts [--if-stale] [--json] [addin|tabs …]
 *
 * `--if-stale` skips a front end whose dist was built from the same sources (a hash of them is
 * kept in dist/.build-stamp), so `npm start` costs nothing after the first time.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { RIBBON_ICONS } from '../manifest/src/icons.ts';

const repoDir = resolve(import.meta.dirname, '..');

export interface FrontEnd {
  name: 'addin' | 'tabs';
  dir: string;
  outDir: string;
  /** Where the API serves it. */
  base: string;
  /** The pages whose first-paint JavaScript has a goal, and the goal in gzipped bytes. */
  pages: Record<string, number>;
  /** What the bundle is made of, besides the front end's own folder. */
  extraInputs: string[];
}

const frontEnd = (name: FrontEnd['name'], folder: string, base: string, pages: Record<string, number>): FrontEnd => ({
  name,
  dir: join(repoDir, folder),
  outDir: join(repoDir, folder, 'dist'),
  base,
  pages,
  extraInputs: [join(repoDir, 'core', 'src'), join(repoDir, 'manifest', 'src', 'icons.ts'), join(repoDir, 'package-lock.json')],
});

export const ADDIN = frontEnd('addin', 'outlook-addin', '/addin/', { 'taskpane.html': 250_000 });
export const TABS = frontEnd('tabs', 'tabs', '/tabs/', { 'channel.html': 300_000, 'mine.html': 300_000, 'config.html': 300_000, 'case.html': 300_000 });
export const FRONT_ENDS = [ADDIN, TABS];

const STAMP = '.build-stamp';
const BUILD_MODE = 'production';
const isTest = (name: string) => /\.test\.tsx?$/.test(name);
const SKIP = new Set(['node_modules', 'dist', 'README.md']);

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
  if (entries === null) return [path];
  const nested = await Promise.all(
    entries
      .filter((e) => !SKIP.has(e.name) && !isTest(e.name))
      .map((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : Promise.resolve([join(path, e.name)]))),
  );
  return nested.flat();
}

/** A hash of every input's path and content: equal hashes mean an equal build. */
export async function sourceHash(fe: FrontEnd): Promise<string> {
  const files = (await Promise.all([fe.dir, ...fe.extraInputs].map(filesUnder))).flat().sort();
  // What the build is for counts too: a build stamped before production was enforced is built again.
  const hash = createHash('sha256').update(`${BUILD_MODE}\0`);
  for (const file of files) {
    hash.update(relative(repoDir, file)).update('\0');
    hash.update(await readFile(file).catch(() => Buffer.alloc(0))).update('\0');
  }
  return hash.digest('hex');
}

export interface BuildResult {
  outDir: string;
  built: boolean;
}

/** Builds a front end with Vite; with `ifStale`, only when its sources changed since the last build. */
export async function buildFrontEnd(fe: FrontEnd, options: { ifStale?: boolean } = {}): Promise<BuildResult> {
  const hash = await sourceHash(fe);
  if (options.ifStale) {
    const stamp = await readFile(join(fe.outDir, STAMP), 'utf8').catch(() => '');
    if (stamp.trim() === hash) return { outDir: fe.outDir, built: false };
  }
  // Loaded here, so that importing this module (e.g. for the size) does not load Vite.
  const { build } = await import('vite');
  // A production build whatever process asks for it: under vitest NODE_ENV is `test`, which Vite
  // would follow into React's development build (twice the size, and slower).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = BUILD_MODE;
  try {
    await build({ configFile: join(fe.dir, 'vite.config.ts'), mode: BUILD_MODE, logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  // The add-in's button icons, drawn as the app package's are (the manifest names them).
  if (fe.name === 'addin') for (const [name, draw] of Object.entries(RIBBON_ICONS)) await writeFile(join(fe.outDir, name), draw());
  await writeFile(join(fe.outDir, STAMP), `${hash}\n`);
  return { outDir: fe.outDir, built: true };
}

export const buildAddin = (options: { ifStale?: boolean } = {}) => buildFrontEnd(ADDIN, options);
export const buildTabs = (options: { ifStale?: boolean } = {}) => buildFrontEnd(TABS, options);

export interface InitialScriptSize {
  /** Gzipped bytes of all JavaScript the page loads before first paint (scripts from Microsoft's CDN not counted). */
  gzipBytes: number;
  rawBytes: number;
  files: Array<{ file: string; rawBytes: number; gzipBytes: number }>;
}

// Static imports in built chunks: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`; not `import("./x.js")`.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

/** The JavaScript a page needs at first paint: its module scripts and everything they import statically. */
export async function initialScriptSize(fe: FrontEnd, page: string): Promise<InitialScriptSize> {
  const html = await readFile(join(fe.outDir, page), 'utf8');
  const local = (url: string) => (url.startsWith(fe.base) ? join(fe.outDir, url.slice(fe.base.length)) : null);
  const queue = [...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g), ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)]
    .map((m) => local(m[1]!))
    .filter((file): file is string => file !== null);
  const seen = new Set<string>();
  const files: InitialScriptSize['files'] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const content = await readFile(file);
    files.push({ file: relative(fe.outDir, file), rawBytes: content.length, gzipBytes: gzipSync(content).length });
    for (const m of content.toString('utf8').matchAll(STATIC_IMPORT)) queue.push(resolve(file, '..', m[1]!));
  }
  return {
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    rawBytes: files.reduce((sum, f) => sum + f.rawBytes, 0),
    files,
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

async function cli(args: string[]) {
  const names = args.filter((a) => !a.startsWith('--'));
  const chosen = FRONT_ENDS.filter((fe) => names.length === 0 || names.includes(fe.name));
  const report = [];
  for (const fe of chosen) {
    const started = performance.now();
    const result = await buildFrontEnd(fe, { ifStale: args.includes('--if-stale') });
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const pages = [];
    for (const [page, goal] of Object.entries(fe.pages)) pages.push({ page, goalGzipBytes: goal, ...(await initialScriptSize(fe, page)) });
    report.push({ name: fe.name, ...result, seconds, pages });
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(report));
    return;
  }
  for (const fe of report) {
    const where = relative(process.cwd(), fe.outDir) || '.';
    console.log(fe.built ? `${fe.name}: built ${where} in ${fe.seconds} s` : `${fe.name}: ${where} is up to date`);
    for (const p of fe.pages) {
      console.log(`  ${p.page}: initial JavaScript ${kB(p.gzipBytes)} gzipped (goal ≤ ${kB(p.goalGzipBytes)}), ${kB(p.rawBytes)} raw, in ${p.files.length} files`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  cli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
