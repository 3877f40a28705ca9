import { z } from 'zod';
import {
  ConfidentialityInputSchema,
  ConfidentialitySchema,
  CounterpartySchema,
  DateSchema,
  DateTimeSchema,
  IdSchema,
  UserRefSchema,
  text,
} from './common.ts';

export const DirectionSchema = z.enum(['incoming', 'internal', 'outgoing']);
export type Direction = z.infer<typeof DirectionSchema>;

export const DocumentKindSchema = z.enum(['mail', 'letter', 'decision', 'attachment', 'other']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/** Where a document came from; with sourceRef it makes registration idempotent. */
export const DocumentSourceSchema = z.enum(['upload', 'mail', 'sharepoint', 'api']);
export type DocumentSource = z.infer<typeof DocumentSourceSchema>;

/** POST /cases/{id}/documents: the `metadata` part (or the whole JSON body when no files). */
export const CreateDocumentSchema = z
  .strictObject({
    direction: DirectionSchema,
    kind: DocumentKindSchema.default('other'),
    title: text(500),
    /** Required when confidential; otherwise defaults to the title. */
    publicTitle: text(500).optional(),
    documentDate: DateSchema.optional(),
    receivedAt: DateTimeSchema.optional(),
    sentAt: DateTimeSchema.optional(),
    counterparty: CounterpartySchema.optional(),
    confidentiality: ConfidentialityInputSchema.optional(),
    source: DocumentSourceSchema.default('api'),
    /** A mail's internetMessageId, a SharePoint item id and eTag: registering it again gives the same document. */
    sourceRef: text(1000).optional(),
    /** The name of the uploaded file that is the main document. */
    mainFile: z.string().max(255).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.confidentiality && !value.publicTitle) {
      ctx.addIssue({ code: 'custom', path: ['publicTitle'], message: 'field.publicTitle.required' });
    }
    if (value.sourceRef && value.source === 'upload') {
      ctx.addIssue({ code: 'custom', path: ['sourceRef'], message: 'field.sourceRef.upload' });
    }
  });
export type CreateDocument = z.input<typeof CreateDocumentSchema>;

export const DocumentFileSchema = z.object({
  id: IdSchema,
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  main: z.boolean(),
});
export type DocumentFile = z.infer<typeof DocumentFileSchema>;

export const DocumentFullSchema = z.object({
  access: z.literal('full'),
  id: IdSchema,
  caseId: IdSchema,
  caseNumber: z.string(),
  documentNumber: z.string(),
  number: z.number().int(),
  direction: DirectionSchema,
  kind: DocumentKindSchema,
  title: z.string(),
  publicTitle: z.string(),
  documentDate: DateSchema,
  receivedAt: DateTimeSchema.nullable(),
  sentAt: DateTimeSchema.nullable(),
  counterparty: CounterpartySchema.nullable(),
  confidentiality: ConfidentialitySchema.nullable(),
  source: DocumentSourceSchema,
  sourceRef: z.string().nullable(),
  files: z.array(DocumentFileSchema),
  registeredBy: UserRefSchema,
  registeredAt: DateTimeSchema,
});
export type DocumentFull = z.infer<typeof DocumentFullSchema>;

/** What someone without access to a confidential document sees. */
export const DocumentRestrictedSchema = DocumentFullSchema.pick({
  id: true,
  caseId: true,
  caseNumber: true,
  documentNumber: true,
  number: true,
  direction: true,
  kind: true,
  publicTitle: true,
  documentDate: true,
  registeredAt: true,
}).extend({ access: z.literal('restricted'), confidential: z.literal(true) });
export type DocumentRestricted = z.infer<typeof DocumentRestrictedSchema>;

export const DocumentSchema = z.discriminatedUnion('access', [DocumentFullSchema, DocumentRestrictedSchema]);
export type Document = z.infer<typeof DocumentSchema>;

/** The answer to a registration: the document, and whether it was already registered. */
export const DocumentRegistrationSchema = z.object({
  alreadyRegistered: z.boolean(),
  document: DocumentSchema,
});
export type DocumentRegistration = z.infer<typeof DocumentRegistrationSchema>;

export const DocumentListSchema = z.object({ items: z.array(DocumentSchema) });
