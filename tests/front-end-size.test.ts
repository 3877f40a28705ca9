import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ADDIN, initialScriptSize } from '../scripts/front-ends.ts';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the initial JavaScript of a front end page', () => {
  it('counts the page’s module scripts and what they import statically, not lazy chunks nor Office.js from the CDN', async () => {
    dir = await mkdtemp(join(tmpdir(), 'addin-dist-'));
    await mkdir(join(dir, 'assets'));
    const files = {
      'entry.js': 'import{a as b}from"./shared.js";import"./side.js";const m=()=>import("./lazy.js");b(m);',
      'shared.js': 'export*from"./deep.js";export const a=1;',
      'side.js': 'console.log(1)',
      'deep.js': 'export const d=' + '"x"'.repeat(200),
      'lazy.js': 'export const big=' + '"y"'.repeat(5000),
      'preloaded.js': 'export const p=2;',
    };
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, 'assets', name), content);
    await writeFile(
      join(dir, 'taskpane.html'),
      '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' +
        '<script type="module" crossorigin src="/addin/assets/entry.js"></script>' +
        '<link rel="modulepreload" crossorigin href="/addin/assets/preloaded.js">',
    );

    const size = await initialScriptSize({ ...ADDIN, outDir: dir }, 'taskpane.html');
    expect(size.files.map((f) => f.file).sort()).toEqual(['assets/deep.js', 'assets/entry.js', 'assets/preloaded.js', 'assets/shared.js', 'assets/side.js']);
    const expected = ['entry.js', 'shared.js', 'side.js', 'deep.js', 'preloaded.js'].reduce(
      (sum, name) => sum + gzipSync(files[name as keyof typeof files]).length,
      0,
    );
    expect(size.gzipBytes).toBe(expected);
  });
});
