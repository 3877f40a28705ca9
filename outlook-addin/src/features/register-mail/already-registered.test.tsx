import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '../../test/fake-api.ts';
import { fakeHost } from '../../test/fake-host.ts';
import { caseFull, registrationRef, registrationResult, summaryOf } from '../../test/fixtures.ts';
import { renderPane } from '../../test/render.tsx';

const bygglov = caseFull(42, 'BN 2026/0042', 'Bygglov för nybyggnad av förråd, Björkhagen 15:79');
const other = caseFull(43, 'KS 2026/0017', 'Medborgarförslag om ny lekplats');

describe('a mail that is already registered', () => {
  it('shows the document number, the case, who registered it and when, and opens the case', async () => {
    const { host, opened } = fakeHost();
    const api = fakeApi({ 'GET /mail/registrations': () => json({ items: [registrationRef(bygglov, 3)] }) });
    renderPane(host, api.client);

    const section = await screen.findByRole('region', { name: 'Mejlet är redan diariefört' });
    expect(within(section).getByText('BN 2026/0042-3 i ärende BN 2026/0042')).toBeTruthy();
    expect(within(section).getByText(bygglov.title)).toBeTruthy();
    expect(within(section).getByText(/Registrerat av Karin Lindqvist 20 nov. 2026 10:15/)).toBeTruthy();
    expect(api.calls('GET /mail/registrations')[0]!.query.get('internetMessageId')).toBe('<abc@example.se>');
    // Nothing to fill in until the user asks to register it elsewhere too.
    expect(screen.queryByRole('button', { name: 'Registrera' })).toBeNull();

    fireEvent.click(within(section).getByRole('button', { name: 'Öppna ärendet' }));
    expect(opened).toEqual(['http://diarium.test/tabs/case.html?case=BN%202026%2F0042']);
  });

  it('registers it in another case too when the user asks, saying so to the API', async () => {
    const { host } = fakeHost();
    const api = fakeApi({
      'GET /mail/registrations': ({ query }) => json({ items: query.get('internetMessageId') ? [registrationRef(bygglov, 3)] : [] }),
      'GET /cases': () => json({ items: [summaryOf(other)], nextCursor: null }),
      'POST /mail/registrations': () => json(registrationResult(other, 5, 'Ansökan om bygglov, Björkhagen 15:79'), 201),
    });
    renderPane(host, api.client);

    fireEvent.click(await screen.findByRole('button', { name: 'Registrera även i ett annat ärende' }));
    // The case it is already in is not offered again.
    fireEvent.click(await screen.findByRole('radio', { name: /KS 2026\/0017/ }));
    expect(screen.queryByRole('radio', { name: /BN 2026\/0042/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Registrera' }));

    expect(await screen.findByText('Registrerat som KS 2026/0017-5')).toBeTruthy();
    const [post] = api.calls('POST /mail/registrations');
    expect(post!.body).toMatchObject({ target: { caseRef: other.id }, alsoInOtherCase: true });
    await waitFor(() => expect(api.calls('POST /mail/registrations')).toHaveLength(1));
  });
});
