import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderTab } from '../../test/render.tsx';
import { problemBody, useTestServer } from '../../test/server.ts';
import { Queues } from './Queues.tsx';
import { NOW, UNITS, serveQueues } from './test-data.ts';

const server = useTestServer();

const press = (element: HTMLElement) => {
  element.focus();
  fireEvent.click(element);
};
const rows = () => within(screen.getByRole('list', { name: 'Meddelanden i Registraturen' })).getAllByRole('listitem');
const row = (subject: string) => rows().find((r) => within(r).queryByRole('heading', { level: 4, name: subject }))!;
const subjects = () => rows().map((r) => within(r).getByRole('heading', { level: 4 }).textContent);
const choose = (subject: string) => press(within(row(subject)).getByRole('checkbox'));
const status = () => screen.getByRole('status').textContent;

const ALTAN = 'Fråga om bygglov för altan';
const LIGHT = 'Synpunkt på gatubelysningen';
const OFFER = 'Erbjudande: kontorsmaterial till halva priset';

async function openRegistry() {
  const api = serveQueues();
  server.use(...api.handlers);
  renderTab(<Queues now={() => NOW} />);
  press(await screen.findByRole('button', { name: 'Registraturen' }));
  await screen.findByRole('list', { name: /Registraturen/ });
  return api;
}

async function openBulkRegistration(count: number) {
  press(screen.getByRole('button', { name: 'Diarieför valda' }));
  const dialog = await screen.findByRole('dialog', { name: `Diarieför ${count} meddelanden i ett ärende` });
  await within(dialog).findByRole('radio', { name: 'Ett nytt ärende' });
  return dialog;
}
const submit = (dialog: HTMLElement) => press(within(dialog).getByRole('button', { name: 'Diarieför' }));

describe('registering several messages of a queue into one case', () => {
  it('offers it only once messages are selected, and registers them into a new case made with the first, each its own document', async () => {
    const api = await openRegistry();
    expect(screen.getByRole('button', { name: 'Diarieför valda' }).getAttribute('aria-disabled')).toBe('true');
    choose(ALTAN);
    choose(LIGHT);
    const dialog = await openBulkRegistration(2);

    const listed = within(dialog).getByRole('list', { name: 'Meddelanden som diarieförs' });
    expect(within(listed).getAllByRole('listitem').map((li) => li.textContent)).toEqual([ALTAN, LIGHT]);
    // Only the first names a case, so none is suggested for both.
    expect(within(dialog).queryByRole('radio', { name: /^Föreslaget ärende/ })).toBeNull();
    expect(within(dialog).getByText('Meddelandena hänvisar inte till samma ärende, så inget ärende föreslås.')).toBeTruthy();

    press(within(dialog).getByRole('radio', { name: 'Ett nytt ärende' }));
    const diary = (await within(dialog).findByRole('combobox', { name: /^Diarium/ })) as HTMLSelectElement;
    await waitFor(() => expect(diary.value).toBe('KS'));
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Ärendemening/ }), { target: { value: 'Sjövik 2:14' } });
    submit(dialog);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.sent.at(-1)).toEqual({
      path: '/queue-items/registrations',
      ifMatch: null,
      body: {
        items: [
          { id: '80000000-0000-4000-8000-000000000001', version: 1 },
          { id: '80000000-0000-4000-8000-000000000002', version: 4 },
        ],
        target: { newCase: { diary: 'KS', title: 'Sjövik 2:14', unitId: UNITS[0]!.id } },
      },
    });
    await waitFor(() => expect(status()).toBe('2 meddelanden diarieförda i KS 2026/0101.'));
    await waitFor(() => expect(subjects()).toEqual([OFFER]));
    expect(screen.getByText('Välj meddelanden i listan för att göra samma sak med flera.')).toBeTruthy();
  });

  it('registers those it can and names each it could not, which stays waiting and selected, with the reason', async () => {
    const api = await openRegistry();
    choose(ALTAN);
    choose(OFFER);
    // Someone changes the offer after the list was read.
    api.state.items = api.state.items.map((item) => (item.subject === OFFER ? { ...item, version: item.version + 1 } : item));
    const dialog = await openBulkRegistration(2);

    press(within(dialog).getByRole('radio', { name: 'Ett annat befintligt ärende' }));
    submit(dialog);
    expect(await within(dialog).findByText('Välj ett ärende i listan.')).toBeTruthy();
    expect(api.state.sent).toEqual([]);
    fireEvent.change(within(dialog).getByRole('combobox', { name: /^Ärende/ }), { target: { value: 'BN 2026/51' } });
    press(await screen.findByRole('option', { name: 'BN 2026/0051 Bygglov för altan, Sjövik 2:14' }));
    submit(dialog);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((api.state.sent.at(-1)!.body as { target: unknown }).target).toEqual({ caseRef: '10000000-0000-4000-8000-000000000051' });
    await waitFor(() => expect(status()).toBe(`Diarieförd som BN 2026/0051-1: ”${ALTAN}”.`));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      `1 av meddelandena kunde inte diarieföras. De väntar kvar i kön och är fortfarande valda: ”${OFFER}”: Meddelandet har ändrats av någon annan. Läs in kön igen.`,
    );
    await waitFor(() => expect(subjects()).toEqual([LIGHT, OFFER]));
    expect((within(row(OFFER)).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
  });

  it('keeps the dialog and the case chosen when the API refuses the whole request, in its words', async () => {
    const api = await openRegistry();
    choose(ALTAN);
    choose(LIGHT);
    const dialog = await openBulkRegistration(2);
    api.state.fail = HttpResponse.json(problemBody(404, 'not_found', 'Ärendet finns inte.'), { status: 404 });
    press(within(dialog).getByRole('radio', { name: 'Ett nytt ärende' }));
    await within(dialog).findByRole('combobox', { name: /^Diarium/ });
    submit(dialog);

    await waitFor(() => expect(within(dialog).getAllByRole('alert').map((a) => a.textContent).join(' ')).toContain('Ärendet finns inte.'));
    expect(within(dialog).getByRole('radio', { name: 'Ett nytt ärende' })).toHaveProperty('checked', true);
    // Nothing was registered: the messages still wait.
    expect(api.state.items.filter((item) => item.status === 'waiting').map((item) => item.subject)).toEqual([OFFER, ALTAN, LIGHT]);
  });
});
