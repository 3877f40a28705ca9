import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseManifestConfig } from './config.ts';
import { appPackage, writeAppPackage } from './package.ts';
import { exampleEnv } from './test/example-env.ts';

const config = parseManifestConfig(exampleEnv);
let dir: string | null = null;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe('the app package', () => {
  it('holds the manifest, its two icons and the English file, at the root of the zip', async () => {
    dir = await mkdtemp(join(tmpdir(), 'diarium-manifest-'));
    const path = join(dir, 'appPackage.zip');
    await writeAppPackage(config, path);
    const files = unzipSync(new Uint8Array(await readFile(path)));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest.id).toBe(exampleEnv.TEAMS_APP_ID);
    // Every file the manifest names is in the package.
    expect(Object.keys(files)).toEqual(expect.arrayContaining([manifest.icons.color, manifest.icons.outline, manifest.localizationInfo.additionalLanguages[0].file]));
    expect(JSON.parse(strFromU8(files['en.json']!))['name.short']).toBe('Diarium');

    const color = PNG.sync.read(Buffer.from(files['color.png']!));
    const outline = PNG.sync.read(Buffer.from(files['outline.png']!));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
  });

  it('gives the same bytes for the same configuration', () => {
    expect(Buffer.from(appPackage(config)).equals(Buffer.from(appPackage(config)))).toBe(true);
  });
});
