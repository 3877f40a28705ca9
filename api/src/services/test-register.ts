import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedOrganisation, type SeededOrganisation } from '../demo/seed.ts';
import { createLocalBlobStore } from '../files/local-blob-store.ts';
import type { DatabaseHandle } from '../store/database.ts';
import { openTestDatabase } from '../store/test-database.ts';
import type { Actor, Deps } from './context.ts';

export interface TestRegister extends SeededOrganisation {
  handle: DatabaseHandle;
  deps: Deps;
  blobDir: string;
  /** The demo users by role: Karin (registrar everywhere), Johan (KS officer), Amira (BN officer), Erik (SN officer), Sofia (reader). */
  registrar: Actor;
  ksOfficer: Actor;
  bnOfficer: Actor;
  snOfficer: Actor;
  reader: Actor;
  close(): Promise<void>;
}

/** Ekby kommun in a fresh database on the engine under test, with a local blob store. */
export async function openTestRegister(clock: () => Date = () => new Date()): Promise<TestRegister> {
  const handle = await openTestDatabase();
  const blobDir = await mkdtemp(join(tmpdir(), 'diarium-blobs-'));
  const org = await seedOrganisation(handle.db, clock());
  const deps: Deps = { db: handle.db, blobs: createLocalBlobStore(blobDir), now: clock };
  return {
    ...org,
    handle,
    deps,
    blobDir,
    registrar: org.actors['karin.lindqvist@ekby.se']!,
    ksOfficer: org.actors['johan.berg@ekby.se']!,
    bnOfficer: org.actors['amira.haddad@ekby.se']!,
    snOfficer: org.actors['erik.nystrom@ekby.se']!,
    reader: org.actors['sofia.ek@ekby.se']!,
    close: async () => {
      await handle.close();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}
