import { resolve } from 'node:path';
import { parseManifestConfig } from './config.ts';
import { APP_PACKAGE, writeAppPackage } from './package.ts';

// `npm run package [-- <path>]`: writes the app package for the installation the environment
// describes (README.md, "The app package").

try {
  const config = parseManifestConfig(process.env);
  const path = resolve(process.argv[2] ?? APP_PACKAGE);
  await writeAppPackage(config, path);
  process.stdout.write(`Wrote ${path} for ${config.baseUrl} (Teams app ${config.teamsAppId}, version ${config.version})\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
