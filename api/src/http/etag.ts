import { AppError } from '@diarium/core';

/** A case's ETag is its version: `"7"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version an If-Match names; 428 when there is none, 400 when it is not one of ours. */
export function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new AppError('precondition_required', 'PATCH without If-Match', {
      fields: [{ field: 'If-Match', message: 'problem.precondition_required.detail' }],
    });
  }
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw new AppError('validation_failed', 'Malformed If-Match', {
      fields: [{ field: 'If-Match', message: 'field.ifMatch.format' }],
    });
  }
  return Number(match[1]);
}
