import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ChannelFile } from '@diarium/core';
import { API, problemBody, useTestServer } from '../../test/server.ts';
import { caseFull, documentFull } from '../../test/fixtures.ts';
import { fakeHost, renderTab } from '../../test/render.tsx';
import { ChannelFiles } from './ChannelFiles.tsx';
import { ConfigureTab } from './ConfigureTab.tsx';
import { RemoveTab } from './RemoveTab.tsx';

const server = useTestServer();
const team = { id: 'team-1', name: 'Ekby kommun – Projekt Sjövik' };
const channel = { id: '19:abc@thread.tacv2', name: 'Detaljplan Sjövik 2:14' };
const tabPath = `${API}/channel-tabs/${team.id}/${encodeURIComponent(channel.id)}`;

const diaries = [
  { id: '50000000-0000-4000-8000-000000000001', prefix: 'KS', name: 'Kommunstyrelsen', myRoles: ['officer'] },
  { id: '50000000-0000-4000-8000-000000000003', prefix: 'SN', name: 'Socialnämnden', myRoles: ['reader'] },
];
const summary = (n: number, title: string) => ({
  id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  caseNumber: `KS 2026/${String(n).padStart(4, '0')}`,
  diary: 'KS',
  title,
  publicTitle: title,
  status: 'open',
  officer: null,
  unit: null,
  openedAt: '2026-03-02T08:15:00.000Z',
  confidential: false,
  access: 'full',
});

function file(name: string, overrides: Partial<ChannelFile> = {}): ChannelFile {
  return {
    driveId: 'b!drive',
    itemId: `item-${name}`,
    name,
    size: 48_213,
    mediaType: 'application/pdf',
    eTag: `"{${name}},1"`,
    lastModifiedAt: '2026-11-20T09:30:00.000Z',
    lastModifiedBy: 'Johan Berg',
    webUrl: `https://ekby.sharepoint.com/sites/sjovik/${encodeURIComponent(name)}`,
    folder: false,
    registration: null,
    ...overrides,
  };
}

describe('configuring the channel tab', () => {
  it('binds the channel to the case the user finds, and gives Teams a tab that names the case', async () => {
    const bound: unknown[] = [];
    server.use(
      http.get(`${API}/diaries`, () => HttpResponse.json({ items: diaries })),
      http.get(tabPath, () => HttpResponse.json(problemBody(404, 'not_found', 'Ingen flik'), { status: 404 })),
      http.get(`${API}/cases`, ({ request }) => {
        const q = new URL(request.url).searchParams.get('q');
        return HttpResponse.json({ items: q === 'Sjövik' ? [summary(42, 'Detaljplan för Sjövik 2:14')] : [], nextCursor: null });
      }),
      http.put(tabPath, async ({ request }) => {
        bound.push(await request.json());
        return HttpResponse.json({ teamId: team.id, channelId: channel.id, caseId: summary(42, '').id, caseNumber: 'KS 2026/0042', boundBy: { id: summary(1, '').id, name: 'Johan Berg', email: 'johan.berg@ekby.se' }, boundAt: '2026-11-23T10:00:00.000Z' });
      }),
    );
    const host = fakeHost({ team, channel });
    renderTab(<ConfigureTab configurator={host.configurator()} />, { host });

    expect(await screen.findByRole('heading', { level: 1, name: 'Koppla kanalen till ett ärende' })).toBeTruthy();
    await waitFor(() => expect(host.valid).toBe(false));
    fireEvent.change(screen.getByRole('searchbox', { name: /Sök ärende/ }), { target: { value: 'Sjövik' } });
    fireEvent.click(await screen.findByRole('radio', { name: 'KS 2026/0042 Detaljplan för Sjövik 2:14' }));
    await waitFor(() => expect(host.valid).toBe(true));

    const instance = await host.save!();
    expect(bound).toEqual([{ caseRef: summary(42, '').id }]);
    expect(instance.entityId).toBe(`diarium-case-${summary(42, '').id}`);
    expect(instance.suggestedDisplayName).toBe('Diarium KS 2026/0042');
    expect(instance.contentUrl).toMatch(/\/tabs\/channel\.html/);
  });

  it('registers a new project case, titled after the channel, in a diary the user may register in', async () => {
    const registered: Array<{ body: unknown; key: string | null }> = [];
    server.use(
      http.get(`${API}/diaries`, () => HttpResponse.json({ items: diaries })),
      http.get(tabPath, () => HttpResponse.json(problemBody(404, 'not_found', 'Ingen flik'), { status: 404 })),
      http.post(`${API}/cases`, async ({ request }) => {
        registered.push({ body: await request.json(), key: request.headers.get('idempotency-key') });
        return HttpResponse.json({ ...caseFull({ caseNumber: 'KS 2026/0101', title: 'Detaljplan Sjövik 2:14' }) }, { status: 201 });
      }),
      http.put(tabPath, () =>
        HttpResponse.json({ teamId: team.id, channelId: channel.id, caseId: caseFull().id, caseNumber: 'KS 2026/0101', boundBy: { id: summary(1, '').id, name: 'Johan Berg', email: 'johan.berg@ekby.se' }, boundAt: '2026-11-23T10:00:00.000Z' }),
      ),
    );
    const host = fakeHost({ team, channel });
    renderTab(<ConfigureTab configurator={host.configurator()} />, { host });
    fireEvent.click(await screen.findByRole('radio', { name: 'Registrera ett nytt projektärende' }));
    const diary = (await screen.findByRole('combobox', { name: 'Diarium' })) as HTMLSelectElement;
    // Only diaries where the user may register are offered.
    expect([...diary.options].map((o) => o.value)).toEqual(['KS']);
    expect((screen.getByRole('textbox', { name: /Ärendemening/ }) as HTMLInputElement).value).toBe('Detaljplan Sjövik 2:14');
    await waitFor(() => expect(host.valid).toBe(true));

    const instance = await host.save!();
    expect(registered).toHaveLength(1);
    expect(registered[0]!.body).toEqual({ diary: 'KS', title: 'Detaljplan Sjövik 2:14' });
    expect(registered[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(instance.suggestedDisplayName).toBe('Diarium KS 2026/0101');
  });

  it('explains a refused save and keeps the choice, so the user can try again', async () => {
    server.use(
      http.get(`${API}/diaries`, () => HttpResponse.json({ items: diaries })),
      http.get(tabPath, () => HttpResponse.json(problemBody(404, 'not_found', 'Ingen flik'), { status: 404 })),
      http.get(`${API}/cases`, () => HttpResponse.json({ items: [summary(42, 'Detaljplan för Sjövik 2:14')], nextCursor: null })),
      http.put(tabPath, () => HttpResponse.json(problemBody(403, 'forbidden', 'Du har inte behörighet till ärendet.'), { status: 403 })),
    );
    const host = fakeHost({ team, channel });
    renderTab(<ConfigureTab configurator={host.configurator()} />, { host });
    fireEvent.change(await screen.findByRole('searchbox', { name: /Sök ärende/ }), { target: { value: 'Sjövik' } });
    fireEvent.click(await screen.findByRole('radio', { name: /KS 2026\/0042/ }));
    await expect(host.save!()).rejects.toThrow();
    expect(await screen.findByText('Du har inte behörighet till ärendet.')).toBeTruthy();
    expect((screen.getByRole('radio', { name: /KS 2026\/0042/ }) as HTMLInputElement).checked).toBe(true);
  });

  it('says a tab belongs in a channel when there is none', async () => {
    const host = fakeHost({});
    renderTab(<ConfigureTab configurator={host.configurator()} />, { host });
    expect(await screen.findByText('Fliken kan bara läggas till i en kanal i ett team.')).toBeTruthy();
  });
});

describe('removing the channel tab', () => {
  it('disconnects the channel from the case, and is content when it already was', async () => {
    let deletes = 0;
    server.use(
      http.delete(tabPath, () => {
        deletes += 1;
        return deletes === 1 ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(problemBody(404, 'not_found', 'Ingen flik'), { status: 404 });
      }),
    );
    const host = fakeHost({ team, channel });
    renderTab(<RemoveTab configurator={host.configurator()} />, { host });
    expect(await screen.findByText(/Ärendet och dess handlingar finns kvar i diariet/)).toBeTruthy();
    await waitFor(() => expect(host.remove).not.toBeNull());
    await host.remove!();
    await host.remove!();
    expect(deletes).toBe(2);
  });
});

describe('filing the channel’s files', () => {
  it('shows what is filed and what has a newer version, and files the chosen files with their titles', async () => {
    const filed: unknown[] = [];
    let files = [
      file('Planbeskrivning.pdf'),
      file('Samrådsredogörelse.docx', { registration: { documentId: documentFull(3).id, documentNumber: 'KS 2026/0042-3', eTag: '"{x},1"', newerVersion: true } }),
      file('Flygfoto.png', { registration: { documentId: documentFull(4).id, documentNumber: 'KS 2026/0042-4', eTag: '"{y},1"', newerVersion: false } }),
      file('Underlag', { folder: true, mediaType: null, size: 0 }),
    ];
    server.use(
      http.get(`${tabPath}/files`, () => HttpResponse.json({ items: files })),
      http.post(`${API}/cases/:ref/documents/from-drive`, async ({ request }) => {
        const body = (await request.json()) as { items: Array<{ itemId: string; title: string }> };
        filed.push(body);
        files = files.map((f) => (body.items.some((i) => i.itemId === f.itemId) ? { ...f, registration: { documentId: documentFull(9).id, documentNumber: 'KS 2026/0042-9', eTag: f.eTag!, newerVersion: false } } : f));
        return HttpResponse.json({ items: body.items.map((_, i) => ({ alreadyRegistered: false, document: documentFull(5 + i) })) }, { status: 201 });
      }),
    );
    let filedCalls = 0;
    renderTab(<ChannelFiles teamId={team.id} channelId={channel.id} caseFile={caseFull()} onFiled={() => (filedCalls += 1)} />, { host: fakeHost({ team, channel }) });

    expect(await screen.findByText('Ny version finns (diarieförd version: KS 2026/0042-3)')).toBeTruthy();
    expect(screen.getByText('Diarieförd som KS 2026/0042-4')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'Välj Flygfoto.png' }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('checkbox', { name: 'Välj Underlag' })).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Välj Planbeskrivning.pdf' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Välj Samrådsredogörelse.docx' }));
    const form = screen.getByRole('form', { name: 'Diarieför 2 valda filer' });
    fireEvent.change(within(form).getByRole('textbox', { name: /Rubrik för Planbeskrivning.pdf/ }), { target: { value: 'Planbeskrivning, samrådshandling' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Diarieför' }));

    expect(await screen.findByText('Diarieförda: KS 2026/0042-5, KS 2026/0042-6')).toBeTruthy();
    expect(filed).toEqual([
      {
        items: [
          { driveId: 'b!drive', itemId: 'item-Planbeskrivning.pdf', eTag: '"{Planbeskrivning.pdf},1"', direction: 'internal', title: 'Planbeskrivning, samrådshandling' },
          { driveId: 'b!drive', itemId: 'item-Samrådsredogörelse.docx', eTag: '"{Samrådsredogörelse.docx},1"', direction: 'internal', title: 'Samrådsredogörelse' },
        ],
      },
    ]);
    expect(filedCalls).toBe(1);
    await waitFor(() => expect(screen.getAllByText('Diarieförd som KS 2026/0042-9')).toHaveLength(2));
  });

  it('asks for a public title when the files are marked confidential, keeping what was typed', async () => {
    server.use(
      http.get(`${tabPath}/files`, () => HttpResponse.json({ items: [file('Utredning.pdf')] })),
      http.post(`${API}/cases/:ref/documents/from-drive`, () =>
        HttpResponse.json(problemBody(400, 'validation_failed', 'Rätta fälten', [{ field: 'items.0.publicTitle', message: 'Ange en offentlig rubrik.' }]), { status: 400 }),
      ),
    );
    renderTab(<ChannelFiles teamId={team.id} channelId={channel.id} caseFile={caseFull()} onFiled={() => undefined} />, { host: fakeHost({ team, channel }) });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Välj Utredning.pdf' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /sekretess/ }));
    fireEvent.change(screen.getByRole('textbox', { name: /Sekretessbestämmelse/ }), { target: { value: 'OSL 21 kap. 7 §' } });
    fireEvent.click(screen.getByRole('button', { name: 'Diarieför' }));
    expect(await screen.findByText('Ange en offentlig rubrik.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: /Sekretessbestämmelse/ }) as HTMLInputElement).value).toBe('OSL 21 kap. 7 §');
  });

  it('reloads the list when a file changed in SharePoint after it was read', async () => {
    let reads = 0;
    server.use(
      http.get(`${tabPath}/files`, () => {
        reads += 1;
        return HttpResponse.json({ items: [file('Planbeskrivning.pdf', reads > 1 ? { eTag: '"{Planbeskrivning.pdf},2"' } : {})] });
      }),
      http.post(`${API}/cases/:ref/documents/from-drive`, () =>
        HttpResponse.json(problemBody(409, 'conflict', 'Filen har ändrats', [{ field: 'items.0.eTag', message: 'Filen har ändrats.' }]), { status: 409 }),
      ),
    );
    renderTab(<ChannelFiles teamId={team.id} channelId={channel.id} caseFile={caseFull()} onFiled={() => undefined} />, { host: fakeHost({ team, channel }) });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Välj Planbeskrivning.pdf' }));
    fireEvent.click(screen.getByRole('button', { name: 'Diarieför' }));
    expect(await screen.findByText(/En fil har ändrats i SharePoint sedan listan lästes in/)).toBeTruthy();
    await waitFor(() => expect(reads).toBe(2));
  });
});
