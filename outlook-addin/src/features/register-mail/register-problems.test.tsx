import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { casesById, fakeApi, json, problem, type Reply } from '../../test/fake-api.ts';
import { fakeHost, readMail } from '../../test/fake-host.ts';
import { caseFull, registrationRef, registrationResult } from '../../test/fixtures.ts';
import { renderPane } from '../../test/render.tsx';

const lekplats = caseFull(42, 'KS 2026/0042', 'Medborgarförslag om ny lekplats i Ekby centrum');
const tidigare = caseFull(1, 'KS 2026/0001', 'Synpunkter på parkerna');
const subject = 'Synpunkter på lekplatsen, KS 2026/0042';

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Registrera' }));
const textbox = (name: RegExp | string) => screen.getByRole('textbox', { name }) as HTMLInputElement;

async function openWithCase(routes: Parameters<typeof fakeApi>[0]) {
  const { host } = fakeHost({ item: readMail({ subject }) });
  const api = fakeApi({ 'GET /cases/*': casesById(lekplats, tidigare), ...routes });
  renderPane(host, api.client);
  await waitFor(() => expect((screen.getByRole('radio', { name: /KS 2026\/0042/ }) as HTMLInputElement).checked).toBe(true));
  return api;
}

describe('a registration the API refuses', () => {
  it('keeps everything the user typed and shows each field error next to its field', async () => {
    const api = await openWithCase({
      'POST /mail/registrations': () =>
        problem(400, 'validation_failed', 'Rätta de markerade fälten och försök igen.', [
          { field: 'title', message: 'Titeln får vara högst 500 tecken.' },
          { field: 'counterparty.email', message: 'Ange en giltig e-postadress.' },
          { field: 'mailbox', message: 'Du har inte behörighet till brevlådan.' },
        ]),
    });
    fireEvent.change(textbox('Titel'), { target: { value: 'Min egen titel' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sekretessmarkera handlingen' }));
    fireEvent.change(textbox(/Offentlig titel/), { target: { value: 'Synpunkter' } });
    submit();

    expect(await screen.findByText('Titeln får vara högst 500 tecken.')).toBeTruthy();
    expect(textbox('Titel').value).toBe('Min egen titel');
    expect(textbox('Titel').getAttribute('aria-invalid')).toBe('true');
    expect(textbox(/Offentlig titel/).value).toBe('Synpunkter');
    expect((screen.getByRole('checkbox', { name: 'Sekretessmarkera handlingen' }) as HTMLInputElement).checked).toBe(true);
    expect(textbox('E-postadress').getAttribute('aria-invalid')).toBe('true');
    // What belongs to no field is in the summary, which gets the focus.
    const summary = screen.getByText('Det gick inte att registrera').closest('[tabindex="-1"]')!;
    expect(summary.textContent).toContain('Du har inte behörighet till brevlådan.');
    expect(summary.textContent).toContain('Det du har fyllt i finns kvar.');
    expect(document.activeElement).toBe(summary);
    expect((screen.getByRole('radio', { name: /KS 2026\/0042/ }) as HTMLInputElement).checked).toBe(true);
    expect(api.calls('POST /mail/registrations')).toHaveLength(1);
  });

  it('says what to do when the mail is not found in the mailbox', async () => {
    await openWithCase({ 'POST /mail/registrations': () => problem(404, 'mail_not_found', 'Mejlet hittades inte.') });
    submit();
    expect(await screen.findByText(/Mejlet hittades inte i brevlådan\..*Vänta en stund, öppna mejlet på nytt och försök igen\./)).toBeTruthy();
    expect(textbox('Titel').value).toBe(subject);
  });

  it('shows the API’s own words for a conflict that is not about the mail, without asking to register again', async () => {
    const api = await openWithCase({
      'POST /mail/registrations': () => problem(409, 'conflict', 'Ärendet är makulerat och kan inte få nya handlingar.'),
    });
    submit();
    expect(await screen.findByText('Ärendet är makulerat och kan inte få nya handlingar.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ja, registrera även här' })).toBeNull();
    expect(api.calls('POST /mail/registrations')).toHaveLength(1);
  });

  it('says what to do when the mail and its attachments are too large', async () => {
    await openWithCase({ 'POST /mail/registrations': () => problem(413, 'payload_too_large', 'Största tillåtna storlek är 100 MB.') });
    submit();
    expect(await screen.findByText(/Avmarkera de största bilagorna och försök igen/)).toBeTruthy();
    expect(screen.getByText('Största tillåtna storlek är 100 MB.')).toBeTruthy();
  });

  it('sends one registration for a double click, and the same key again when the user retries after a network failure', async () => {
    let answer: (reply: Reply) => void = () => undefined;
    let attempt = 0;
    const api = await openWithCase({
      'POST /mail/registrations': () => {
        attempt += 1;
        if (attempt === 1) throw new TypeError('Failed to fetch');
        return new Promise<Reply>((resolve) => {
          answer = resolve;
        });
      },
    });
    submit();
    expect(await screen.findByText(/Kunde inte nå Diarium\. Kontrollera nätverket och försök igen/)).toBeTruthy();

    const button = screen.getByRole('button', { name: 'Registrera' });
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(api.calls('POST /mail/registrations')).toHaveLength(2));
    expect(button.textContent).toBe('Registrerar …');
    fireEvent.click(button);
    answer(json(registrationResult(lekplats, 3, subject), 201));
    expect(await screen.findByText('Registrerat som KS 2026/0042-3')).toBeTruthy();
    const [first, retry] = api.calls('POST /mail/registrations');
    expect(retry!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
    expect(api.calls('POST /mail/registrations')).toHaveLength(2);
  });

  it('uses a new key when the user changed the registration before trying again', async () => {
    let attempt = 0;
    const api = await openWithCase({
      'POST /mail/registrations': () =>
        ++attempt === 1
          ? problem(400, 'validation_failed', 'Rätta fälten.', [{ field: 'title', message: 'För lång.' }])
          : json(registrationResult(lekplats, 3, 'Kortare titel'), 201),
    });
    submit();
    await screen.findByText('För lång.');
    fireEvent.change(textbox('Titel'), { target: { value: 'Kortare titel' } });
    submit();
    await screen.findByText('Registrerat som KS 2026/0042-3');
    const [first, second] = api.calls('POST /mail/registrations');
    expect(second!.headers['idempotency-key']).not.toBe(first!.headers['idempotency-key']);
  });
});

describe('a mail registered in another case meanwhile', () => {
  const elsewhere = (alsoInOtherCase: boolean) =>
    alsoInOtherCase
      ? json(registrationResult(lekplats, 3, subject), 201)
      : problem(409, 'already_registered_elsewhere', 'Mejlet är redan diariefört i ett annat ärende.');
  const lookups = ({ query }: { query: URLSearchParams }) =>
    json({ items: query.get('internetMessageId') ? [registrationRef(tidigare, 7)] : [] });

  it('asks before registering it here as well, and then says so to the API', async () => {
    let lookupsMade = 0;
    const api = await openWithCase({
      'POST /mail/registrations': ({ body }) => elsewhere((body as { alsoInOtherCase: boolean }).alsoInOtherCase),
      // On open the mail was nowhere; by the time it was sent, a colleague had registered it.
      'GET /mail/registrations': (request) => (request.query.get('internetMessageId') && lookupsMade++ === 0 ? json({ items: [] }) : lookups(request)),
    });
    submit();

    expect(
      await screen.findByText('Mejlet är redan registrerat i KS 2026/0001. Vill du registrera det även i KS 2026/0042?'),
    ).toBeTruthy();
    expect(api.calls('POST /mail/registrations')).toHaveLength(1);
    const confirm = screen.getByRole('button', { name: 'Ja, registrera även här' });
    expect(document.activeElement).toBe(confirm);
    fireEvent.click(confirm);

    expect(await screen.findByText('Registrerat som KS 2026/0042-3')).toBeTruthy();
    const [first, second] = api.calls('POST /mail/registrations');
    expect(first!.body).toMatchObject({ alsoInOtherCase: false });
    expect(second!.body).toMatchObject({ alsoInOtherCase: true, target: { caseRef: lekplats.id } });
    expect(second!.headers['idempotency-key']).not.toBe(first!.headers['idempotency-key']);
  });

  it('sends nothing more when the user says no', async () => {
    let lookupsMade = 0;
    const api = await openWithCase({
      'POST /mail/registrations': () => elsewhere(false),
      'GET /mail/registrations': (request) => (request.query.get('internetMessageId') && lookupsMade++ === 0 ? json({ items: [] }) : lookups(request)),
    });
    submit();
    fireEvent.click(await screen.findByRole('button', { name: 'Nej, avbryt' }));

    expect(screen.queryByText(/Vill du registrera det även/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Registrera' })).toBeTruthy();
    expect(api.calls('POST /mail/registrations')).toHaveLength(1);
  });
});
