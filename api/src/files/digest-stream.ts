import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { AppError } from '@diarium/core';
import { formatBytes } from './format-bytes.ts';

/**
 * Passes bytes through while counting them and updating a SHA-256. Errors with
 * payload_too_large as soon as more than `maxBytes` have passed, so an upload stops
 * where the limit is crossed rather than after it has been stored.
 */
export class HashingLimiter extends Transform {
  readonly #maxBytes: number;
  readonly #hash = createHash('sha256');
  #size = 0;
  #sha256: string | undefined;

  constructor(maxBytes: number) {
    super();
    this.#maxBytes = maxBytes;
  }

  /** Bytes passed so far. */
  get size(): number {
    return this.#size;
  }

  /** The lowercase hex SHA-256 of everything that passed. Only once the source has ended. */
  get sha256(): string {
    if (this.#sha256 === undefined) throw new Error('The SHA-256 is known only once the stream has ended');
    return this.#sha256;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) {
      const limit = formatBytes(this.#maxBytes);
      callback(new AppError('payload_too_large', `The file is larger than ${limit}`, { params: { limit } }));
      return;
    }
    this.#hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.#sha256 = this.#hash.digest('hex');
    callback();
  }
}

/**
 * Wraps a stored blob's bytes so that reading them checks them against what was recorded.
 * Errors with integrity_failed as soon as there are more bytes than recorded, and at the
 * end if there were fewer or the SHA-256 differs. Reads nothing until it is consumed, so
 * an error cannot fire before the caller is listening.
 */
export function verifyingReadable(source: Readable, expected: { sha256: string; size: number }, key: string): Readable {
  async function* verify(): AsyncGenerator<Buffer> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > expected.size) {
        throw new AppError('integrity_failed', `Blob ${key} holds more than its recorded ${expected.size} bytes`);
      }
      hash.update(chunk);
      yield chunk;
    }
    if (size !== expected.size) {
      throw new AppError('integrity_failed', `Blob ${key} holds ${size} bytes, ${expected.size} were recorded`);
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== expected.sha256.toLowerCase()) {
      throw new AppError('integrity_failed', `Blob ${key} has SHA-256 ${sha256}, ${expected.sha256} was recorded`);
    }
  }
  return Readable.from(verify(), { objectMode: false });
}
