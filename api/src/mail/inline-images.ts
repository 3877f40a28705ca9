import type { MailPart } from './mime.ts';

/** The most image bytes a mail view carries inline; what is beyond keeps its cid: link. */
export const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;

// Pictures a browser shows as they are. SVG is left out: it is a document that can hold script.
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);

const cid = (value: string) => value.replace(/^<|>$/g, '').trim().toLowerCase();

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Puts a mail's inline images into its HTML as data: URLs, in the order the HTML refers to
 * them, until `maxBytes` of images are in. Other cid: links stay as they are: a viewer that
 * loads nothing from outside shows them as missing.
 */
export function inlineImages(html: string, parts: MailPart[], maxBytes = MAX_INLINE_IMAGE_BYTES): string {
  const images = new Map(
    parts.filter((p) => p.contentId !== null && IMAGE_TYPES.has(p.mediaType.toLowerCase())).map((p) => [cid(p.contentId!), p]),
  );
  let budget = maxBytes;
  return html.replace(/\bcid:([^"'\s)>]+)/gi, (link, ref: string) => {
    const image = images.get(cid(ref)) ?? images.get(cid(decoded(ref)));
    if (!image || image.content.length > budget) return link;
    budget -= image.content.length;
    return `data:${image.mediaType.toLowerCase()};base64,${image.content.toString('base64')}`;
  });
}
