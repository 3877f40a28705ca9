import { describe, expect, it } from 'vitest';
import { cleanMediaType, isAcceptableFileName } from './files.ts';

describe('file names', () => {
  it.each(['Ansökan om bygglov.pdf', 'ritning (2).dwg', 'Eelanalüüsi päring.jpg', 'a'.repeat(255)])('keeps %j', (name) => {
    expect(isAcceptableFileName(name)).toBe(true);
  });

  it.each(['../../etc/passwd', 'mapp/fil.pdf', 'C:\\temp\\x.doc', 'rad\nbrytning.txt', 'nul\u0000.txt', '..', '', ' mellanslag.pdf', 'a'.repeat(256)])(
    'refuses %j',
    (name) => {
      expect(isAcceptableFileName(name)).toBe(false);
    },
  );

  it('keeps a real media type and replaces anything else', () => {
    expect(cleanMediaType('application/pdf')).toBe('application/pdf');
    expect(cleanMediaType('Image/PNG')).toBe('image/png');
    expect(cleanMediaType('text/html; charset=utf-8')).toBe('application/octet-stream');
    expect(cleanMediaType(undefined)).toBe('application/octet-stream');
  });
});
