import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HostError } from '../../host/mail-host.ts';
import { casesById, fakeApi, json } from '../../test/fake-api.ts';
import { composeMail, fakeHost } from '../../test/fake-host.ts';
import { caseFull, id, registrationRef } from '../../test/fixtures.ts';
import { renderPane } from '../../test/render.tsx';

const lekplats = caseFull(42, 'KS 2026/0042', 'Medborgarförslag om ny lekplats i Ekby centrum');
const tie = { id: id(300), caseId: lekplats.id, caseNumber: lekplats.caseNumber, internetMessageId: '<draft@ekby.se>', status: 'waiting', documentId: null };

describe('a mail being written', () => {
  it('ties it to the case of its conversation: stamps the case number, saves the draft and tells the API', async () => {
    const { mail, done } = composeMail({ subject: 'SV: Lekplatsen', sharedMailbox: async () => 'registrator@ekby.se' });
    const { host } = fakeHost({ item: mail });
    const api = fakeApi({
      'GET /cases/*': casesById(lekplats),
      'GET /mail/registrations': ({ query }) => json({ items: query.get('conversationId') === 'conv-2' ? [registrationRef(lekplats, 1)] : [] }),
      'POST /mail/outgoing': () => json(tie, 201),
    });
    renderPane(host, api.client);

    expect(await screen.findByRole('heading', { name: 'Koppla mejlet till ett ärende' })).toBeTruthy();
    expect(screen.queryByRole('radio', { name: /Nytt ärende/ })).toBeNull();
    await waitFor(() => expect((screen.getByRole('radio', { name: /KS 2026\/0042.*Samma konversation/ }) as HTMLInputElement).checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Koppla till ärendet' }));

    expect(await screen.findByText('Mejlet är kopplat till KS 2026/0042.')).toBeTruthy();
    expect(screen.getByText('När du skickar det registreras den skickade kopian som utgående handling i ärendet.')).toBeTruthy();
    expect(done).toEqual(['header:KS 2026/0042', 'saveDraft']);
    expect(api.calls('POST /mail/outgoing')[0]!.body).toEqual({ itemId: 'draft-rest-id', mailbox: 'registrator@ekby.se', caseRef: lekplats.id });
  });

  it('asks for a case before anything is saved', async () => {
    const { mail, done } = composeMail({ conversationId: null });
    const { host } = fakeHost({ item: mail });
    const api = fakeApi();
    renderPane(host, api.client);

    fireEvent.click(await screen.findByRole('button', { name: 'Koppla till ärendet' }));
    expect(await screen.findByText('Välj ett ärende eller sök efter ett.')).toBeTruthy();
    expect(done).toEqual([]);
    expect(api.calls('POST /mail/outgoing')).toHaveLength(0);
  });

  it('shows what Outlook said when the draft cannot be saved, and keeps what the user typed', async () => {
    const { mail } = composeMail({
      subject: 'Angående KS 2026/0042',
      saveDraft: async () => {
        throw new HostError('The mailbox is offline.', 9002);
      },
    });
    const { host } = fakeHost({ item: mail });
    const api = fakeApi({ 'GET /cases/*': casesById(lekplats) });
    renderPane(host, api.client);

    await waitFor(() => expect((screen.getByRole('radio', { name: /KS 2026\/0042/ }) as HTMLInputElement).checked).toBe(true));
    fireEvent.change(screen.getByRole('textbox', { name: 'Titel i diariet' }), { target: { value: 'Svar om lekplatsen' } });
    fireEvent.click(screen.getByRole('button', { name: 'Koppla till ärendet' }));

    expect(await screen.findByText('Outlook svarade inte som väntat: The mailbox is offline.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Titel i diariet' }) as HTMLInputElement).value).toBe('Svar om lekplatsen');
    expect(api.calls('POST /mail/outgoing')).toHaveLength(0);
  });
});
