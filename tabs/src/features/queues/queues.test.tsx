import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { USERS } from '../../test/fixtures.ts';
import { fakeHost, renderTab } from '../../test/render.tsx';
import { problemBody, useTestServer } from '../../test/server.ts';
import { Queues } from './Queues.tsx';
import { BUILDING, NOW, queueItem, serveQueues } from './test-data.ts';

const server = useTestServer();

// As in a browser, what the user clicks has focus (a modal dialog keeps itself accessible only while focus is inside it).
const press = (element: HTMLElement) => {
  element.focus();
  fireEvent.click(element);
};
const section = () => screen.findByRole('region', { name: 'Köer' });
const queueCard = (name: string) => screen.getByRole('button', { name }).closest('li')!;
const rows = (queue = 'Registraturen') => within(screen.getByRole('list', { name: `Meddelanden i ${queue}` })).getAllByRole('listitem');
const subjects = () => rows().map((row) => within(row).getByRole('heading', { level: 4 }).textContent);
const row = (subject: string) => rows().find((r) => within(r).queryByRole('heading', { level: 4, name: subject }))!;
const status = () => screen.getByRole('status').textContent;

/** Renders the section over the emulated API and opens Registraturen. */
async function openRegistry(items?: Parameters<typeof serveQueues>[0], host = fakeHost()) {
  const api = serveQueues(items);
  server.use(...api.handlers);
  renderTab(<Queues now={() => NOW} />, { host });
  press(await screen.findByRole('button', { name: 'Registraturen' }));
  await screen.findByRole('list', { name: /Registraturen/ });
  return api;
}

describe('the queues in Mitt arbete', () => {
  it('shows each queue with what waits, what is late and what is soon late', async () => {
    server.use(...serveQueues().handlers);
    renderTab(<Queues now={() => NOW} />);

    const queues = within(await section()).getByRole('list', { name: 'Dina köer' });
    expect(within(queues).getAllByRole('listitem')).toHaveLength(2);
    const registry = queueCard('Registraturen');
    expect(within(registry).getByText('Väntar: 3')).toBeTruthy();
    expect(within(registry).getByText('Försenade: 1')).toBeTruthy();
    expect(within(registry).getByText('Snart försenade: 1')).toBeTruthy();
    const building = queueCard('Bygglov');
    expect(within(building).getByText('Enhet: Stadsbyggnadskontoret')).toBeTruthy();
    expect(within(building).getByText('Väntar: 0')).toBeTruthy();
    expect(screen.getByText('Välj en kö för att se dess meddelanden.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: /Meddelanden i/ })).toBeNull();
  });

  it('reads the counts and the messages again on its own while shown, so new mail appears without a reload', async () => {
    const api = serveQueues();
    server.use(...api.handlers);
    const { unmount } = renderTab(<Queues now={() => NOW} refreshEveryMs={100} />);
    press(await screen.findByRole('button', { name: 'Registraturen' }));
    await screen.findByRole('list', { name: /Registraturen/ });
    expect(within(queueCard('Registraturen')).getByText('Väntar: 3')).toBeTruthy();

    api.state.items = [...api.state.items, queueItem(9, { subject: 'Ansökan om färdtjänst' })];
    await waitFor(() => expect(subjects()).toContain('Ansökan om färdtjänst'));
    await waitFor(() => expect(within(queueCard('Registraturen')).getByText('Väntar: 4')).toBeTruthy());
    // Gone from the page, it reads nothing more.
    unmount();
  });

  it('lists a queue’s waiting messages with the nearest deadline first, with deadline, badges, sender, assignee, suggested case and rule', async () => {
    const api = await openRegistry();

    expect(screen.getByRole('button', { name: 'Registraturen', pressed: true })).toBeTruthy();
    expect(Object.fromEntries(api.state.reads[0]!)).toEqual({ status: 'waiting', limit: '50', offset: '0' });
    expect(subjects()).toEqual(['Fråga om bygglov för altan', 'Synpunkt på gatubelysningen', 'Erbjudande: kontorsmaterial till halva priset']);

    const [late, soon, offer] = rows();
    expect(within(late!).getByText('Försenad')).toBeTruthy();
    expect(within(late!).getByText('Ska hanteras senast 20 nov. 2026 17:00')).toBeTruthy();
    expect(within(late!).getByText('Inkom 9 nov. 2026 09:00')).toBeTruthy();
    expect(within(late!).getByText('Från: Anna Svensson <anna.svensson@example.se>')).toBeTruthy();
    expect(within(late!).getByText('Ej tilldelad')).toBeTruthy();
    expect(within(late!).getByText('Föreslaget ärende: KS 2026/0042 Detaljplan för Sjövik 2:14')).toBeTruthy();
    expect(within(late!).getByText('Regel: Diarienummer i ämnet')).toBeTruthy();
    expect(within(late!).queryByText('Troligen oviktigt')).toBeNull();

    expect(within(soon!).getByText('Snart försenad')).toBeTruthy();
    expect(within(soon!).queryByText('Försenad')).toBeNull();
    expect(within(soon!).getByText('Tilldelad: Johan Berg')).toBeTruthy();

    expect(within(offer!).getByText('Troligen oviktigt')).toBeTruthy();
    expect(within(offer!).queryByText('Försenad')).toBeNull();
    expect(within(offer!).queryByText('Snart försenad')).toBeNull();
    expect(within(offer!).getByText('Från: kampanj@kontorsgrossen.se')).toBeTruthy();
    expect(within(offer!).getByRole('checkbox', { name: 'Välj ”Erbjudande: kontorsmaterial till halva priset”' })).toBeTruthy();
  });

  it('takes a message with its version, says so, shows me as its assignee and keeps the focus on it', async () => {
    const api = await openRegistry();

    press(within(row('Fråga om bygglov för altan')).getByRole('button', { name: 'Ta' }));

    await waitFor(() => expect(within(row('Fråga om bygglov för altan')).getByText('Tilldelad: Johan Berg')).toBeTruthy());
    expect(api.state.sent).toEqual([{ path: `/queue-items/80000000-0000-4000-8000-000000000001/actions`, ifMatch: '"1"', body: { action: 'take' } }]);
    expect(status()).toBe('Du har tagit ”Fråga om bygglov för altan”.');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Fråga om bygglov för altan'));
  });

  it('sets a message aside only with a reason, and "Ångra" among those set aside brings it back', async () => {
    const api = await openRegistry();
    const subject = 'Erbjudande: kontorsmaterial till halva priset';

    press(within(row(subject)).getByRole('button', { name: 'Lägg åt sidan' }));
    const dialog = await screen.findByRole('dialog', { name: `Lägg ”${subject}” åt sidan` });
    press(within(dialog).getByRole('button', { name: 'Lägg åt sidan' }));
    expect(await within(dialog).findByText('Välj ett skäl.')).toBeTruthy();
    expect(api.state.sent).toEqual([]);
    expect(within(dialog).getAllByRole('radio').map((r) => r.closest('span, div')?.textContent)).toEqual([
      'Av ringa betydelse',
      'Inte allmän handling',
      'Skräppost',
      'Besvarad utan diarieföring',
    ]);
    press(within(dialog).getByRole('radio', { name: 'Av ringa betydelse' }));
    press(within(dialog).getByRole('button', { name: 'Lägg åt sidan' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.sent.at(-1)).toEqual({ path: '/queue-items/80000000-0000-4000-8000-000000000003/actions', ifMatch: '"1"', body: { action: 'setAside', reason: 'unimportant' } });
    await waitFor(() => expect(subjects()).toEqual(['Fråga om bygglov för altan', 'Synpunkt på gatubelysningen']));
    expect(status()).toBe(`”${subject}” är lagt åt sidan: Av ringa betydelse.`);
    await waitFor(() => expect(within(queueCard('Registraturen')).getByText('Väntar: 2')).toBeTruthy());

    press(screen.getByRole('radio', { name: 'Lagda åt sidan' }));
    await waitFor(() => expect(subjects()).toEqual([subject]));
    expect(within(row(subject)).getByText('Lagt åt sidan: Av ringa betydelse')).toBeTruthy();
    expect(within(row(subject)).queryByRole('button', { name: 'Ta' })).toBeNull();
    press(within(row(subject)).getByRole('button', { name: 'Ångra' }));
    await screen.findByText('Inga meddelanden här.');
    expect(status()).toBe(`”${subject}” väntar igen.`);
  });

  it('forwards the selected messages to another queue at once, and the counts follow', async () => {
    const api = await openRegistry();

    press(within(row('Fråga om bygglov för altan')).getByRole('checkbox'));
    press(within(row('Synpunkt på gatubelysningen')).getByRole('checkbox'));
    const bulk = screen.getByRole('group', { name: 'Åtgärder för valda meddelanden' });
    expect(screen.getByText('2 valda')).toBeTruthy();
    press(within(bulk).getByRole('button', { name: 'Skicka till annan kö' }));
    const dialog = await screen.findByRole('dialog', { name: 'Skicka 2 meddelanden till annan kö' });
    const queue = within(dialog).getByRole('combobox', { name: /^Kö/ });
    expect(within(queue).getAllByRole('option').map((o) => o.textContent)).toEqual(['Välj en kö.', 'Bygglov']);
    fireEvent.change(queue, { target: { value: BUILDING.id } });
    press(within(dialog).getByRole('button', { name: 'Skicka till annan kö' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.sent).toEqual([
      {
        path: '/queue-items/actions',
        ifMatch: null,
        body: { itemIds: ['80000000-0000-4000-8000-000000000001', '80000000-0000-4000-8000-000000000002'], action: { action: 'forward', queueId: BUILDING.id } },
      },
    ]);
    await waitFor(() => expect(subjects()).toEqual(['Erbjudande: kontorsmaterial till halva priset']));
    expect(status()).toBe('2 meddelanden är skickade till Bygglov.');
    await waitFor(() => expect(within(queueCard('Bygglov')).getByText('Väntar: 2')).toBeTruthy());
    expect(within(queueCard('Bygglov')).getByText('Försenade: 1')).toBeTruthy();
    expect(screen.getByText('Välj meddelanden i listan för att göra samma sak med flera.')).toBeTruthy();
  });

  it('when someone else changed the message first (412), reads the list again and says so', async () => {
    const api = await openRegistry();
    // Karin takes it while Johan looks at the list.
    api.state.items = api.state.items.map((item) => (item.subject === 'Fråga om bygglov för altan' ? { ...item, assignee: USERS.karin, version: 2 } : item));

    press(within(row('Fråga om bygglov för altan')).getByRole('button', { name: 'Ta' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Någon annan har ändrat meddelandet sedan listan lästes in. Listan är nu inläst på nytt; se efter hur det ser ut nu och försök igen om det behövs.',
    );
    expect(api.state.sent[0]!.ifMatch).toBe('"1"');
    await waitFor(() => expect(within(row('Fråga om bygglov för altan')).getByText('Tilldelad: Karin Lindqvist')).toBeTruthy());
    expect(status()).toBe('');
  });

  it('says a message is already handled (409), and on any other problem keeps the dialog and the reason chosen', async () => {
    const api = await openRegistry();
    const subject = 'Synpunkt på gatubelysningen';
    api.state.fail = HttpResponse.json(problemBody(503, 'unavailable', 'Diarium är inte tillgängligt just nu. Försök igen om en stund.'), { status: 503 });

    press(within(row(subject)).getByRole('button', { name: 'Lägg åt sidan' }));
    const dialog = await screen.findByRole('dialog', { name: `Lägg ”${subject}” åt sidan` });
    press(within(dialog).getByRole('radio', { name: 'Skräppost' }));
    press(within(dialog).getByRole('button', { name: 'Lägg åt sidan' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Diarium är inte tillgängligt just nu. Försök igen om en stund.');
    expect((within(dialog).getByRole('radio', { name: 'Skräppost' }) as HTMLInputElement).checked).toBe(true);

    // Meanwhile Karin set it aside herself.
    api.state.fail = null;
    api.state.items = api.state.items.map((item) => (item.subject === subject ? { ...item, status: 'set_aside', setAsideReason: 'answered' } : item));
    press(within(dialog).getByRole('button', { name: 'Lägg åt sidan' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.sent.at(-1)!.ifMatch).toBe('"4"');
    // The page behind the dialog is hidden from assistive technology until the dialog has closed.
    expect((await screen.findByRole('alert')).textContent).toBe('Meddelandet har redan hanterats av någon annan, så det går inte längre. Listan är nu inläst på nytt.');
    await waitFor(() => expect(subjects()).toEqual(['Fråga om bygglov för altan', 'Erbjudande: kontorsmaterial till halva priset']));
  });

  it('filters by assignee (Mina, Ej tilldelade) and by status (Diarieförda)', async () => {
    const api = await openRegistry();

    press(screen.getByRole('radio', { name: 'Mina' }));
    await waitFor(() => expect(subjects()).toEqual(['Synpunkt på gatubelysningen']));
    expect(api.state.reads.at(-1)!.get('assignee')).toBe('me');

    press(screen.getByRole('radio', { name: 'Ej tilldelade' }));
    await waitFor(() => expect(subjects()).toEqual(['Fråga om bygglov för altan', 'Erbjudande: kontorsmaterial till halva priset']));
    expect(api.state.reads.at(-1)!.get('assignee')).toBe('none');

    press(screen.getByRole('radio', { name: 'Alla' }));
    press(screen.getByRole('radio', { name: 'Diarieförda' }));
    await waitFor(() => expect(subjects()).toEqual(['Remissvar om översiktsplanen']));
    expect(Object.fromEntries(api.state.reads.at(-1)!)).toEqual({ status: 'registered', limit: '50', offset: '0' });
    const registered = row('Remissvar om översiktsplanen');
    expect(within(registered).getByText('Diarieförd som KS 2026/0042-5')).toBeTruthy();
    expect(within(registered).queryByRole('checkbox')).toBeNull();
    // A registered message can still be read, and nothing else.
    expect(within(registered).getAllByRole('button').map((b) => b.textContent)).toEqual(['Öppna']);
  });

  it('finds messages by words in the subject or the sender once the typing pauses, and says when none match', async () => {
    const api = await openRegistry();
    const reads = api.state.reads.length;
    const search = screen.getByRole('searchbox', { name: /^Sök i kön/ });

    fireEvent.change(search, { target: { value: 'kontorsgrossen' } });
    await waitFor(() => expect(subjects()).toEqual(['Erbjudande: kontorsmaterial till halva priset']));
    expect(api.state.reads.length).toBe(reads + 1);
    expect(api.state.reads.at(-1)!.get('q')).toBe('kontorsgrossen');

    fireEvent.change(search, { target: { value: 'altan  snöskottning ' } });
    expect(await screen.findByText('Inga meddelanden här matchar ”altan snöskottning”.')).toBeTruthy();
    fireEvent.change(search, { target: { value: '' } });
    await waitFor(() => expect(subjects()).toHaveLength(3));
    expect(api.state.reads.at(-1)!.get('q')).toBeNull();
  });

  it('speaks English to an English Teams', async () => {
    await openRegistry(undefined, fakeHost({ locale: 'en-GB' }));

    expect(screen.getByRole('region', { name: 'Queues' })).toBeTruthy();
    expect(within(queueCard('Registraturen')).getByText('Waiting: 3')).toBeTruthy();
    expect(within(queueCard('Registraturen')).getByText('Overdue: 1')).toBeTruthy();
    const late = within(screen.getByRole('list', { name: 'Messages in Registraturen' })).getAllByRole('listitem')[0]!;
    expect(within(late).getByText('Overdue')).toBeTruthy();
    expect(within(late).getByText('To be handled by 20 Nov 2026, 17:00')).toBeTruthy();
    expect(within(late).getByText('Unassigned')).toBeTruthy();
    expect(within(late).getByRole('button', { name: 'Take' })).toBeTruthy();
    expect(within(late).getByRole('button', { name: 'Open' })).toBeTruthy();
    expect(within(late).getByRole('button', { name: 'Register' })).toBeTruthy();
    expect(within(late).getByRole('button', { name: 'Send to another queue' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Unassigned' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Set aside' })).toBeTruthy();
  });
});
