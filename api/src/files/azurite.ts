import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Azurite's documented development account: public, and accepted by nothing but the emulator. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RunningAzurite {
  connectionString: string;
  /** The emulator's process id. */
  pid: number;
  /** Stops the emulator and waits until its process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

async function answers(port: number): Promise<boolean> {
  const socket = connect(port, HOST);
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/**
 * Starts Azurite's blob service in memory on a free port, for tests. Runs its entry point
 * with this Node directly (npx would leave a chain of processes to stop).
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('azurite/package.json'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(packageDir, 'dist/src/blob/main.js'),
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--extentMemoryLimit', '256',
      '--blobHost', HOST,
      '--blobPort', String(port),
      '--silent',
      // Azurite 3.35 knows service versions up to 2025-11-05; @azure/storage-blob 12.32 sends 2026-04-06.
      '--skipApiVersionCheck',
    ],
    // Its working folder is where it would drop any debug log or metadata file.
    { cwd: tmpdir(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  let ended = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      ended = true;
      resolve();
    });
  });
  child.once('error', (error) => {
    // Spawning failed: there is no process to wait for.
    stderr += error.message;
    ended = true;
  });
  // If the test process ends without calling stop(), the emulator must not outlive it.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const isRunning = (): boolean => !ended;
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (!isRunning()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(port))) {
    if (!isRunning() || Date.now() > deadline) {
      await stop();
      throw new Error(`Azurite did not start on port ${port}: ${stderr.trim() || 'no output'}`);
    }
    await sleep(50);
  }

  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
      `BlobEndpoint=http://${HOST}:${port}/${DEV_ACCOUNT};`,
    pid: child.pid!,
    stop,
  };
}
