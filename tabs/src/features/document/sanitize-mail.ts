import DOMPurify from 'dompurify';

/**
 * A registered mail's HTML made safe to look at in a frame sandboxed without scripts and without
 * same-origin: active content removed, and every remote resource dropped so that opening the mail
 * tells the sender nothing. The document's own Content-Security-Policy blocks whatever slips through.
 */
export interface SanitizedMail {
  /** A whole HTML document, for an iframe's `srcdoc`. */
  document: string;
  /** Whether an image or other resource from elsewhere was removed (the reader is told). */
  remoteRemoved: boolean;
}

export const MAIL_FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

// Forms, media and frames are either active or load from elsewhere; a mail needs none of them.
const FORBID_TAGS = [
  'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output',
  'audio', 'video', 'source', 'track', 'picture', 'template', 'dialog',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'link', 'meta', 'base', 'script', 'noscript',
];
const FORBID_ATTR = ['action', 'formaction', 'ping', 'srcdoc', 'xlink:href', 'usemap', 'longdesc', 'lowsrc', 'dynsrc'];
const RESOURCE_ATTRIBUTES = ['src', 'srcset', 'background', 'poster', 'data'];
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster']);
const EMBEDDED_IMAGE = /^\s*data:image\//i;
// An inline image the API could not embed keeps its cid: reference: not remote, just not shown.
const INLINE_REFERENCE = /^\s*cid:/i;

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gis;
const CSS_IMAGE_SET = /(?:-webkit-)?image-set\([^)]*\)/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;
const CSS_ESCAPE = /\\(?:([0-9a-f]{1,6})\s?|([g-z]))/gi;

/** CSS with every reference to something outside the mail removed; data: images stay. */
function withoutRemoteCss(css: string): { css: string; removed: boolean } {
  let removed = false;
  const clean = (text: string) =>
    text
      .replace(CSS_IMPORT, () => {
        removed = true;
        return '';
      })
      .replace(CSS_URL, (whole, _quote: string, target: string) => {
        if (EMBEDDED_IMAGE.test(target)) return whole;
        removed = true;
        return 'none';
      })
      .replace(CSS_IMAGE_SET, (whole) => {
        if (!/["']\s*(?!data:image\/)[^"'\s]/i.test(whole)) return whole;
        removed = true;
        return 'none';
      });
  const cleaned = clean(css);
  if (!/\\/.test(css)) return { css: cleaned, removed };
  // `\75 rl(` and `\u\r\l(` are url( to a browser: look again with the escapes written out.
  const unescaped = css.replace(CSS_ESCAPE, (_whole, hex: string | undefined, letter: string | undefined) =>
    hex ? String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd) : letter!,
  );
  removed = false;
  const cleanedUnescaped = clean(unescaped);
  return removed ? { css: cleanedUnescaped, removed } : { css: cleaned, removed: false };
}

/** Thrown when the sanitiser left active content behind: the DOM it ran on is not one it supports. */
export class MailSanitizerError extends Error {
  constructor(what: string) {
    super(`The mail's HTML could not be made safe (${what} left)`);
    this.name = 'MailSanitizerError';
  }
}

// DOMPurify relies on a standard DOM; in one that is not (it says so of happy-dom), it can return
// the input half cleaned. A last look over the result refuses to show it rather than trust it.
function assertInert(root: Element) {
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const name = element.localName;
    if (FORBID_TAGS.includes(name) || name === 'svg' || name === 'math') throw new MailSanitizerError(`<${name}>`);
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) throw new MailSanitizerError(attribute.name);
      if (URL_ATTRIBUTES.has(attribute.name) && /^\s*(?:javascript|vbscript|data:text)/i.test(attribute.value)) throw new MailSanitizerError(`${attribute.name}=${attribute.value.slice(0, 20)}`);
    }
  }
}

function isRemote(value: string) {
  return value.trim() !== '' && !EMBEDDED_IMAGE.test(value) && !INLINE_REFERENCE.test(value);
}

export function sanitizeMailHtml(html: string): SanitizedMail {
  let remoteRemoved = false;
  const purify = DOMPurify(window);

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'style') return;
    const result = withoutRemoteCss(node.textContent ?? '');
    if (result.removed) {
      remoteRemoved = true;
      node.textContent = result.css;
    }
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    for (const name of RESOURCE_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value === null) continue;
      // srcset lists several addresses; one embedded image among them does not make the rest safe.
      const embedded = name === 'srcset' ? value.split(',').every((part) => EMBEDDED_IMAGE.test(part)) : EMBEDDED_IMAGE.test(value);
      if (embedded) continue;
      if (isRemote(value)) remoteRemoved = true;
      node.removeAttribute(name);
    }
    const style = node.getAttribute('style');
    if (style !== null) {
      const result = withoutRemoteCss(style);
      if (result.removed) {
        remoteRemoved = true;
        node.setAttribute('style', result.css);
      }
    }
    if (node.tagName === 'A' || node.tagName === 'AREA') {
      const href = node.getAttribute('href');
      if (href !== null && !href.trim().startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      } else {
        node.removeAttribute('target');
      }
    }
  });

  const root = purify.sanitize(html, {
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
  }) as HTMLElement;
  assertInert(root);

  const doc = root.ownerDocument;
  const head = root.querySelector('head') ?? root.insertBefore(doc.createElement('head'), root.firstChild);
  const frameStyle = doc.createElement('style');
  // System colours follow the reader's high-contrast setting; a mail is written for a light page.
  frameStyle.textContent =
    ':root{color-scheme:light}body{margin:0;padding:12px;font-family:"Segoe UI",system-ui,sans-serif;font-size:14px;line-height:1.5;' +
    'background:Canvas;color:CanvasText;overflow-wrap:anywhere}img{max-width:100%;height:auto}';
  const csp = doc.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', MAIL_FRAME_CSP);
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  head.prepend(csp, charset, frameStyle);

  return { document: `<!doctype html>${root.outerHTML}`, remoteRemoved };
}
