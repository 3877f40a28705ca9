import { OslProvisionSchema, type CreateDocument, type Direction } from '@diarium/core';
import type { Translate } from '../../../messages.ts';

/** What the upload form holds while the user fills it in. */
export interface UploadDraft {
  files: File[];
  direction: Direction;
  title: string;
  documentDate: string;
  counterparty: string;
  confidential: boolean;
  provision: string;
  publicTitle: string;
}

export const emptyDraft = (today: string): UploadDraft => ({
  files: [],
  direction: 'incoming',
  title: '',
  documentDate: today,
  counterparty: '',
  confidential: false,
  provision: '',
  publicTitle: '',
});

/** A file's name without its extension: `Yttrande.pdf` → `Yttrande`. */
export const titleFromFileName = (name: string) => name.replace(/\.[^.]+$/, '') || name;

/** What the form refuses before sending, by the API's field names. */
export function draftErrors(draft: UploadDraft, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.files.length === 0) errors.files = t('case.upload.filesRequired');
  if (!draft.title.trim()) errors.title = t('case.actions.required');
  if (draft.confidential) {
    if (!OslProvisionSchema.safeParse(draft.provision.trim()).success) errors.confidentiality = t('case.upload.provisionInvalid');
    if (!draft.publicTitle.trim()) errors.publicTitle = t('case.upload.publicTitleRequired');
  }
  return errors;
}

/** The registration's metadata; the first file is the main document. */
export function metadataOf(draft: UploadDraft): CreateDocument {
  const counterparty = draft.counterparty.trim();
  return {
    direction: draft.direction,
    title: draft.title.trim(),
    ...(draft.documentDate ? { documentDate: draft.documentDate } : {}),
    ...(counterparty ? { counterparty: { name: counterparty } } : {}),
    ...(draft.confidential ? { confidentiality: { provision: draft.provision.trim() }, publicTitle: draft.publicTitle.trim() } : {}),
    source: 'upload',
    mainFile: draft.files[0]?.name,
  };
}

/** Same metadata and files: the same registration, so a retry reuses its idempotency key. */
export function draftSignature(draft: UploadDraft): string {
  return JSON.stringify([metadataOf(draft), draft.files.map((f) => [f.name, f.size, f.lastModified])]);
}
