import { describe, expect, it } from 'vitest';
import { isAppError } from '@diarium/core';
import { fileNameFor, matchAttachments } from './attachments.ts';
import type { MailPart } from './mime.ts';

const part = (name: string, size: number, extra: Partial<MailPart> = {}): MailPart => ({
  name,
  names: [name],
  named: true,
  mediaType: 'application/octet-stream',
  size,
  contentId: null,
  inline: false,
  message: false,
  content: Buffer.alloc(0),
  ...extra,
});

describe('matching Outlook\'s attachment choices to the parts of the mail', () => {
  const parts = [
    part('image001.png', 500, { contentId: 'image001.png@01DB3C', inline: true }),
    part('image001.png', 700, { contentId: 'image002.png@01DB3C', inline: true }),
    part('Beslut.pdf', 1200),
    part('Beslut.pdf', 1300),
    part('ATT00001.txt', 42, { named: false }),
  ];

  it('finds by content id, with or without angle brackets, before the name', () => {
    const matched = matchAttachments([{ name: 'image001.png', contentId: '<image002.png@01DB3C>', main: false }], parts);
    expect(matched.map((m) => m.part)).toEqual([parts[1]]);
  });

  it('tells parts of the same name apart by size, then by the order Outlook lists them in', () => {
    expect(matchAttachments([{ name: 'Beslut.pdf', size: 1300, main: true }], parts).map((m) => m.part)).toEqual([parts[3]]);
    expect(
      matchAttachments(
        [
          { name: 'Beslut.pdf', main: false },
          { name: 'Beslut.pdf', main: false },
        ],
        parts,
      ).map((m) => m.part),
    ).toEqual([parts[2], parts[3]]);
  });

  it('finds a part the sender did not name by its size, whatever Exchange called it', () => {
    expect(matchAttachments([{ name: 'ATT00003.txt', size: 42, main: false }], parts).map((m) => m.part)).toEqual([parts[4]]);
  });

  it('compares names in one Unicode form (Outlook on a Mac sends decomposed å ä ö)', () => {
    const swedish = [part('Ansökan.pdf'.normalize('NFC'), 10)];
    expect(matchAttachments([{ name: 'Ansökan.pdf'.normalize('NFD'), main: false }], swedish)).toHaveLength(1);
  });

  it('names every choice that is not in the mail', () => {
    let error: unknown;
    try {
      matchAttachments([{ name: 'Beslut.pdf', main: false }, { name: 'Saknas.docx', main: false }, { name: 'Nej.xlsx', size: 9, main: false }], parts);
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('attachment_not_found');
    expect(isAppError(error) && error.fields.map((f) => f.field)).toEqual(['attachments.1', 'attachments.2']);
  });
});

describe('file names the register keeps', () => {
  it('keeps a subject as it is, with the extension', () => {
    expect(fileNameFor('SV: Fråga om bygglov', '.eml')).toBe('SV: Fråga om bygglov.eml');
    expect(fileNameFor('redan.eml', '.eml')).toBe('redan.eml');
  });

  it('takes out paths and control characters, and names an empty subject', () => {
    expect(fileNameFor('Faktura 2026/11\\12\tbilaga', '.eml')).toBe('Faktura 2026 11 12 bilaga.eml');
    expect(fileNameFor('  ', '.eml')).toBe('e-post.eml');
  });

  it('shortens a long name to 255 characters, keeping the extension and whole characters', () => {
    const name = fileNameFor(`${'Åtgärdsplan '.repeat(30)}😀😀.pdf`);
    expect(name.length).toBeLessThanOrEqual(255);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(name)).toBe(false);
  });
});
