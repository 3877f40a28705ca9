import type { DocumentFile } from '@diarium/core';
import type { Translate } from '../../messages.ts';

export type PreviewKind = 'pdf' | 'image';

// Image types every browser Teams runs in can show; others (TIFF, HEIC) are downloaded.
const PREVIEWABLE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** How a file can be shown in the viewer, or null when it can only be downloaded. */
export function previewKindOf(file: Pick<DocumentFile, 'mediaType'>): PreviewKind | null {
  const mediaType = file.mediaType.toLowerCase().split(';')[0]!.trim();
  if (mediaType === 'application/pdf') return 'pdf';
  if (PREVIEWABLE_IMAGES.has(mediaType)) return 'image';
  return null;
}

export const isMailFile = (file: Pick<DocumentFile, 'mediaType'>) => file.mediaType.toLowerCase().startsWith('message/rfc822');

const extensionOf = (name: string) => (/\.([a-z0-9]{1,8})$/i.exec(name)?.[1] ?? '').toUpperCase();

/** A file's type as a registrar says it: "PDF", "Word-dokument", "Bild (PNG)". */
export function fileTypeLabel(file: Pick<DocumentFile, 'mediaType' | 'name'>, t: Translate): string {
  const mediaType = file.mediaType.toLowerCase();
  const format = extensionOf(file.name) || mediaType.split('/')[1]?.toUpperCase() || mediaType;
  if (mediaType === 'application/pdf') return t('document.type.pdf');
  if (mediaType.startsWith('image/')) return t('document.type.image', { format });
  if (isMailFile(file)) return t('document.type.mail');
  if (mediaType === 'application/msword' || mediaType.includes('wordprocessingml')) return t('document.type.word');
  if (mediaType === 'application/vnd.ms-excel' || mediaType.includes('spreadsheetml')) return t('document.type.excel');
  if (mediaType === 'application/vnd.ms-powerpoint' || mediaType.includes('presentationml')) return t('document.type.powerpoint');
  if (mediaType.startsWith('text/plain')) return t('document.type.text');
  return t('document.type.other', { format });
}
