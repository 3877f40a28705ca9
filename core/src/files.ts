/** The longest file name we keep, in characters; file systems and archives agree on 255. */
export const MAX_FILE_NAME = 255;

/**
 * Whether a file name can be kept as it is: no path, no control characters, not empty
 * and not too long. A name that fails is refused, never silently rewritten.
 */
export function isAcceptableFileName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_FILE_NAME) return false;
  if (name === '.' || name === '..' || name.trim() !== name) return false;
  // eslint-disable-next-line no-control-regex
  return !/[/\\\u0000-\u001f\u007f]/.test(name);
}

/** A media type as sent, or `application/octet-stream` when it is not one. */
export function cleanMediaType(value: string | undefined): string {
  const type = (value ?? '').trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(type)
    ? type
    : 'application/octet-stream';
}
