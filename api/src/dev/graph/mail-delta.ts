import { randomBytes } from 'node:crypto';
import { graphError, GRAPH_ROOT } from './graph-errors.ts';
import type { EmulatedMailbox, EmulatedMessage, GraphMailboxes } from './mailboxes.ts';
import { idOf, messageJson } from './message-json.ts';

// Delta sync of one mail folder (GET …/mailFolders/{folder}/messages/delta), as Graph's
// "Get incremental changes to messages in a folder" describes it. A round without a token
// lists the whole folder; each page but the last links on with a $skiptoken, the last with
// a $deltatoken that later answers only what changed since the round began. Tokens are
// opaque keys into this module's memory: one it did not issue, or one from before
// `mailboxes.expireSyncState`, answers 410 syncStateNotFound.

/** Graph's page size without `Prefer: odata.maxpagesize`, and the most the emulator honours. */
export const DEFAULT_DELTA_PAGE_SIZE = 10;
export const MAX_DELTA_PAGE_SIZE = 1000;

type ChangeType = 'created' | 'updated' | 'deleted';

interface Query {
  box: EmulatedMailbox;
  folder: string;
  generation: number;
  /** $select and changeType, kept from the round's first request as Graph encodes them in its tokens. */
  select: string | null;
  changeType: ChangeType | null;
}

type Item = { message: EmulatedMessage } | { removed: { restId: string; immutableId: string } };

/** A round being paged: what it lists was fixed when it began, so nothing shifts between pages. */
interface Round extends Query {
  items: Item[];
  /** The mailbox's change number when the round began: its deltatoken answers changes after it. */
  upTo: number;
}

type State = { kind: 'skip'; round: Round; offset: number } | ({ kind: 'delta'; since: number } & Query);

export interface DeltaRequest {
  url: URL;
  prefer: string;
  box: EmulatedMailbox;
  /** The folder's key (well-known name or id). */
  folder: string;
  immutable: boolean;
}

export function createMailDelta(mailboxes: GraphMailboxes) {
  const states = new Map<string, State>();

  function issue(state: State): string {
    const token = randomBytes(18).toString('base64url');
    states.set(token, state);
    return token;
  }

  function begin(query: Query, since: number): Round {
    const { box, folder, changeType } = query;
    const messages = box.messages
      .filter((m) => m.folder === folder && m.changeSeq > since)
      .filter((m) => changeType === null || (changeType === 'created' ? m.folderSeq > since : changeType === 'updated' && m.folderSeq <= since))
      .sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime))
      .map((message): Item => ({ message }));
    const removed =
      since === 0 || (changeType !== null && changeType !== 'deleted')
        ? []
        : box.removals.filter((r) => r.folder === folder && r.seq > since).map((r): Item => ({ removed: { restId: r.restId, immutableId: r.immutableId } }));
    return { ...query, items: [...removed, ...messages], upTo: box.changeSeq };
  }

  function render(item: Item, request: DeltaRequest, select: URLSearchParams): Record<string, unknown> | null {
    const { box, folder, immutable } = request;
    if ('removed' in item) {
      const current = mailboxes.message(box, item.removed.immutableId);
      // Moved out and back in since: with immutable ids that is the same item, listed as it is now.
      if (immutable && current?.folder === folder) return null;
      return { '@odata.type': '#microsoft.graph.message', id: immutable ? item.removed.immutableId : item.removed.restId, '@removed': { reason: 'deleted' } };
    }
    const message = item.message;
    // Deleted or moved out while the round was paged: the next round reports it removed.
    if (mailboxes.message(box, message.immutableId) !== message || message.folder !== folder) return null;
    return { '@odata.type': '#microsoft.graph.message', ...messageJson(message, box, immutable, select, { delta: true }), id: idOf(message, immutable) };
  }

  /** Answers one delta request for a folder of a mailbox. */
  function answer(request: DeltaRequest): Response {
    const { url, box, folder } = request;
    const q = url.searchParams;
    const token = q.get('$skiptoken') ?? q.get('$deltatoken');
    let round: Round;
    let offset = 0;
    if (token === null) {
      const changeType = q.get('changeType');
      if (changeType !== null && !['created', 'updated', 'deleted'].includes(changeType)) {
        return graphError(400, 'ErrorInvalidUrlQuery', `The value '${changeType}' of changeType is not valid.`);
      }
      round = begin({ box, folder, generation: box.syncGeneration, select: q.get('$select'), changeType: changeType as ChangeType | null }, 0);
    } else {
      const state = states.get(token);
      if (!state) return lost(url);
      const query = state.kind === 'skip' ? state.round : state;
      if (query.box !== box || query.folder !== folder || query.generation !== box.syncGeneration) return lost(url);
      if (state.kind === 'skip') {
        round = state.round;
        offset = state.offset;
      } else {
        round = begin(state, state.since);
      }
    }

    const asked = Number(/odata\.maxpagesize=(\d+)/i.exec(request.prefer)?.[1] ?? NaN);
    const size = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_DELTA_PAGE_SIZE) : DEFAULT_DELTA_PAGE_SIZE;
    const select = new URLSearchParams(round.select === null ? {} : { $select: round.select });
    const value = round.items
      .slice(offset, offset + size)
      .map((item) => render(item, request, select))
      .filter((item) => item !== null);
    const more = offset + size < round.items.length;
    // Links keep the caller's base and path (graph.microsoft.com, or /dev/graph/v1.0 under npm start).
    const link = (name: string, state: State) => `${url.origin}${url.pathname}?${name}=${issue(state)}`;
    const body = {
      '@odata.context': `${GRAPH_ROOT}/$metadata#Collection(message)`,
      ...(more
        ? { '@odata.nextLink': link('$skiptoken', { kind: 'skip', round, offset: offset + size }) }
        : { '@odata.deltaLink': link('$deltatoken', { kind: 'delta', box, folder, generation: round.generation, select: round.select, changeType: round.changeType, since: round.upTo }) }),
      value,
    };
    return Response.json(body, { headers: Number.isInteger(asked) && asked > 0 ? { 'Preference-Applied': `odata.maxpagesize=${size}` } : {} });
  }

  return { answer };
}

/** Graph's answer to a lost sync state: 410, and where a new round starts (the same URL without a token). */
function lost(url: URL): Response {
  const restart = new URL(url);
  restart.searchParams.delete('$skiptoken');
  restart.searchParams.delete('$deltatoken');
  return graphError(410, 'syncStateNotFound', 'The sync state is not found or has expired. Start a new round without a token.', { Location: restart.toString() });
}

export type MailDelta = ReturnType<typeof createMailDelta>;
