import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURES_FILE_VARIABLE, type Figure } from './figures.ts';

// `npm run bench`: every benchmark of the project in one go, each in its own process as it runs
// alone (`npm run bench:…`), then one table of every figure beside its goal, also written to
// bench/results.json. Arguments after `--` go to the register benchmark (e.g. `-- --cases 20000`).

const BENCHES = [
  { name: 'register', script: 'register.ts', args: process.argv.slice(2) },
  { name: 'addin', script: 'addin.ts', args: [] },
  { name: 'tabs', script: 'tabs.ts', args: [] },
  { name: 'bot', script: 'bot.ts', args: [] },
  { name: 'ingest', script: 'ingest.ts', args: [] },
];

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const scratch = await mkdtemp(join(tmpdir(), 'diarium-bench-'));
const file = join(scratch, 'figures.jsonl');
await writeFile(file, '');
const started = new Date();
const failed: string[] = [];
for (const bench of BENCHES) {
  console.log(`\n=== bench:${bench.name} ===\n`);
  const code = await run(bench.script, bench.args, { ...process.env, [FIGURES_FILE_VARIABLE]: file });
  if (code !== 0) failed.push(bench.name);
}
const figures = (await readFile(file, 'utf8'))
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Figure);
await rm(scratch, { recursive: true, force: true });

const results = {
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: { node: process.version, cores: availableParallelism(), loadAverage: loadavg() },
  failed,
  figures,
};
const outDir = join(import.meta.dirname, '..', '..', 'bench');
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const widths = [18, 62, 26, 20, 8];
const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' ');
console.log('\nDiarium benchmarks\n');
console.log(row(['area', 'figure', 'measured', 'goal', 'result']));
console.log(row(widths.map((w) => '─'.repeat(w))));
for (const f of figures) console.log(row([f.area, f.name, f.measured, f.goal ?? '–', f.met === null ? '' : f.met ? 'MET' : 'MISSED']));
if (failed.length > 0) console.log(`\nfailed to run: ${failed.join(', ')}`);
console.log(`\nwritten to bench/results.json (${figures.length} figures, ${Math.round((Date.now() - started.getTime()) / 60_000)} min)`);
if (failed.length > 0) process.exitCode = 1;
