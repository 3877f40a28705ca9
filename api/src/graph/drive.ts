import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { AppError, type MessageKey } from '@diarium/core';
import { graphFailure } from './graph-errors.ts';

// The Graph files calls the channel tab makes (SharePoint through Graph), each validated at the edge.

/**
 * Runs a Graph files call: a 404 is the item (named by `field`) or channel gone, a 403 a
 * folder the user may not open; the rest as any Graph failure (429/503 after the client's retries).
 */
async function callDrive<T>(what: string, call: () => Promise<T>, notFound: { field?: string; detail?: MessageKey } = {}): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (status === 404) {
      throw new AppError('drive_item_not_found', `Graph ${what}: 404`, {
        ...(notFound.field ? { fields: [{ field: notFound.field, message: 'problem.drive_item_not_found.detail' }] } : {}),
        ...(notFound.detail ? { detail: notFound.detail } : {}),
        cause: error,
      });
    }
    if (status === 403) throw new AppError('forbidden', `Graph ${what}: 403`, { detail: 'files.denied', cause: error });
    throw graphFailure(error, what);
  }
}

const DriveItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative().nullish(),
  eTag: z.string().nullish(),
  cTag: z.string().nullish(),
  webUrl: z.string().nullish(),
  lastModifiedDateTime: z.string().nullish(),
  lastModifiedBy: z.object({ user: z.object({ displayName: z.string().nullish() }).nullish() }).nullish(),
  file: z.object({ mimeType: z.string().nullish() }).nullish(),
  folder: z.object({ childCount: z.number().nullish() }).nullish(),
  parentReference: z.object({ driveId: z.string().nullish() }).nullish(),
});
type GraphDriveItem = z.infer<typeof DriveItemSchema>;

const ChildrenSchema = z.object({ value: z.array(DriveItemSchema), '@odata.nextLink': z.string().nullish() });

/** A SharePoint file or folder as the register needs it. */
export interface DriveItem {
  driveId: string;
  itemId: string;
  name: string;
  size: number;
  mediaType: string | null;
  eTag: string | null;
  lastModifiedAt: string | null;
  lastModifiedBy: string | null;
  webUrl: string | null;
  folder: boolean;
}

const SELECT = 'id,name,size,eTag,cTag,webUrl,lastModifiedDateTime,lastModifiedBy,file,folder,parentReference';

function itemOf(item: GraphDriveItem, driveId: string): DriveItem {
  return {
    driveId: item.parentReference?.driveId ?? driveId,
    itemId: item.id,
    name: item.name,
    size: item.size ?? 0,
    mediaType: item.file?.mimeType ?? null,
    eTag: item.eTag ?? null,
    lastModifiedAt: item.lastModifiedDateTime ?? null,
    lastModifiedBy: item.lastModifiedBy?.user?.displayName ?? null,
    webUrl: item.webUrl ?? null,
    folder: Boolean(item.folder),
  };
}

const itemUrl = (driveId: string, itemId: string) => `/drives/${encodeURIComponent(driveId)}/items/${encodeURIComponent(itemId)}`;

/** A channel's files folder: the SharePoint folder behind the channel's Files tab. */
export async function getChannelFilesFolder(client: Client, teamId: string, channelId: string): Promise<{ driveId: string; itemId: string }> {
  const body = DriveItemSchema.parse(
    await callDrive(
      'get filesFolder',
      () => client.api(`/teams/${encodeURIComponent(teamId)}/channels/${encodeURIComponent(channelId)}/filesFolder`).get(),
      { detail: 'files.channel.notFound' },
    ),
  );
  const driveId = body.parentReference?.driveId;
  if (!driveId) throw new AppError('upstream_failed', 'Graph filesFolder: no parentReference.driveId');
  return { driveId, itemId: body.id };
}

/** A nextLink as a path the client resolves against its own base (the dev emulator is plain http). */
function relativeLink(link: string): string {
  const at = link.indexOf('/v1.0/');
  return at === -1 ? link : link.slice(at + '/v1.0'.length);
}

/** A folder's children, every page of them. */
export async function listChildren(client: Client, driveId: string, itemId: string): Promise<DriveItem[]> {
  const items: DriveItem[] = [];
  let next: string | null = `${itemUrl(driveId, itemId)}/children?$select=${SELECT}&$top=200`;
  for (let page = 0; next && page < 100; page += 1) {
    const url: string = next;
    const body = ChildrenSchema.parse(await callDrive('list children', () => client.api(url).get(), { detail: 'files.channel.notFound' }));
    items.push(...body.value.map((item) => itemOf(item, driveId)));
    next = body['@odata.nextLink'] ? relativeLink(body['@odata.nextLink']) : null;
  }
  return items;
}

/** One drive item; a 404 is reported against `field`. */
export async function getDriveItem(client: Client, driveId: string, itemId: string, field: string): Promise<DriveItem> {
  const body = await callDrive('get driveItem', () => client.api(`${itemUrl(driveId, itemId)}?$select=${SELECT}`).get(), { field });
  return itemOf(DriveItemSchema.parse(body), driveId);
}

/**
 * A file's bytes, as a stream. Graph answers `/content` with a 302 to a short-lived,
 * pre-authenticated download URL; fetch follows it (and, being cross-origin, drops our token).
 */
export async function openDriveContent(client: Client, driveId: string, itemId: string, field: string): Promise<Readable> {
  const body = (await callDrive('get content', () => client.api(`${itemUrl(driveId, itemId)}/content`).getStream(), { field })) as
    | WebReadableStream<Uint8Array>
    | null;
  if (!body) throw new AppError('upstream_failed', 'Graph gave no file content');
  return Readable.fromWeb(body);
}
