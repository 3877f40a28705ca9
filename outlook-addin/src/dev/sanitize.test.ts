import { describe, expect, it } from 'vitest';
import { sanitizedMailDocument } from './sanitize.ts';

const bodyOf = (html: string) => new DOMParser().parseFromString(sanitizedMailDocument(html), 'text/html');

describe('a mail body made safe to show', () => {
  it('keeps the text and formatting', () => {
    const doc = bodyOf('<p>Hej <b>Karin</b>,</p><p>se <a href="https://ekby.se/bygglov">ansökan</a>.</p>');
    expect(doc.body.textContent).toBe('Hej Karin,se ansökan.');
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://ekby.se/bygglov');
  });

  it('removes scripts, event handlers, frames, forms and javascript: links', () => {
    const doc = bodyOf(
      '<p onclick="steal()">x</p><script>steal()</script><object type="text/html"></object>' +
        '<form action="https://evil.example"><input name="pw"></form><a href="javascript:steal()">länk</a>',
    );
    expect(doc.querySelector('script, object, form, input')).toBeNull();
    expect(doc.querySelector('p')?.hasAttribute('onclick')).toBe(false);
    expect(doc.querySelector('a')?.hasAttribute('href')).toBe(false);
  });

  it('blocks remote images and remote CSS, but keeps embedded images', () => {
    const doc = bodyOf(
      '<img src="https://tracker.example/pixel.gif" alt="spårning"><img src="data:image/png;base64,iVBORw0KGgo=" alt="logga">' +
        '<div style="background:url(https://tracker.example/bg.png);color:red">x</div><style>@import url(https://x.example/a.css); p{color:blue}</style>',
    );
    const [remote, embedded] = [...doc.querySelectorAll('img')];
    expect(remote?.hasAttribute('src')).toBe(false);
    expect(embedded?.getAttribute('src')).toMatch(/^data:image\/png/);
    expect(doc.querySelector('div')?.getAttribute('style')).not.toContain('tracker');
    expect(doc.documentElement.innerHTML).not.toContain('x.example');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toContain("img-src data:");
  });
});
