/**
 * A mail's HTML body made safe to look at, for a sandboxed frame (`sandbox=""`, no scripts):
 * active content removed, and remote images and other remote resources blocked, both by
 * stripping them and by the document's own Content-Security-Policy.
 */
const REMOVE = 'script,iframe,frame,frameset,object,embed,applet,link,meta,base,form,input,button,textarea,select,noscript,template';
const URL_ATTRIBUTES = new Set(['src', 'srcset', 'background', 'poster', 'action', 'formaction', 'xlink:href', 'data', 'lowsrc', 'dynsrc']);
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const REMOTE_CSS = /url\s*\([^)]*\)|@import[^;]*;?/gi;
const HAS_REMOTE_CSS = /url\s*\(|@import/i;

function cleanElement(element: Element) {
  for (const attribute of [...element.attributes]) {
    const name = attribute.name.toLowerCase();
    const value = attribute.value.trim().toLowerCase();
    if (name.startsWith('on')) element.removeAttribute(attribute.name);
    else if (name === 'href' && !/^(https?:|mailto:|#)/.test(value)) element.removeAttribute(attribute.name);
    else if (URL_ATTRIBUTES.has(name) && !value.startsWith('data:image/')) element.removeAttribute(attribute.name);
    else if (name === 'style' && HAS_REMOTE_CSS.test(attribute.value)) element.setAttribute('style', attribute.value.replace(REMOTE_CSS, ''));
  }
}

export function sanitizedMailDocument(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const element of doc.querySelectorAll(REMOVE)) element.remove();
  for (const style of doc.querySelectorAll('style')) style.textContent = (style.textContent ?? '').replace(REMOTE_CSS, '');
  for (const element of doc.querySelectorAll('*')) cleanElement(element);
  const styles = [...doc.head.querySelectorAll('style')].map((s) => s.outerHTML).join('');
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">` +
    `<style>body{font:14px/1.5 "Segoe UI",system-ui,sans-serif;margin:0;padding:8px;color:#242424;background:#fff;word-wrap:break-word}</style>` +
    `${styles}</head><body>${doc.body.innerHTML}</body></html>`
  );
}
