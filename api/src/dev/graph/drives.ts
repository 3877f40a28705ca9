import { randomBytes, randomUUID } from 'node:crypto';

// The emulated SharePoint behind the emulated Graph: teams whose channels each have a files
// folder in the team's document library, holding files whose versions can be bumped.

export interface EmulatedUser {
  displayName: string;
  email?: string;
}

export interface EmulatedDriveItem {
  id: string;
  driveId: string;
  parentId: string | null;
  name: string;
  /** null for a folder. */
  content: Buffer | null;
  mediaType: string | null;
  /** Stays the same across versions, as SharePoint's item GUID in the eTag does. */
  guid: string;
  version: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  createdBy: EmulatedUser;
  lastModifiedBy: EmulatedUser;
  webUrl: string;
}

export interface EmulatedChannel {
  id: string;
  displayName: string;
  /** The channel's files folder: `{team library}/{channel name}`. */
  folderId: string;
}

export interface EmulatedTeam {
  id: string;
  displayName: string;
  driveId: string;
  siteUrl: string;
  channels: Map<string, EmulatedChannel>;
}

const itemId = () => `01${randomBytes(20).toString('hex').toUpperCase().slice(0, 32)}`;

export class GraphDrives {
  readonly teams = new Map<string, EmulatedTeam>();
  readonly items = new Map<string, EmulatedDriveItem>();
  /** The most children a page holds, whatever $top asks; lower it to test @odata.nextLink. */
  pageSize = 200;

  addTeam(team: { id?: string; displayName: string }): EmulatedTeam {
    const id = team.id ?? randomUUID();
    const slug = team.displayName.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '');
    const created: EmulatedTeam = {
      id,
      displayName: team.displayName,
      driveId: `b!${randomBytes(48).toString('base64url')}`,
      siteUrl: `https://ekby.sharepoint.com/sites/${slug || 'team'}`,
      channels: new Map(),
    };
    this.teams.set(id, created);
    return created;
  }

  addChannel(teamId: string, channel: { id?: string; displayName: string }): EmulatedChannel {
    const team = this.team(teamId);
    const id = channel.id ?? `19:${randomBytes(16).toString('hex')}@thread.tacv2`;
    const folder = this.put(team, null, channel.displayName, null, null, { displayName: 'SharePoint App' });
    const created = { id, displayName: channel.displayName, folderId: folder.id };
    team.channels.set(id, created);
    return created;
  }

  /** Uploads a file to a channel's files folder. */
  addFile(teamId: string, channelId: string, file: { name: string; content: Buffer; mediaType: string; by?: EmulatedUser }): EmulatedDriveItem {
    const team = this.team(teamId);
    const channel = team.channels.get(channelId);
    if (!channel) throw new Error(`No channel ${channelId}`);
    return this.put(team, channel.folderId, file.name, file.content, file.mediaType, file.by ?? { displayName: 'Karin Lindqvist' });
  }

  /** Saves a new version of a file: new content, a new eTag and cTag. */
  bumpVersion(itemId: string, content: Buffer, by?: EmulatedUser): EmulatedDriveItem {
    const item = this.items.get(itemId);
    if (!item || item.content === null) throw new Error(`No file ${itemId}`);
    item.content = content;
    item.version += 1;
    item.lastModifiedDateTime = new Date(Math.max(Date.now(), Date.parse(item.lastModifiedDateTime) + 1000)).toISOString();
    if (by) item.lastModifiedBy = by;
    return item;
  }

  remove(itemId: string): void {
    this.items.delete(itemId);
  }

  item(driveId: string, id: string): EmulatedDriveItem | undefined {
    const item = this.items.get(id);
    return item?.driveId === driveId ? item : undefined;
  }

  children(driveId: string, id: string): EmulatedDriveItem[] {
    return [...this.items.values()].filter((i) => i.driveId === driveId && i.parentId === id).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  private team(teamId: string): EmulatedTeam {
    const team = this.teams.get(teamId);
    if (!team) throw new Error(`No team ${teamId}`);
    return team;
  }

  private put(team: EmulatedTeam, parentId: string | null, name: string, content: Buffer | null, mediaType: string | null, by: EmulatedUser): EmulatedDriveItem {
    const now = new Date().toISOString();
    const parent = parentId ? this.items.get(parentId) : undefined;
    const path = parent ? `${parent.webUrl}/${encodeURIComponent(name)}` : `${team.siteUrl}/Delade%20dokument/${encodeURIComponent(name)}`;
    const item: EmulatedDriveItem = {
      id: itemId(),
      driveId: team.driveId,
      parentId,
      name,
      content,
      mediaType,
      guid: randomUUID().toUpperCase(),
      version: 1,
      createdDateTime: now,
      lastModifiedDateTime: now,
      createdBy: by,
      lastModifiedBy: by,
      webUrl: path,
    };
    this.items.set(item.id, item);
    return item;
  }
}

/** A driveItem as Graph shows it. */
export function driveItemJson(item: EmulatedDriveItem, drives: GraphDrives): Record<string, unknown> {
  const user = (u: EmulatedUser) => ({ user: { displayName: u.displayName, ...(u.email ? { email: u.email } : {}) } });
  const parent = item.parentId ? drives.items.get(item.parentId) : undefined;
  return {
    '@odata.etag': `"{${item.guid}},${item.version}"`,
    id: item.id,
    name: item.name,
    eTag: `"{${item.guid}},${item.version}"`,
    cTag: `"c:{${item.guid}},${item.version}"`,
    createdDateTime: item.createdDateTime,
    lastModifiedDateTime: item.lastModifiedDateTime,
    size: item.content ? item.content.length : drives.children(item.driveId, item.id).reduce((sum, c) => sum + (c.content?.length ?? 0), 0),
    webUrl: item.webUrl,
    createdBy: user(item.createdBy),
    lastModifiedBy: user(item.lastModifiedBy),
    parentReference: {
      driveType: 'documentLibrary',
      driveId: item.driveId,
      ...(parent ? { id: parent.id, name: parent.name, path: `/drives/${item.driveId}/root:/${parent.name}` } : { path: `/drives/${item.driveId}/root:` }),
    },
    ...(item.content
      ? { file: { mimeType: item.mediaType ?? 'application/octet-stream', hashes: {} }, fileSystemInfo: { createdDateTime: item.createdDateTime, lastModifiedDateTime: item.lastModifiedDateTime } }
      : { folder: { childCount: drives.children(item.driveId, item.id).length } }),
  };
}
