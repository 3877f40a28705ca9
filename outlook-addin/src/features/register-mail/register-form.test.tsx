import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { casesById, fakeApi, json } from '../../test/fake-api.ts';
import { attachment, fakeHost, readMail } from '../../test/fake-host.ts';
import { DIARIES, ME, UNIT, caseFull, diaries, id, me, registrationResult, summaryOf } from '../../test/fixtures.ts';
import { renderPane } from '../../test/render.tsx';

const lekplats = caseFull(42, 'KS 2026/0042', 'Medborgarförslag om ny lekplats i Ekby centrum');
const skolgard = caseFull(44, 'KS 2026/0044', 'Upprustning av skolgården vid Ekbyskolan');
const subject = 'Synpunkter på lekplatsen, KS 2026/0042';

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Registrera' }));
const textbox = (name: RegExp | string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

async function chosen(caseNumber: string) {
  await waitFor(() => expect((screen.getByRole('radio', { name: new RegExp(caseNumber) }) as HTMLInputElement).checked).toBe(true));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('searching the register', () => {
  it('finds cases as the user types, browses them with the arrow keys and chooses with Enter, without submitting', async () => {
    const { host } = fakeHost({ item: readMail({ subject: 'Fråga om skolgården', conversationId: null }) });
    const api = fakeApi({
      'GET /cases': ({ query }) => json({ items: query.get('q') === 'skolgård' ? [summaryOf(lekplats), summaryOf(skolgard)] : [], nextCursor: null }),
    });
    renderPane(host, api.client);

    const search = await screen.findByRole('combobox', { name: 'Sök ärende' });
    type(search, 'skolgård');
    const listbox = await screen.findByRole('listbox', { name: 'Sök ärende' });
    expect(within(listbox).getAllByRole('option')).toHaveLength(2);
    expect(search.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('2 träffar. Bläddra med pil ned.')).toBeTruthy();

    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    const second = within(listbox).getAllByRole('option')[1]!;
    expect(search.getAttribute('aria-activedescendant')).toBe(second.id);
    expect(second.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(search, { key: 'ArrowUp' });
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'Enter' });

    await chosen('KS 2026/0044');
    const radio = screen.getByRole('radio', { name: /KS 2026\/0044/ });
    expect(document.querySelector(`label[for="${radio.id}"]`)!.textContent).toContain('Från sökningen');
    expect(search.getAttribute('aria-expanded')).toBe('false');
    expect((search as HTMLInputElement).value).toBe('');
    expect(screen.getByText('Valt: KS 2026/0044')).toBeTruthy();
    expect(api.calls('POST /mail/registrations')).toHaveLength(0);
  });

  it('says when nothing matches, and Escape closes the list', async () => {
    const { host } = fakeHost();
    const api = fakeApi({
      'GET /cases': ({ query }) => json({ items: query.get('q') === 'lekplats' ? [summaryOf(lekplats)] : [], nextCursor: null }),
    });
    renderPane(host, api.client);

    const search = await screen.findByRole('combobox', { name: 'Sök ärende' });
    type(search, 'xyzzy');
    expect(await screen.findByText('Inga träffar för ”xyzzy”.')).toBeTruthy();
    type(search, 'lekplats');
    await screen.findByRole('option', { name: /KS 2026\/0042/ });
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(search.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('registering in a new case', () => {
  it('offers only the diaries I may register in, with the subject as title, my unit and me as officer', async () => {
    const { host } = fakeHost({ item: readMail({ subject: 'Ansökan om föreningsbidrag', conversationId: null }) });
    const api = fakeApi({
      'GET /me': () => json(me([{ diaryId: DIARIES.KS.id, diary: 'KS', role: 'officer' }, { diaryId: DIARIES.BN.id, diary: 'BN', role: 'reader' }])),
      'GET /diaries': () => json({ items: diaries({ KS: ['officer'], BN: ['reader'], SN: [] }) }),
      'POST /mail/registrations': () => json(registrationResult({ id: id(101), caseNumber: 'KS 2026/0101' }, 1, 'Ansökan om föreningsbidrag'), 201),
    });
    renderPane(host, api.client);

    fireEvent.click(await screen.findByRole('radio', { name: /Nytt ärende/ }));
    // The new-case form loads on demand.
    const diary = (await screen.findByRole('combobox', { name: /Diarium/ }, { timeout: 5000 })) as HTMLSelectElement;
    expect([...diary.options].map((o) => o.textContent)).toEqual(['KS – Kommunstyrelsen']);
    expect(diary.value).toBe('KS');
    expect(textbox(/Ärendemening/).value).toBe('Ansökan om föreningsbidrag');
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Enhet' }) as HTMLSelectElement).value).toBe(UNIT.id));
    expect(screen.getByText('Vald: Jag (Johan Berg). Sök på namn för att välja någon annan.')).toBeTruthy();

    type(textbox('Klassificering'), '2.4.1');
    submit();
    expect(await screen.findByText('Registrerat som KS 2026/0101-1')).toBeTruthy();
    expect(screen.getByText('Ärende KS 2026/0101: Ansökan om föreningsbidrag')).toBeTruthy();
    expect(api.calls('POST /mail/registrations')[0]!.body).toMatchObject({
      target: { newCase: { diary: 'KS', title: 'Ansökan om föreningsbidrag', unitId: UNIT.id, officerId: ME.id, classification: '2.4.1' } },
    });
  });
});

describe('confidentiality', () => {
  it('requires a valid provision and a public title before anything is sent, then sends both', async () => {
    const { host } = fakeHost({ item: readMail({ subject }) });
    const api = fakeApi({
      'GET /cases/*': casesById(lekplats),
      'POST /mail/registrations': () => json(registrationResult(lekplats, 3, subject), 201),
    });
    renderPane(host, api.client);
    await chosen('KS 2026/0042');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Sekretessmarkera handlingen' }));
    const provision = screen.getByRole('combobox', { name: 'Sekretessbestämmelse' }) as HTMLSelectElement;
    expect(provision.value).toBe('OSL 26 kap. 1 §');
    expect([...provision.options].map((o) => o.value)).toEqual(
      expect.arrayContaining(['OSL 21 kap. 1 §', 'OSL 23 kap. 1 §', 'OSL 25 kap. 1 §', 'OSL 19 kap. 3 §', 'OSL 31 kap. 16 §', 'OSL 18 kap. 1 §']),
    );
    submit();
    expect(await screen.findByText('Ange en offentlig titel när handlingen är sekretessmarkerad.')).toBeTruthy();
    expect(textbox(/Offentlig titel/).getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(provision, { target: { value: 'other' } });
    type(textbox(/^Bestämmelse/), '26 kap 1');
    type(textbox(/Offentlig titel/), 'Synpunkter på lekplats');
    submit();
    expect(await screen.findByText('Ange bestämmelsen som t.ex. ”OSL 26 kap. 1 §”.')).toBeTruthy();
    expect(api.calls('POST /mail/registrations')).toHaveLength(0);

    type(textbox(/^Bestämmelse/), 'OSL 26 kap. 1 a §');
    submit();
    await screen.findByText('Registrerat som KS 2026/0042-3');
    expect(api.calls('POST /mail/registrations')[0]!.body).toMatchObject({
      confidentiality: { provision: 'OSL 26 kap. 1 a §' },
      publicTitle: 'Synpunkter på lekplats',
    });
  });
});

describe('attachments', () => {
  const mail = readMail({
    subject,
    attachments: [
      attachment(1, 'skrivelse.pdf', { size: 250_000 }),
      attachment(2, 'image001.png', { isInline: true, size: 4_100, contentType: 'image/png' }),
      attachment(3, 'karta.docx', { size: 1_800_000 }),
      attachment(4, 'Ritningar', { kind: 'cloud', size: 0 }),
    ],
  });

  it('leaves inline images out and the rest in by default, and lets one be the main document', async () => {
    const { host } = fakeHost({ item: mail });
    const api = fakeApi({
      'GET /cases/*': casesById(lekplats),
      'POST /mail/registrations': () => json(registrationResult(lekplats, 3, subject), 201),
    });
    renderPane(host, api.client);
    await chosen('KS 2026/0042');

    const checkbox = (name: RegExp) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
    expect(checkbox(/skrivelse\.pdf/).checked).toBe(true);
    expect(checkbox(/image001\.png.*infogad bild/).checked).toBe(false);
    expect(checkbox(/karta\.docx/).checked).toBe(true);
    expect(checkbox(/Ritningar.*molnbilaga/).disabled).toBe(true);

    const main = screen.getByRole('radiogroup', { name: 'Huvuddokument' });
    expect((within(main).getByRole('radio', { name: 'Mejlet' }) as HTMLInputElement).checked).toBe(true);
    expect(within(main).queryByRole('radio', { name: 'image001.png' })).toBeNull();

    // An attachment left out cannot stay the main document.
    fireEvent.click(within(main).getByRole('radio', { name: 'karta.docx' }));
    fireEvent.click(checkbox(/karta\.docx/));
    expect((within(main).getByRole('radio', { name: 'Mejlet' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(within(main).getByRole('radio', { name: 'skrivelse.pdf' }));
    fireEvent.click(checkbox(/image001\.png/));
    submit();
    await screen.findByText('Registrerat som KS 2026/0042-3');
    expect(api.calls('POST /mail/registrations')[0]!.body).toMatchObject({
      attachments: [
        { name: 'skrivelse.pdf', size: 250_000, main: true },
        { name: 'image001.png', size: 4_100, main: false },
      ],
    });
  });
});

describe('submitting', () => {
  it('sends the registration the API expects and shows the result with its next steps', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { host, opened } = fakeHost({
      item: readMail({ subject, shared: 'registrator@ekby.se', attachments: [attachment(1, 'skrivelse.pdf'), attachment(2, 'logo.png', { isInline: true, size: 900 })] }),
    });
    const api = fakeApi({
      'GET /cases/*': casesById(lekplats),
      'POST /mail/registrations': () => json(registrationResult(lekplats, 3, subject, { categorySet: true }), 201),
    });
    renderPane(host, api.client, { teamsAppId: 'a1b2c3' });
    await chosen('KS 2026/0042');
    expect(await screen.findByText('I brevlådan registrator@ekby.se')).toBeTruthy();
    expect(textbox('Titel').value).toBe(subject);
    expect(textbox('Avsändare').value).toBe('Anna Svensson');
    expect((screen.getByRole('combobox', { name: 'Riktning' }) as HTMLSelectElement).value).toBe('incoming');

    submit();
    const result = await screen.findByRole('region', { name: 'Registrerat som KS 2026/0042-3' });
    const [post] = api.calls('POST /mail/registrations');
    expect(post!.body).toEqual({
      itemId: 'AAMkAGI2-rest-id',
      mailbox: 'registrator@ekby.se',
      target: { caseRef: lekplats.id },
      direction: 'incoming',
      title: subject,
      counterparty: { name: 'Anna Svensson', email: 'anna.svensson@example.se' },
      receivedAt: '2026-11-23T08:12:34.000Z',
      attachments: [{ name: 'skrivelse.pdf', size: 120_000, main: false }],
      alsoInOtherCase: false,
    });
    expect(post!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);

    expect(within(result).getByText('Ärende KS 2026/0042: Medborgarförslag om ny lekplats i Ekby centrum')).toBeTruthy();
    expect(within(result).getByText('Mejlet har fått kategorin Diarieförd i Outlook.')).toBeTruthy();
    fireEvent.click(within(result).getByRole('button', { name: 'Öppna i Teams' }));
    // The case opens in Diarium's personal tab in Teams.
    const link = new URL(opened[0]!);
    expect(link.origin + link.pathname).toBe('https://teams.microsoft.com/l/entity/a1b2c3/mitt-arbete');
    expect(JSON.parse(link.searchParams.get('context')!)).toEqual({ subEntityId: 'KS 2026/0042' });
    fireEvent.click(within(result).getByRole('button', { name: 'Kopiera diarienummer' }));
    expect(await screen.findByText('Diarienumret KS 2026/0042 är kopierat.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('KS 2026/0042');
  });

  it('says when the Outlook category comes later, and when the mail was already in the case', async () => {
    const { host } = fakeHost({ item: readMail({ subject }) });
    const api = fakeApi({
      'GET /cases/*': casesById(lekplats),
      'POST /mail/registrations': () => json(registrationResult(lekplats, 2, subject, { categorySet: false, alreadyRegistered: true })),
    });
    renderPane(host, api.client);
    await chosen('KS 2026/0042');
    submit();

    expect(await screen.findByText('Mejlet var redan registrerat i ärendet som KS 2026/0042-2.')).toBeTruthy();
    expect(screen.getByText('Kategorin Diarieförd sätts på mejlet i Outlook om en liten stund.')).toBeTruthy();
  });

  it('registers a mail I sent as outgoing, to its recipient, at the time it was sent', async () => {
    const { host } = fakeHost({
      item: readMail({ subject, from: { name: 'Johan Berg', email: 'Johan.Berg@ekby.se' }, to: [{ name: 'Bo Ek', email: 'bo.ek@example.se' }] }),
    });
    const api = fakeApi({ 'GET /cases/*': casesById(lekplats), 'POST /mail/registrations': () => json(registrationResult(lekplats, 3, subject), 201) });
    renderPane(host, api.client);
    await chosen('KS 2026/0042');

    expect((screen.getByRole('combobox', { name: 'Riktning' }) as HTMLSelectElement).value).toBe('outgoing');
    expect(textbox('Mottagare').value).toBe('Bo Ek');
    submit();
    await screen.findByText('Registrerat som KS 2026/0042-3');
    expect(api.calls('POST /mail/registrations')[0]!.body).toMatchObject({
      direction: 'outgoing',
      counterparty: { name: 'Bo Ek', email: 'bo.ek@example.se' },
      sentAt: '2026-11-23T08:12:34.000Z',
    });
  });
});
