import type { Principal, UserRef } from '@diarium/core';
import type { BlobStore } from '../files/blob-store.ts';
import type { GraphAccess } from '../graph/graph-access.ts';
import type { Database } from '../store/database.ts';
import type { UserRole } from '../store/users.ts';

/** Who is acting: a signed-in user of an organisation, with their roles. */
export interface Actor {
  orgId: string;
  user: UserRef;
  principal: Principal;
  roles: UserRole[];
  requestId?: string;
}

/** What the use cases need from the outside world, passed in rather than imported. */
export interface Deps {
  db: Database;
  blobs: BlobStore;
  now: () => Date;
}

/** What mail registration needs besides: Graph, and the size limit on what it stores. */
export interface MailDeps extends Deps {
  graph: GraphAccess;
  maxUploadBytes: number;
}
