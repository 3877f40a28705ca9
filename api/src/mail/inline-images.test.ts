import { describe, expect, it } from 'vitest';
import { inlineImages } from './inline-images.ts';
import type { MailPart } from './mime.ts';

const part = (contentId: string | null, mediaType: string, bytes: number): MailPart => ({
  name: `${contentId ?? 'bilaga'}.bin`,
  names: [],
  named: true,
  mediaType,
  size: bytes,
  contentId,
  inline: contentId !== null,
  message: false,
  content: Buffer.alloc(bytes, 7),
});

describe('inline images in a mail view', () => {
  it('puts the pictures the HTML refers to by cid: in as data: URLs, whatever the case of the content id', () => {
    const html = '<img src="cid:Karta@exempel.se"><p style="background:url(cid:karta@exempel.se)">x</p>';
    const out = inlineImages(html, [part('karta@exempel.se', 'image/png', 3)]);
    expect(out).toBe(
      `<img src="data:image/png;base64,${Buffer.alloc(3, 7).toString('base64')}"><p style="background:url(data:image/png;base64,${Buffer.alloc(3, 7).toString('base64')})">x</p>`,
    );
  });

  it('leaves a cid: link as it is for what is not a picture, an SVG, an unknown part, or what goes over the limit', () => {
    const parts = [part('a@x', 'image/jpeg', 60), part('b@x', 'image/gif', 60), part('doc@x', 'application/pdf', 5), part('svg@x', 'image/svg+xml', 5)];
    const out = inlineImages('<img src="cid:a@x"><img src="cid:b@x"><img src="cid:doc@x"><img src="cid:svg@x"><img src="cid:saknas@x">', parts, 100);
    expect(out).toContain('src="data:image/jpeg;base64,');
    expect(out).toContain('src="cid:b@x"');
    expect(out).toContain('src="cid:doc@x"');
    expect(out).toContain('src="cid:svg@x"');
    expect(out).toContain('src="cid:saknas@x"');
  });
});
