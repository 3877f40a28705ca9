import { writeFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import { buildEnglishFile, buildManifest, COLOR_ICON, ENGLISH, OUTLINE_ICON } from './build-manifest.ts';
import type { ManifestConfig } from './config.ts';
import { colorIcon, outlineIcon } from './icons.ts';

/** The file name Teams admin center and Outlook's "Upload custom app" take. */
export const APP_PACKAGE = 'appPackage.zip';

// A fixed time for every entry, so the same configuration gives the same bytes.
const ENTRY_TIME = new Date('2026-01-01T00:00:00Z');

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/** The files of the app package, by their name in the zip: the manifest, its two icons and the English strings. */
export function appPackageFiles(config: ManifestConfig): Record<string, Uint8Array> {
  return {
    'manifest.json': json(buildManifest(config)),
    [COLOR_ICON]: colorIcon(),
    [OUTLINE_ICON]: outlineIcon(),
    [ENGLISH.file]: json(buildEnglishFile()),
  };
}

/** The app package as zip bytes, the files at its root as Teams wants them. */
export function appPackage(config: ManifestConfig): Uint8Array {
  const files = appPackageFiles(config);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { mtime: ENTRY_TIME }]])), { level: 9 });
}

/** Writes the app package to `path`. */
export async function writeAppPackage(config: ManifestConfig, path: string): Promise<void> {
  await writeFile(path, appPackage(config));
}
