import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { casesById, fakeApi, json } from '../../test/fake-api.ts';
import { fakeHost, readMail } from '../../test/fake-host.ts';
import { caseFull, caseRestricted, registrationRef, summaryOf } from '../../test/fixtures.ts';
import { renderPane } from '../../test/render.tsx';

const quoted = caseFull(42, 'KS 2026/0042', 'Medborgarförslag om ny lekplats i Ekby centrum');
const inBody = caseFull(12, 'BN 2026/0012', 'Bygglov för nybyggnad av förråd');
const conversation = caseFull(7, 'BN 2026/0007', 'Strandskyddsdispens, Sjövik 1:4');
const mine = caseFull(3, 'SN 2026/0003', 'Upphandling av hemtjänst', { status: 'open' });
const secret = caseRestricted(9, 'SN 2026/0009', 'Ärende om bistånd');

describe('case suggestions', () => {
  it('offers the case quoted in the subject first, then the body, then the conversation, then my open cases, each once', async () => {
    const { host } = fakeHost({
      item: readMail({ subject: 'Re: Lekplatsen, Dnr KS-2026-0042', body: 'Hej!\nErt dnr BN 2026/12 gäller också.\n', conversationId: 'conv-9' }),
    });
    const api = fakeApi({
      'GET /cases/*': casesById(quoted, inBody, conversation),
      'GET /mail/registrations': ({ query }) =>
        json({ items: query.get('conversationId') === 'conv-9' ? [registrationRef(conversation, 2), registrationRef(quoted, 4)] : [] }),
      'GET /cases': ({ query }) =>
        json({ items: query.get('officer') === 'me' && query.get('status') === 'open' ? [summaryOf(mine), summaryOf(quoted)] : [], nextCursor: null }),
    });
    renderPane(host, api.client);

    const group = await screen.findByRole('radiogroup', { name: 'Ärende' });
    await waitFor(() => expect(within(group).getAllByRole('radio')).toHaveLength(5));
    const labels = within(group)
      .getAllByRole('radio')
      .map((r) => document.querySelector(`label[for="${r.id}"]`)?.textContent ?? '');
    expect(labels[0]).toMatch(/^KS 2026\/0042.*Medborgarförslag.*Nämns i mejlet$/);
    expect(labels[1]).toMatch(/^BN 2026\/0012.*Nämns i mejlet$/);
    expect(labels[2]).toMatch(/^BN 2026\/0007.*Samma konversation$/);
    expect(labels[3]).toMatch(/^SN 2026\/0003.*Mitt öppna ärende$/);
    expect(labels[4]).toMatch(/^Nytt ärende/);
    // The quoted case is chosen beforehand: the common case costs no click.
    await waitFor(() => expect((within(group).getByRole('radio', { name: /KS 2026\/0042/ }) as HTMLInputElement).checked).toBe(true));
  });

  it('shows only the public title of a confidential case, marked as such, and its status', async () => {
    const { host } = fakeHost({ item: readMail({ subject: 'Angående SN 2026/0009' }) });
    const api = fakeApi({ 'GET /cases/*': casesById(secret) });
    renderPane(host, api.client);

    const radio = await screen.findByRole('radio', { name: /SN 2026\/0009/ });
    const label = document.querySelector(`label[for="${radio.id}"]`)!.textContent!;
    expect(label).toContain('Ärende om bistånd');
    expect(label).toContain('Sekretess');
    expect(label).toContain('Öppet');
  });

  it('chooses nothing beforehand when only my own open cases are offered', async () => {
    const { host } = fakeHost({ item: readMail({ subject: 'Fråga om taxor', conversationId: null }) });
    const api = fakeApi({ 'GET /cases': () => json({ items: [summaryOf(mine)], nextCursor: null }) });
    renderPane(host, api.client);

    const radio = await screen.findByRole('radio', { name: /SN 2026\/0003/ });
    expect((radio as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Registrera' }));
    expect(await screen.findByText('Välj ett ärende, sök efter ett eller välj Nytt ärende.')).toBeTruthy();
    expect(api.calls('POST /mail/registrations')).toHaveLength(0);
  });
});
