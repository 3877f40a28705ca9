import { graphError, GRAPH_ROOT } from './graph-errors.ts';
import type { EmulatedFolder, EmulatedMailbox, GraphMailboxes } from './mailboxes.ts';

// Mail folders (GET/POST mailFolders, mailFolders/{id}, mailFolders/{id}/childFolders), for
// finding or creating a folder by displayName.

function folderJson(mailboxes: GraphMailboxes, box: EmulatedMailbox, folder: EmulatedFolder): Record<string, unknown> {
  const key = mailboxes.folderKey(folder);
  const inFolder = box.messages.filter((m) => m.folder === key);
  return {
    id: folder.id,
    displayName: folder.displayName,
    // Top-level folders hang under msgfolderroot, whose id is derived like the well-known ones'.
    parentFolderId: folder.parentFolderId ?? Buffer.from(`${box.address}/msgfolderroot`).toString('base64url'),
    childFolderCount: box.folders.filter((f) => f.parentFolderId === folder.id).length,
    unreadItemCount: inFolder.filter((m) => !m.isRead).length,
    totalItemCount: inFolder.length,
    isHidden: false,
  };
}

/**
 * Answers `rest` (the path after the user) when it is a folder request: `/mailFolders`,
 * `/mailFolders/{id}`, `/mailFolders/{id}/childFolders`; null when it is not one.
 */
export async function answerMailFolders(request: Request, url: URL, mailboxes: GraphMailboxes, box: EmulatedMailbox, rest: string): Promise<Response | null> {
  const m = /^\/mailFolders(?:\/([^/(]+)|\('([^']+)'\))?(\/childFolders)?$/.exec(rest);
  if (!m) return null;
  const named = m[1] ?? m[2];
  const parent = named === undefined ? null : mailboxes.folder(box, named);
  if (named !== undefined && !parent) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (parent && !m[3]) return request.method === 'GET' ? Response.json(folderJson(mailboxes, box, parent)) : null;
  if (!parent && m[3]) return null;

  const parentId = parent?.id ?? null;
  if (request.method === 'GET') {
    let folders = box.folders.filter((f) => f.parentFolderId === parentId);
    const filter = url.searchParams.get('$filter');
    if (filter) {
      const wanted = /^displayName eq '((?:[^']|'')*)'$/i.exec(filter.trim());
      if (!wanted) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
      folders = folders.filter((f) => f.displayName === wanted[1]!.replace(/''/g, "'"));
    }
    const context = parent ? `users('${box.address}')/mailFolders('${parent.id}')/childFolders` : `users('${box.address}')/mailFolders`;
    return Response.json({ '@odata.context': `${GRAPH_ROOT}/$metadata#${context}`, value: folders.map((f) => folderJson(mailboxes, box, f)) });
  }
  if (request.method === 'POST') {
    const body = (await request.json().catch(() => null)) as { displayName?: unknown } | null;
    if (typeof body?.displayName !== 'string' || !body.displayName.trim()) return graphError(400, 'ErrorInvalidArgument', 'displayName is required.');
    const created = mailboxes.addFolder(box, body.displayName, parentId);
    if (!created) return graphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    return Response.json(folderJson(mailboxes, box, created), { status: 201 });
  }
  return null;
}
