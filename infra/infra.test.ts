import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../api/src/config.ts';

// The deployment files are read as text and checked against what the API really reads
// (api/src/config.ts), so that a renamed variable, a wrong enum value or a forgotten file in
// the image fails here and not on the first deployment. No Docker and no Azure needed.

const repoDir = resolve(import.meta.dirname, '..');
const infraDir = import.meta.dirname;
const read = (path: string) => readFileSync(join(repoDir, path), 'utf8');

// ---- The API's configuration: the variables its schema declares ------------------------------

/** The keys of `EnvSchema` in api/src/config.ts: every variable the API reads. */
function configKeys(): Set<string> {
  const source = read('api/src/config.ts');
  const start = source.indexOf('const EnvSchema = z.object({');
  const end = source.indexOf('\n});', start);
  expect(start, 'api/src/config.ts declares `const EnvSchema = z.object({`').toBeGreaterThanOrEqual(0);
  return new Set([...source.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!));
}
const KNOWN = configKeys();

// ---- Dockerfile ------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  if (current !== '') logical.push(current);
  let stage = -1;
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    if (keyword!.toUpperCase() === 'FROM') stage += 1;
    return { keyword: keyword!.toUpperCase(), args: rest.join(' '), stage };
  });
}

interface Copy {
  from: string | null;
  sources: string[];
  /** Relative to the final stage's WORKDIR, without `./`. */
  dest: string;
}

function copies(instructions: Instruction[], workdir: string): Copy[] {
  return instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length) ?? null;
      const paths = words.filter((w) => !w.startsWith('--'));
      const dest = paths.pop()!;
      const absolute = posix.resolve(workdir, dest);
      return { from, sources: paths, dest: posix.relative(workdir, absolute) || '.' };
    });
}

const dockerfile = dockerInstructions(readFileSync(join(infraDir, 'Dockerfile'), 'utf8'));
const finalStageNumber = Math.max(...dockerfile.map((i) => i.stage));
const finalStage = dockerfile.filter((i) => i.stage === finalStageNumber);
const finalWorkdir = finalStage.filter((i) => i.keyword === 'WORKDIR').at(-1)?.args ?? '/';
const finalCopies = copies(finalStage, finalWorkdir);

/** The environment the image gives every process (ENV of the final stage). */
function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of finalStage.filter((x) => x.keyword === 'ENV')) {
    for (const pair of i.args.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

const copiedTo = (dest: string) => finalCopies.some((c) => c.dest === dest);

// ---- compose.yaml ----------------------------------------------------------------------------

function loadYaml(text: string): unknown {
  // js-yaml (a root devDependency) ships no types of its own; this is all the test uses of it.
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  return yaml.load(text);
}

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean> | string[];
  ports?: string[];
  volumes?: string[];
}
const compose = loadYaml(readFileSync(join(infraDir, 'compose.yaml'), 'utf8')) as { services: Record<string, ComposeService> };

/** `${NAME:-default}` as compose resolves it with nothing set in the shell, and `$$` as `$`. */
const interpolate = (value: string) => value.replace(/\$\{([A-Za-z0-9_]+)(?::?-([^}]*))?\}/g, (_m, _name, fallback?: string) => fallback ?? '').replace(/\$\$/g, '$');

function composeEnv(service: string): Record<string, string> {
  const environment = compose.services[service]?.environment ?? {};
  const pairs = Array.isArray(environment)
    ? environment.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const)
    : Object.entries(environment).map(([k, v]) => [k, String(v)] as const);
  return Object.fromEntries(pairs.map(([k, v]) => [k, interpolate(v)]));
}

/** What a process in the service's container sees: the image's ENV, then compose's environment. */
const insideCompose = (service: string) => ({ ...imageEnv(), ...composeEnv(service) });

// ---- Bicep -----------------------------------------------------------------------------------

const bicepFiles = ['main.bicep', ...readdirSync(join(infraDir, 'modules')).filter((f) => f.endsWith('.bicep')).map((f) => `modules/${f}`)];
const bicep = (file: string) => readFileSync(join(infraDir, file), 'utf8');
const mainBicep = bicep('main.bicep');

/** `{ name: 'X', value: … }` and `{ name: 'X', secretRef: … }` entries: the containers' environment variables. */
function bicepEnvEntries(text: string): Array<{ name: string; kind: 'value' | 'secretRef'; expression: string }> {
  // One entry a line; the expression runs to the line's last `}` (it may hold `${…}` itself).
  return [...text.matchAll(/\{\s*name:\s*'([A-Za-z0-9_]+)'\s*,\s*(value|secretRef):\s*(.*?)\s*\}[ \t]*$/gm)].map((m) => ({
    name: m[1]!,
    kind: m[2] as 'value' | 'secretRef',
    expression: m[3]!,
  }));
}

/**
 * Values of `var` and defaults of `param` that are plain strings or numbers. An empty default
 * is left out: it means "not set" (the entry it feeds is then left out, or the deployer fills it in).
 */
function bicepConstants(text: string): Map<string, string> {
  const constants = new Map<string, string>();
  for (const m of text.matchAll(/^(?:var\s+(\w+)|param\s+(\w+)\s+\w+)\s*=\s*(?:'([^'$]*)'|(\d+))\s*$/gm)) {
    const value = m[3] ?? m[4]!;
    if (value !== '') constants.set((m[1] ?? m[2])!, value);
  }
  return constants;
}

/** A Bicep expression's value when it is made of literals and constants; null otherwise. */
function evaluate(expression: string, constants: Map<string, string>): string | null {
  const literal = /^'(.*)'$/.exec(expression);
  if (literal) {
    let unresolved = false;
    const value = literal[1]!.replace(/\$\{(\w+)\}/g, (_m, id: string) => constants.get(id) ?? ((unresolved = true), ''));
    return unresolved ? null : value;
  }
  const id = /^(?:string\()?(\w+)\)?$/.exec(expression)?.[1];
  return id !== undefined ? (constants.get(id) ?? null) : null;
}

// What a deployment gives the expressions that only Azure knows (its ids, hosts and secrets).
const SAMPLE_ID = '0b5e1f7a-3c2d-4e6f-8a9b-1c2d3e4f5a6b';
const SAMPLES: Record<string, string> = {
  PUBLIC_URL: 'https://diarium-serve.happyfield-1234.swedencentral.azurecontainerapps.io',
  DATABASE_URL: 'postgres://diarium:p%40ss@diarium-pg-abc.postgres.database.azure.com:5432/diarium?sslmode=verify-full',
  AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=diariumabc;AccountKey=a2V5;EndpointSuffix=core.windows.net',
  ENTRA_TENANT_ID: SAMPLE_ID,
  ENTRA_CLIENT_ID: SAMPLE_ID,
  ENTRA_APP_ID_URI: `api://diarium-serve.happyfield-1234.swedencentral.azurecontainerapps.io/${SAMPLE_ID}`,
  ENTRA_CLIENT_SECRET: 'client-secret',
  ORGANISATION_NAME: 'Ekby kommun',
  BOT_APP_ID: SAMPLE_ID,
  BOT_APP_PASSWORD: 'bot-password',
  TEAMS_APP_ID: SAMPLE_ID,
};

/** The environment of the app whose role is `role` in main.bicep, with samples where Azure fills in. */
function bicepAppEnv(role: 'serve' | 'worker'): Record<string, string> {
  const constants = bicepConstants(mainBicep);
  const env: Record<string, string> = {};
  for (const entry of bicepEnvEntries(mainBicep)) {
    if (entry.name === 'ROLE') continue;
    const value = entry.kind === 'value' ? evaluate(entry.expression, constants) : null;
    const resolved = value ?? SAMPLES[entry.name];
    if (resolved === undefined) throw new Error(`main.bicep sets ${entry.name} from ${entry.expression}: add a sample value for it to infra.test.ts`);
    env[entry.name] = resolved;
  }
  return { ...imageEnv(), ...env, ROLE: role };
}

function readmeDeployment(): string {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Deployment');
  expect(start, 'README.md has a "## Deployment" section').toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

// ---------------------------------------------------------------------------------------------

describe('the API configuration the deployment files are checked against', () => {
  it('is read from api/src/config.ts', () => {
    // A sanity check on the extraction above: an empty or partial set would let anything pass.
    for (const name of ['DATABASE_URL', 'FILE_STORE', 'AUTH_MODE', 'ROLE', 'BOT_APP_PASSWORD', 'ENTRA_CLIENT_CERTIFICATE_PATH']) expect(KNOWN).toContain(name);
    expect(KNOWN.size).toBeGreaterThan(30);
  });
});

describe('infra/Dockerfile', () => {
  it('runs the final stage as a user other than root', () => {
    const user = finalStage.filter((i) => i.keyword === 'USER').at(-1)?.args.split(':')[0];
    expect(user, 'the final stage sets USER').toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('starts the API, as one process that receives SIGTERM', () => {
    expect(finalStage.some((i) => i.keyword === 'ENTRYPOINT'), 'no ENTRYPOINT wraps the command').toBe(false);
    const cmd = finalStage.filter((i) => i.keyword === 'CMD').at(-1)?.args;
    expect(cmd, 'the final stage has a CMD').toBeDefined();
    const argv = JSON.parse(cmd!) as string[]; // exec form: no shell in between
    expect(argv[0]).toBe('node');
    expect(argv.at(-1)).toBe('api/src/main.ts');
    // The main module the API starts with exists where the image puts it.
    expect(read('api/src/main.ts')).toContain('parseConfig(process.env)');
    expect(finalCopies.some((c) => c.dest === 'api/src' && c.sources.includes('api/src'))).toBe(true);
  });

  it('checks /healthz, which both roles answer', () => {
    const healthcheck = finalStage.find((i) => i.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/\/healthz/);
    expect(read('api/src/http/routes/health.ts')).toContain("'/healthz'");
  });

  it('installs from the lock file with every workspace manifest in place', () => {
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    const copied = new Set(dockerfile.filter((i) => i.keyword === 'COPY').flatMap((i) => i.args.split(/\s+/)));
    for (const ws of workspaces) expect(copied, `COPY ${ws}/package.json (npm ci refuses a lock file whose workspaces are missing)`).toContain(`${ws}/package.json`);
    expect(copied).toContain('package-lock.json');
    const runs = dockerfile.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r) && !/--omit=dev/.test(r)), 'a stage installs everything with npm ci').toBe(true);
    expect(runs.some((r) => /\bnpm install\b/.test(r)), 'npm install could move the lock file').toBe(false);
    expect(runs.some((r) => r.includes('scripts/front-ends.ts')), 'the front ends are built with scripts/front-ends.ts').toBe(true);
  });

  it('ships the sources of every workspace the API imports, its migrations and the built front ends where config.ts looks', () => {
    const manifests = Object.fromEntries(
      (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces.map((ws) => [(JSON.parse(read(`${ws}/package.json`)) as { name: string }).name, ws]),
    );
    const needed = new Set<string>(['api']);
    const queue = ['api'];
    while (queue.length > 0) {
      const deps = (JSON.parse(read(`${queue.shift()!}/package.json`)) as { dependencies?: Record<string, string> }).dependencies ?? {};
      for (const name of Object.keys(deps)) {
        const ws = manifests[name];
        if (ws && !needed.has(ws)) {
          needed.add(ws);
          queue.push(ws);
        }
      }
    }
    for (const ws of needed) expect(copiedTo(`${ws}/src`), `the runtime stage copies ${ws}/src`).toBe(true);
    expect(copiedTo('api/drizzle'), 'the migrations run at start-up').toBe(true);
    const frontEnds = parseConfig({}).frontEnds;
    for (const dir of [frontEnds.addinDir, frontEnds.tabsDir]) {
      const path = relative(repoDir, dir);
      expect(finalCopies.some((c) => c.dest === path && c.from === 'build'), `the runtime stage copies the built ${path}`).toBe(true);
    }
  });

  it('keeps tsx and everything it needs at run time, since dev dependencies are pruned', () => {
    const cmd = JSON.parse(finalStage.filter((i) => i.keyword === 'CMD').at(-1)!.args) as string[];
    expect(cmd.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; os?: string[] }>;
    };
    const needed = new Set<string>();
    const queue = ['tsx'];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (needed.has(name)) continue;
      const entry = lock.packages[`node_modules/${name}`];
      if (!entry) continue; // an optional package for another platform that the lock file does not hold
      if (entry.os && !entry.os.includes('linux')) continue;
      needed.add(name);
      queue.push(...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}));
    }
    expect(needed).toContain('esbuild');
    for (const name of needed) {
      const scope = name.startsWith('@') ? name.split('/')[0] : null;
      expect(copiedTo(`node_modules/${name}`) || (scope !== null && copiedTo(`node_modules/${scope}`)), `the runtime stage copies node_modules/${name}`).toBe(true);
    }
  });

  it('is built from a context without local node_modules, dist folders or secrets', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const pattern of ['**/node_modules', '**/dist', '**/.env', '**/*.pem']) expect(ignored).toContain(pattern);
  });
});

describe('infra/compose.yaml', () => {
  it('builds serve and worker from infra/Dockerfile with the repository root as context', () => {
    for (const service of ['serve', 'worker']) {
      const build = compose.services[service]?.build;
      expect(build?.dockerfile).toBe('infra/Dockerfile');
      expect(resolve(infraDir, build?.context ?? '.')).toBe(repoDir);
    }
  });

  it('gives serve ROLE=serve and worker ROLE=worker', () => {
    expect(composeEnv('serve').ROLE).toBe('serve');
    expect(composeEnv('worker').ROLE).toBe('worker');
  });

  it('names only variables the API reads', () => {
    for (const service of ['serve', 'worker']) {
      for (const name of Object.keys(composeEnv(service))) expect(KNOWN, `${service}: ${name} is not in api/src/config.ts`).toContain(name);
    }
  });

  it('is accepted by parseConfig in both roles, on PostgreSQL and Blob Storage, listening beyond the container', () => {
    for (const role of ['serve', 'worker'] as const) {
      const config = parseConfig(insideCompose(role));
      expect(config.role).toBe(role);
      expect(config.database.engine).toBe('postgres');
      expect(config.files.kind).toBe('azure');
      // 127.0.0.1 inside a container answers nobody: not the port mapping, not the healthcheck of another service.
      expect(config.host).toBe('0.0.0.0');
    }
  });

  it('points the apps at services that exist in the file', () => {
    const services = Object.keys(compose.services);
    for (const role of ['serve', 'worker']) {
      const env = insideCompose(role);
      expect(services).toContain(new URL(env.DATABASE_URL!).hostname);
      const blobEndpoint = /BlobEndpoint=([^;]+)/.exec(env.AZURE_STORAGE_CONNECTION_STRING ?? '')?.[1];
      expect(blobEndpoint, `${role}: the connection string names the Azurite blob endpoint`).toBeDefined();
      expect(services).toContain(new URL(blobEndpoint!).hostname);
    }
    expect(compose.services.postgres?.image).toMatch(/^postgres:16\b/);
  });

  it('lets the worker use the emulated Graph in serve, with the dev issuer key they share', () => {
    const serve = insideCompose('serve');
    const worker = insideCompose('worker');
    const graph = new URL(parseConfig(worker).graph.baseUrl!);
    expect(graph.hostname).toBe('serve');
    expect(graph.port).toBe(serve.PORT);
    // The emulator accepts tokens of its own issuer: same PUBLIC_URL (the issuer) and the same key file (DATA_DIR).
    expect(worker.PUBLIC_URL).toBe(serve.PUBLIC_URL);
    const mount = (service: string, dir: string) => compose.services[service]?.volumes?.find((v) => v.split(':')[1] === dir)?.split(':')[0];
    expect(mount('serve', serve.DATA_DIR!)).toBeDefined();
    expect(mount('worker', worker.DATA_DIR!)).toBe(mount('serve', serve.DATA_DIR!));
    expect(compose.services.serve?.ports?.some((p) => p.endsWith(`:${serve.PORT}`))).toBe(true);
  });
});

describe('infra/main.bicep', () => {
  it('gives the containers only variables the API reads', () => {
    const entries = bicepEnvEntries(mainBicep);
    expect(entries.length).toBeGreaterThan(10);
    for (const { name } of entries) expect(KNOWN, `main.bicep sets ${name}, which api/src/config.ts does not read`).toContain(name);
  });

  it('sets what the issue asks of a production deployment', () => {
    const names = new Set(bicepEnvEntries(mainBicep).map((e) => e.name));
    for (const name of ['DATABASE_URL', 'FILE_STORE', 'AZURE_STORAGE_CONNECTION_STRING', 'AZURE_STORAGE_CONTAINER', 'NODE_ENV', 'AUTH_MODE', 'ENTRA_TENANT_ID', 'ENTRA_CLIENT_ID', 'BOT_APP_ID', 'BOT_APP_PASSWORD', 'PUBLIC_URL', 'TEAMS_APP_ID', 'MAIL_SOURCE', 'ROLE']) {
      expect(names, name).toContain(name);
    }
    expect(names.has('ENTRA_CLIENT_CERTIFICATE_PATH') || names.has('ENTRA_CLIENT_SECRET')).toBe(true);
  });

  it('is accepted by parseConfig as serve and as worker, in production with Entra ID', () => {
    for (const role of ['serve', 'worker'] as const) {
      const config = parseConfig(bicepAppEnv(role));
      expect(config.role).toBe(role);
      expect(config.production).toBe(true);
      expect(config.auth.mode).toBe('entra');
      expect(config.database.engine).toBe('postgres');
      expect(config.files.kind).toBe('azure');
      expect(config.mailSource.kind).toBe('graph');
      expect(config.bot).not.toBeNull();
    }
    const roles = bicepEnvEntries(mainBicep).filter((e) => e.name === 'ROLE').map((e) => e.expression);
    expect(roles.sort()).toEqual(["'serve'", "'worker'"]);
  });

  it('declares every secret the containers refer to, each read from the Key Vault secret of the same name', () => {
    const declared = [...mainBicep.matchAll(/\{\s*name:\s*'([a-z0-9-]+)'\s*,\s*keyVaultUrl:\s*'([^']*)'/g)];
    const names = new Set(declared.map((m) => m[1]!));
    for (const m of declared) expect(m[2]!.endsWith(`/${m[1]}`), `${m[1]} reads ${m[2]}`).toBe(true);
    for (const entry of bicepEnvEntries(mainBicep).filter((e) => e.kind === 'secretRef')) {
      const ref = /^'([a-z0-9-]+)'$/.exec(entry.expression)?.[1];
      expect(ref && names.has(ref), `${entry.name} refers to secret ${entry.expression}`).toBe(true);
    }
    const certificate = /var certificateSecretName = .*\? '([a-z0-9-]+)'/.exec(mainBicep)?.[1];
    expect(certificate && names.has(certificate), 'the mounted certificate is a declared secret').toBe(true);
  });

  it('finds every Key Vault secret it reads: written by the deployment or set by the operator as README.md says', () => {
    const written = new Set([...bicep('modules/data.bicep').matchAll(/'Microsoft\.KeyVault\/vaults\/secrets@[^']+' = \{\s*parent: keyVault\s*name: '([a-z0-9-]+)'/g)].map((m) => m[1]!));
    expect(written).toEqual(new Set(['database-url', 'storage-connection-string']));
    const readme = readmeDeployment();
    const constants = bicepConstants(mainBicep);
    const referenced = [...mainBicep.matchAll(/keyVaultUrl:\s*'[^']*\/([a-z0-9-]+)'/g)].map((m) => m[1]!);
    referenced.push(constants.get('postgresPasswordSecretName')!);
    for (const name of referenced) expect(written.has(name) || readme.includes(`\`${name}\``), `Key Vault secret ${name}`).toBe(true);
  });

  it('runs serve with public ingress and at least 2 replicas, and worker without ingress on 1–2', () => {
    const block = (name: string) => {
      const start = mainBicep.indexOf(`module ${name} `);
      return mainBicep.slice(start, mainBicep.indexOf('\n}\n', start));
    };
    expect(block('serve')).toMatch(/externalIngress: true/);
    expect(block('serve')).toMatch(/minReplicas: 2\b/);
    expect(block('serve')).toMatch(/http: \{ metadata: \{ concurrentRequests/);
    expect(block('worker')).toMatch(/externalIngress: false/);
    expect(block('worker')).toMatch(/minReplicas: 1\b/);
    expect(mainBicep).toMatch(/@maxValue\(2\)\nparam workerMaxReplicas int/);
  });

  it('points the Azure Bot at serve\'s /api/messages, single tenant, with the Teams channel', () => {
    expect(mainBicep).toMatch(/endpoint: '\$\{publicUrl\}\/api\/messages'/);
    expect(mainBicep).toMatch(/msaAppType: 'SingleTenant'/);
    expect(mainBicep).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(read('api/src/http/routes/bot.ts')).toContain("router.post('/api/messages'");
  });

  it('runs PostgreSQL 16 with pg_trgm allowed and no public access', () => {
    const data = bicep('modules/data.bicep');
    expect(data).toMatch(/version: '16'/);
    expect(data).toMatch(/name: 'azure\.extensions'\s*properties: \{\s*value: '[^']*PG_TRGM/);
    expect(data).toMatch(/publicNetworkAccess: 'Disabled'/);
  });

  it('documents every parameter with @description', () => {
    for (const file of bicepFiles) {
      const lines = bicep(file).split('\n');
      lines.forEach((line, index) => {
        if (!line.startsWith('param ')) return;
        const decorators: string[] = [];
        for (let i = index - 1; i >= 0 && lines[i]!.trim() !== '' && !/^(param|var|resource|module|output|targetScope|\/\/|\})/.test(lines[i]!); i--) decorators.push(lines[i]!);
        expect(decorators.some((d) => d.startsWith('@description(')), `${file}: ${line}`).toBe(true);
      });
    }
  });

  it('has each of its parameters explained in README.md, "Deployment"', () => {
    const readme = readmeDeployment();
    for (const m of mainBicep.matchAll(/^param (\w+)/gm)) expect(readme, `README.md, Deployment: \`${m[1]}\``).toContain(`\`${m[1]}\``);
  });
});
