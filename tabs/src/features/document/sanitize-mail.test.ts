import { describe, expect, it } from 'vitest';
import { letDomPurifyRunInHappyDom } from '../../test/happy-dom-gaps.ts';
import { MAIL_FRAME_CSP, sanitizeMailHtml } from './sanitize-mail.ts';

letDomPurifyRunInHappyDom();

const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function shown(html: string) {
  const result = sanitizeMailHtml(html);
  return { ...result, doc: new DOMParser().parseFromString(result.document, 'text/html') };
}

describe('a registered mail’s HTML made safe to show', () => {
  it('keeps the text, formatting, tables, inline styles and embedded images', () => {
    const { doc, remoteRemoved } = shown(
      '<html><head><style>p { color: navy }</style></head><body>' +
        '<p style="font-weight:bold">Hej <b>Karin</b>,</p><table><tr><td><i>Sjövik 2:14</i></td></tr></table>' +
        `<img src="${PIXEL}" alt="Logga"></body></html>`,
    );
    expect(doc.body.textContent).toContain('Hej Karin,');
    expect(doc.querySelector('b')?.textContent).toBe('Karin');
    expect(doc.querySelector('td i')?.textContent).toBe('Sjövik 2:14');
    expect(doc.querySelector('p')?.getAttribute('style')).toBe('font-weight:bold');
    expect([...doc.querySelectorAll('style')].some((s) => s.textContent?.includes('color: navy'))).toBe(true);
    expect(doc.querySelector('img')?.getAttribute('src')).toBe(PIXEL);
    expect(remoteRemoved).toBe(false);
  });

  it('puts its own Content-Security-Policy first, so a missed remote resource still cannot load', () => {
    const { document, doc } = shown('<p>x</p>');
    const first = doc.head.firstElementChild;
    expect(first?.getAttribute('http-equiv')).toBe('Content-Security-Policy');
    expect(first?.getAttribute('content')).toBe(MAIL_FRAME_CSP);
    expect(MAIL_FRAME_CSP).toContain("default-src 'none'");
    expect(document.startsWith('<!doctype html><html><head><meta http-equiv="Content-Security-Policy"')).toBe(true);
  });

  it('removes scripts, event handlers and javascript: links', () => {
    const { document, doc } = shown(
      '<p onclick="steal()">Hej</p><script>steal()</script><img src="x" onerror="steal()">' +
        '<a href="javascript:steal()">klicka</a><a href=" JaVaScRiPt:steal()">igen</a>',
    );
    expect(document).not.toMatch(/<script|onclick|onerror|javascript:|steal/i);
    expect(doc.querySelector('p')?.textContent).toBe('Hej');
    expect([...doc.querySelectorAll('a')].every((a) => !a.hasAttribute('href'))).toBe(true);
  });

  it('removes SVG with a script in it', () => {
    const { document } = shown('<svg><script>steal()</script><a xlink:href="javascript:steal()"><text>x</text></a></svg><svg onload="steal()"/>');
    expect(document).not.toMatch(/<svg|<script|onload|steal/i);
  });

  it('removes forms, frames, objects, <base> and <meta http-equiv="refresh">', () => {
    const { document } = shown(
      '<html><head><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">' +
        '<link rel="stylesheet" href="https://evil.example/a.css"></head><body>' +
        '<form action="https://evil.example/login"><input name="password"><button>Logga in</button></form>' +
        '<iframe src="https://evil.example/"></iframe><object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">' +
        '</body></html>',
    );
    expect(document).not.toMatch(/<base|refresh|<link|<form|<input|<button|<iframe|<object|<embed|evil\.example/i);
  });

  it('removes remote images and says so', () => {
    const { doc, document, remoteRemoved } = shown(
      '<p>Hej</p><img src="https://tracker.example/pixel.gif" alt="spårning">' +
        '<img srcset="https://tracker.example/a.png 1x, https://tracker.example/b.png 2x" alt="">' +
        '<table background="https://tracker.example/bg.png"><tr><td>x</td></tr></table>',
    );
    expect(document).not.toContain('tracker.example');
    expect(doc.querySelector('img[alt="spårning"]')?.hasAttribute('src')).toBe(false);
    expect(remoteRemoved).toBe(true);
  });

  it('removes CSS url() to elsewhere in style attributes and <style>, keeping data: images', () => {
    const { doc, document, remoteRemoved } = shown(
      '<html><head><style>@import url(https://tracker.example/a.css); body { background: url("https://tracker.example/bg.png") } ' +
        `.logo { background-image: url(${PIXEL}) }</style></head><body>` +
        '<div style="background:url(https://tracker.example/div.png) no-repeat;color:red">x</div>' +
        '<div style="background-image:\\75 rl(https://tracker.example/escaped.png)">y</div>' +
        '<div style="background-image:image-set(\'https://tracker.example/set.png\' 1x)">z</div></body></html>',
    );
    expect(document).not.toContain('tracker.example');
    expect(doc.querySelector('div')?.getAttribute('style')).toContain('color:red');
    expect(document).toContain(PIXEL);
    expect(remoteRemoved).toBe(true);
  });

  it('keeps links to the web, opening in a new window without telling the page who opened it', () => {
    const { doc, remoteRemoved } = shown('<a href="https://ekby.se/bygglov">ansökan</a> <a href="mailto:bygglov@ekby.se">mejla</a>');
    const [web, mail] = [...doc.querySelectorAll('a')];
    expect(web?.getAttribute('href')).toBe('https://ekby.se/bygglov');
    expect(web?.getAttribute('target')).toBe('_blank');
    expect(web?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(mail?.getAttribute('href')).toBe('mailto:bygglov@ekby.se');
    // A link is not loaded by showing the mail.
    expect(remoteRemoved).toBe(false);
  });

  it('drops an inline image the API could not embed without calling it remote', () => {
    const { doc, remoteRemoved } = shown('<img src="cid:image001.png@01DB" alt="Bild">');
    expect(doc.querySelector('img')?.hasAttribute('src')).toBe(false);
    expect(remoteRemoved).toBe(false);
  });
});
