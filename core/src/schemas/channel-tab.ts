import { z } from 'zod';
import { ConfidentialityInputSchema, DateTimeSchema, IdSchema, UserRefSchema, text } from './common.ts';
import { DirectionSchema, DocumentSchema } from './document.ts';

/** PUT /channel-tabs/{teamId}/{channelId}: the case a Teams channel tab shows, by id or case number. */
export const BindChannelTabSchema = z.strictObject({
  caseRef: z.string().trim().min(1).max(100),
});
export type BindChannelTab = z.input<typeof BindChannelTabSchema>;

/** Which case a Teams channel's tab is bound to; one per team and channel in an organisation. */
export const ChannelTabBindingSchema = z.object({
  teamId: z.string(),
  channelId: z.string(),
  caseId: IdSchema,
  caseNumber: z.string(),
  boundBy: UserRefSchema,
  boundAt: DateTimeSchema,
});
export type ChannelTabBinding = z.infer<typeof ChannelTabBindingSchema>;

/** A channel file already filed in the bound case: which document, and whether SharePoint now holds a newer version. */
export const ChannelFileRegistrationSchema = z.object({
  documentId: IdSchema,
  documentNumber: z.string(),
  /** The eTag of the version that was filed. */
  eTag: z.string(),
  newerVersion: z.boolean(),
});

/** One item of a channel's files folder (a SharePoint driveItem). */
export const ChannelFileSchema = z.object({
  driveId: z.string(),
  itemId: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  mediaType: z.string().nullable(),
  eTag: z.string().nullable(),
  lastModifiedAt: DateTimeSchema.nullable(),
  lastModifiedBy: z.string().nullable(),
  webUrl: z.string().nullable(),
  folder: z.boolean(),
  registration: ChannelFileRegistrationSchema.nullable(),
});
export type ChannelFile = z.infer<typeof ChannelFileSchema>;

export const ChannelFileListSchema = z.object({ items: z.array(ChannelFileSchema) });

/** One SharePoint file to file into a case. */
export const DriveItemFilingSchema = z
  .strictObject({
    driveId: z.string().trim().min(1).max(200),
    itemId: z.string().trim().min(1).max(200),
    /** The version the user saw; when given and SharePoint holds another, that one is refused. */
    eTag: z.string().trim().min(1).max(200).optional(),
    direction: DirectionSchema,
    /** Defaults to the file name without its extension. */
    title: text(500).optional(),
    /** Required when confidential; otherwise defaults to the title. */
    publicTitle: text(500).optional(),
    confidentiality: ConfidentialityInputSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.confidentiality && !value.publicTitle) {
      ctx.addIssue({ code: 'custom', path: ['publicTitle'], message: 'field.publicTitle.required' });
    }
  });

/** POST /cases/{idOrNumber}/documents/from-drive: file SharePoint files (a channel's files) into a case. */
export const FileFromDriveSchema = z.strictObject({
  items: z.array(DriveItemFilingSchema).min(1).max(50),
});
export type FileFromDrive = z.input<typeof FileFromDriveSchema>;

export const FileFromDriveResultSchema = z.object({
  items: z.array(z.object({ alreadyRegistered: z.boolean(), document: DocumentSchema })),
});
export type FileFromDriveResult = z.infer<typeof FileFromDriveResultSchema>;

/** A Teams channel in a path: the team's group id and the channel's thread id (`19:…@thread.tacv2`). */
export const ChannelRefSchema = z.strictObject({
  // eslint-disable-next-line no-control-regex
  teamId: z.string().min(1).max(200).regex(/^[^\u0000-\u001f\u007f/]+$/u, { message: 'field.channel.format' }),
  // eslint-disable-next-line no-control-regex
  channelId: z.string().min(1).max(300).regex(/^[^\u0000-\u001f\u007f/]+$/u, { message: 'field.channel.format' }),
});
