import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '../api/src/files/azurite.ts';
import { startApiProcess, tokenFor, type ApiProcess } from './support/api-process.ts';

let azurite: RunningAzurite;
let api: ApiProcess;
let dataDir: string;
beforeAll(async () => {
  azurite = await startAzurite();
  dataDir = await mkdtemp(join(tmpdir(), 'diarium-azure-'));
  api = await startApiProcess({
    DATA_DIR: dataDir,
    DEMO_CASES: '0',
    FILE_STORE: 'azure',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_CONTAINER: 'diarium-test',
  });
});
afterAll(async () => {
  await api?.stop();
  await azurite?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the API with its files in Azure Blob Storage', () => {
  it('stores a registered file in blob storage and gives it back byte for byte', async () => {
    const token = await tokenFor(api.url, 'amira.haddad@ekby.se');
    const auth = { authorization: `Bearer ${token}` };
    const created = await fetch(`${api.url}/api/v1/cases`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ diary: 'BN', title: 'Ansökan om strandskyddsdispens' }),
    });
    const { id } = (await created.json()) as { id: string };
    const content = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) % 251);
    const form = new FormData();
    form.append('metadata', JSON.stringify({ direction: 'incoming', title: 'Situationsplan' }));
    form.append('files', new Blob([content], { type: 'image/png' }), 'Situationsplan – Åkermyran 4:12.png');
    const registered = await fetch(`${api.url}/api/v1/cases/${id}/documents`, { method: 'POST', headers: auth, body: form });
    expect(registered.status).toBe(201);
    const { document } = (await registered.json()) as { document: { id: string; files: { id: string; sha256: string }[] } };
    expect(document.files[0]!.sha256).toBe(createHash('sha256').update(content).digest('hex'));

    const download = await fetch(`${api.url}/api/v1/documents/${document.id}/files/${document.files[0]!.id}`, { headers: auth });
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes.length).toBe(content.length);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(document.files[0]!.sha256);
    expect(await (await fetch(`${api.url}/readyz`)).json()).toEqual({ status: 'ok', database: 'ok', files: 'ok' });
  });

  it('reports itself not ready when blob storage stops answering', async () => {
    await azurite.stop();
    const res = await fetch(`${api.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'failing', files: 'failing' });
  });
});
