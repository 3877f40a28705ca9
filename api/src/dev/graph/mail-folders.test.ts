import { describe, expect, it } from 'vitest';
import { BYGGLOV, testEmulator } from './emulator-test-kit.ts';

// Moving a message and finding or creating the folder to move it to.

const USER = `/users/${BYGGLOV}`;

describe('folders and moving', () => {
  it('finds a folder by displayName, creates it once, and refuses a duplicate with 409 ErrorFolderExists', async () => {
    const { ask } = testEmulator();
    const find = (parent: string, name: string) => ask('GET', `${USER}/${parent}?$filter=${encodeURIComponent(`displayName eq '${name}'`)}`);

    expect((await find('mailFolders', 'Diarieförda')).json.value).toEqual([]);
    const created = await ask('POST', `${USER}/mailFolders`, { json: { displayName: 'Diarieförda' } });
    const twice = await ask('POST', `${USER}/mailFolders`, { json: { displayName: 'diarieförda' } });
    const child = await ask('POST', `${USER}/mailFolders/${created.json.id}/childFolders`, { json: { displayName: '2026' } });
    const sameNameElsewhere = await ask('POST', `${USER}/mailFolders('inbox')/childFolders`, { json: { displayName: '2026' } });

    expect(created).toMatchObject({ status: 201, json: { id: expect.any(String), displayName: 'Diarieförda', childFolderCount: 0, totalItemCount: 0 } });
    expect(twice).toMatchObject({ status: 409, json: { error: { code: 'ErrorFolderExists' } } });
    expect(child).toMatchObject({ status: 201, json: { parentFolderId: created.json.id } });
    expect(sameNameElsewhere.status).toBe(201);
    expect((await find('mailFolders', 'Diarieförda')).json.value).toEqual([expect.objectContaining({ id: created.json.id, childFolderCount: 1 })]);
    expect((await find(`mailFolders/${created.json.id}/childFolders`, '2026')).json.value.map((f: { id: string }) => f.id)).toEqual([child.json.id]);
    expect((await ask('GET', `${USER}/mailFolders`)).json.value.map((f: { displayName: string }) => f.displayName)).toEqual(
      expect.arrayContaining(['Inbox', 'Sent Items', 'Drafts', 'Deleted Items', 'Diarieförda']),
    );
    expect((await ask('GET', `${USER}/mailFolders/inbox`)).json).toMatchObject({ displayName: 'Inbox', totalItemCount: 0 });
  });

  it('moves a message to a well-known folder or a folder id: 201, a new id unless ids are immutable', async () => {
    const { ask, deliver } = testEmulator();
    const [first, second] = deliver(BYGGLOV, ['Registrerad', 'Skräp']);
    const folder = await ask('POST', `${USER}/mailFolders`, { json: { displayName: 'Diarieförda' } });
    const firstId = first!.restId;

    const moved = await ask('POST', `${USER}/messages/${firstId}/move`, { json: { destinationId: folder.json.id } });
    const immutable = await ask('POST', `${USER}/messages/${second!.immutableId}/move`, { json: { destinationId: 'deleteditems' }, prefer: 'IdType="ImmutableId"' });
    const nowhere = await ask('POST', `${USER}/messages/${moved.json.id}/move`, { json: { destinationId: 'AAMkAGFnowhere' } });

    expect(moved).toMatchObject({ status: 201, json: { subject: 'Registrerad', parentFolderId: folder.json.id } });
    expect(moved.json.id).not.toBe(firstId);
    expect(immutable).toMatchObject({ status: 201, json: { id: second!.immutableId } });
    expect(nowhere.status).toBe(400);
    expect((await ask('GET', `${USER}/messages/${firstId}`)).status).toBe(404);
    expect((await ask('GET', `${USER}/mailFolders/${folder.json.id}/messages`)).json.value.map((m: { id: string }) => m.id)).toEqual([moved.json.id]);
    expect((await ask('GET', `${USER}/mailFolders/deleteditems/messages`)).json.value.map((m: { subject: string }) => m.subject)).toEqual(['Skräp']);
    expect((await ask('GET', `${USER}/mailFolders('inbox')/messages`)).json.value).toEqual([]);
  });

  it('adds 50 000 messages quickly through the fast path', async () => {
    const { graph, ask } = testEmulator();
    const started = performance.now();
    graph.mailboxes.addMessages(
      BYGGLOV,
      Array.from({ length: 50_000 }, (_, i) => ({ subject: `Ärende ${i}`, from: { address: `avsandare${i}@exempel.se` } })),
    );
    const elapsed = performance.now() - started;

    const last = graph.mailboxes.find(BYGGLOV)!.messages.at(-1)!;
    const raw = await ask('GET', `${USER}/messages/${last.restId}`);
    expect(elapsed).toBeLessThan(15_000);
    expect(raw.json).toMatchObject({ subject: 'Ärende 49999', from: { emailAddress: { address: 'avsandare49999@exempel.se' } } });
  }, 60_000);
});
