import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, cleanMediaType, isAcceptableFileName, isAppError, type FieldError } from '@diarium/core';
import type { BlobStore } from '../files/blob-store.ts';
import { formatBytes } from '../files/format-bytes.ts';
import type { UploadedFile } from '../services/register-document.ts';

export const MAX_FILES = 50;

/**
 * Reads a multipart registration: a `metadata` field with the document's details (JSON)
 * and any number of files, each streamed straight into the blob store. On any failure
 * the files already stored are removed again and the first error is thrown.
 */
export async function readDocumentUpload(
  req: Request,
  blobs: BlobStore,
  maxBytes: number,
): Promise<{ metadata: unknown; files: UploadedFile[] }> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      // Keep the name as sent, so that a name with a path is refused rather than cut.
      preservePath: true,
      limits: { files: MAX_FILES, fields: 10, fieldSize: 256 * 1024 },
    });
  } catch {
    throw new AppError('unsupported_media_type', 'Malformed multipart request');
  }

  const stored: Promise<UploadedFile | null>[] = [];
  const open = new Set<Readable>();
  const fieldErrors: FieldError[] = [];
  let metadataText: string | undefined;
  let index = 0;
  let fail: (error: AppError) => void = () => undefined;

  const done = new Promise<void>((resolve, reject) => {
    fail = (error) => {
      // Stop reading: the rest of the body is drained unread, and files under way are abandoned.
      req.unpipe(parser);
      req.resume();
      for (const stream of open) stream.destroy(error);
      reject(error);
    };
    parser.on('close', resolve);
    parser.on('error', () =>
      fail(new AppError('validation_failed', 'Malformed multipart body', { fields: [{ field: 'files', message: 'field.multipart' }] })),
    );
    req.on('aborted', () => fail(new AppError('validation_failed', 'The upload was aborted')));
  });

  parser.on('field', (name, value) => {
    if (name === 'metadata') metadataText = value;
    else fieldErrors.push({ field: name, message: 'field.unknown' });
  });
  parser.on('filesLimit', () =>
    fail(
      new AppError('validation_failed', 'Too many files', {
        fields: [{ field: 'files', message: 'field.files.tooMany' }],
        params: { max: MAX_FILES },
      }),
    ),
  );
  parser.on('file', (_field, stream, info) => {
    const position = index++;
    const name = info.filename ?? '';
    if (!isAcceptableFileName(name)) {
      fieldErrors.push({ field: `files.${position}.name`, message: 'field.fileName' });
      stream.resume();
      return;
    }
    const mediaType = cleanMediaType(info.mimeType);
    open.add(stream);
    stored.push(
      blobs.put(stream, { maxBytes, mediaType }).then(
        (blob) => {
          open.delete(stream);
          return { name, mediaType, blob };
        },
        (error: unknown) => {
          open.delete(stream);
          if (isAppError(error) && error.code === 'payload_too_large') {
            fail(new AppError('payload_too_large', error.message, { params: { limit: formatBytes(maxBytes) } }));
          } else {
            fail(isAppError(error) ? error : new AppError('unavailable', 'The file store failed', { cause: error }));
          }
          return null;
        },
      ),
    );
  });

  req.pipe(parser);
  try {
    await done;
  } catch (error) {
    await removeStored(blobs, stored);
    throw error;
  }

  const files = (await Promise.all(stored)).filter((f): f is UploadedFile => f !== null);
  let failure: AppError | undefined;
  let metadata: unknown;
  if (fieldErrors.length > 0) {
    failure = new AppError('validation_failed', 'Bad upload fields', { fields: fieldErrors });
  } else if (metadataText === undefined) {
    failure = new AppError('validation_failed', 'No metadata', { fields: [{ field: 'metadata', message: 'field.metadata.missing' }] });
  } else {
    try {
      metadata = JSON.parse(metadataText);
    } catch {
      failure = new AppError('validation_failed', 'metadata is not JSON', { fields: [{ field: 'metadata', message: 'field.json' }] });
    }
  }
  if (failure) {
    await removeAll(blobs, files);
    throw failure;
  }
  return { metadata, files };
}

async function removeStored(blobs: BlobStore, stored: Promise<UploadedFile | null>[]): Promise<void> {
  const settled = await Promise.allSettled(stored);
  await removeAll(
    blobs,
    settled.flatMap((s) => (s.status === 'fulfilled' && s.value ? [s.value] : [])),
  );
}

async function removeAll(blobs: BlobStore, files: UploadedFile[]): Promise<void> {
  await Promise.all(files.map((f) => blobs.delete(f.blob.key).catch(() => undefined)));
}
