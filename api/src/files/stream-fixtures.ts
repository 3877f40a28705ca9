// Byte streams for the blob store's tests, made as they are read so that no test holds a
// large file whole in memory either.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { AppError } from '@diarium/core';
import type { ErrorCode } from '@diarium/core';

export const MB = 1024 * 1024;

// A prime, so chunk edges never line up with the stores' own buffer sizes.
const CHUNK_SIZE = 65_521;

/** `total` bytes that differ from chunk to chunk, the same every time for the same seed. */
export function* patternChunks(total: number, seed = 'diarium'): Generator<Buffer> {
  for (let offset = 0, index = 0; offset < total; offset += CHUNK_SIZE, index += 1) {
    const pattern = createHash('sha512').update(`${seed}:${index}`).digest();
    yield Buffer.alloc(Math.min(CHUNK_SIZE, total - offset), pattern);
  }
}

export function patternStream(total: number, seed?: string): Readable {
  return Readable.from(patternChunks(total, seed), { objectMode: false });
}

/** `total` bytes made as they are read, with a count of how many bytes have been read so far. */
export function countingStream(total: number): { stream: Readable; bytesRead: () => number } {
  let bytesRead = 0;
  const stream = Readable.from(
    (function* () {
      for (const chunk of patternChunks(total)) {
        bytesRead += chunk.length;
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
  return { stream, bytesRead: () => bytesRead };
}

/** A source that delivers `before` bytes and then fails, as an upload does when the client goes away. */
export function failingStream(before: number, error: Error): Readable {
  return Readable.from(
    (function* () {
      yield* patternChunks(before);
      throw error;
    })(),
    { objectMode: false },
  );
}

export function sha256Hex(chunks: Iterable<Buffer>): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** Reads a stream to its end, hashing it on the way; rejects with the stream's error. */
export async function digestOf(stream: Readable): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, sha256: hash.digest('hex') };
}

/** Reads a (small) stream to its end; rejects with the stream's error. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Asserts that `promise` rejects with an AppError of `code`, and gives it back. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
