import type { Readable } from 'node:stream';

/** What the register records about a stored file: where it is, how big, and its SHA-256. */
export interface StoredBlob {
  key: string;
  size: number;
  /** Lowercase hex. */
  sha256: string;
}

/** Where registered documents' files live. Every file's SHA-256 is recorded when stored and checked when read. */
export interface BlobStore {
  /**
   * Streams `source` into storage, hashing as it goes. Past maxBytes it rejects with
   * payload_too_large and leaves nothing stored. On any failure `source` is destroyed.
   */
  put(source: Readable, options: { maxBytes: number; mediaType?: string }): Promise<StoredBlob>;
  /**
   * Opens a stored blob for reading; rejects with not_found for a key it does not hold.
   * The stream errors with integrity_failed (AppError) at the end if the bytes do not
   * match `expected`, and on a size mismatch. Nothing is read until the stream is consumed.
   */
  get(key: string, expected: { sha256: string; size: number }): Promise<Readable>;
  /** Removes a blob (used to clean up after a failed transaction, and by disposal). Missing is fine. */
  delete(key: string): Promise<void>;
  /** Throws (AppError 'unavailable') if storage is unreachable (for /readyz). */
  check(): Promise<void>;
}
