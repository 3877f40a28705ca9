/**
 * Builds the Outlook add-in's pages into outlook-addin/dist, which the API serves at /addin/.
 *
 *   tsx outlook-addin/scripts/build.ts [--if-stale] [--json]
 *
 * `--if-stale` skips the build when dist was built from the same sources (a hash of them is kept
 * in dist/.build-stamp), so `npm start` costs nothing after the first time.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const addinDir = resolve(import.meta.dirname, '..');
const repoDir = resolve(addinDir, '..');
export const OUT_DIR = join(addinDir, 'dist');
const STAMP = '.build-stamp';
/** The goal for the task pane's first paint, in bytes of gzipped JavaScript. */
export const INITIAL_JS_GOAL = 250_000;

/** Everything the bundle is made of: the add-in's sources and pages, core (bundled as source), the config, the lock file. */
const INPUTS = [
  join(addinDir, 'src'),
  join(addinDir, 'taskpane.html'),
  join(addinDir, 'dev-outlook.html'),
  join(addinDir, 'dev-taskpane.html'),
  join(addinDir, 'vite.config.ts'),
  join(addinDir, 'package.json'),
  join(repoDir, 'core', 'src'),
  join(repoDir, 'package-lock.json'),
];

const isTest = (name: string) => /\.test\.tsx?$/.test(name);

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
  if (entries === null) return [path];
  const nested = await Promise.all(
    entries
      .filter((e) => e.name !== 'node_modules' && !isTest(e.name))
      .map((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : Promise.resolve([join(path, e.name)]))),
  );
  return nested.flat();
}

/** A hash of every input's path and content: equal hashes mean an equal build. */
export async function sourceHash(): Promise<string> {
  const files = (await Promise.all(INPUTS.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
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

/** Builds dist with Vite; with `ifStale`, only when the sources changed since the last build. */
export async function buildAddin(options: { ifStale?: boolean } = {}): Promise<BuildResult> {
  const hash = await sourceHash();
  if (options.ifStale) {
    const stamp = await readFile(join(OUT_DIR, STAMP), 'utf8').catch(() => '');
    if (stamp.trim() === hash) return { outDir: OUT_DIR, built: false };
  }
  // Loaded here, so that importing this module (e.g. for the size) does not load Vite.
  const { build } = await import('vite');
  await build({ configFile: join(addinDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  await writeFile(join(OUT_DIR, STAMP), `${hash}\n`);
  return { outDir: OUT_DIR, built: true };
}

export interface InitialScriptSize {
  /** Gzipped bytes of all JavaScript the page loads before first paint (Office.js from the CDN not counted). */
  gzipBytes: number;
  rawBytes: number;
  files: Array<{ file: string; rawBytes: number; gzipBytes: number }>;
}

const BASE = '/addin/';
// Static imports in built chunks: `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`; not `import("./x.js")`.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

/** The JavaScript a page needs at first paint: its module scripts and everything they import statically. */
export async function initialScriptSize(outDir: string = OUT_DIR, page = 'taskpane.html'): Promise<InitialScriptSize> {
  const html = await readFile(join(outDir, page), 'utf8');
  const local = (url: string) => (url.startsWith(BASE) ? join(outDir, url.slice(BASE.length)) : null);
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
    files.push({ file: relative(outDir, file), rawBytes: content.length, gzipBytes: gzipSync(content).length });
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
  const started = performance.now();
  const result = await buildAddin({ ifStale: args.includes('--if-stale') });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const size = await initialScriptSize(result.outDir);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...result, seconds: Number(seconds), initialJs: size, goalGzipBytes: INITIAL_JS_GOAL }));
    return;
  }
  console.log(
    result.built
      ? `outlook-addin: built ${relative(process.cwd(), result.outDir) || '.'} in ${seconds} s`
      : `outlook-addin: ${relative(process.cwd(), result.outDir)} is up to date`,
  );
  console.log(
    `taskpane.html: initial JavaScript ${kB(size.gzipBytes)} gzipped (${size.gzipBytes} bytes; goal ≤ ${kB(INITIAL_JS_GOAL)}), ` +
      `${kB(size.rawBytes)} raw, in ${size.files.length} files; Office.js from Microsoft's CDN not counted`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  cli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
