import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { renderTab } from '../../test/render.tsx';
import { API, problemBody, useTestServer } from '../../test/server.ts';
import { MyWork } from './MyWork.tsx';
import { bistand, caseViewHandlers, lekplats, pageHandlers, sjovik } from './test-data.ts';

const server = useTestServer();
const region = (name: string) => screen.getByRole('region', { name });

afterEach(() => {
  // The window outlives a test: leave no open case in its address.
  window.history.replaceState(null, '', '/tabs/mine.html');
});

describe('Mitt arbete', () => {
  it('shows the cases waiting for me, the longest waiting first, with how many new documents since when', async () => {
    server.use(...pageHandlers());
    renderTab(<MyWork initialCase={null} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Mitt arbete' })).toBeTruthy();
    const waiting = region('Väntar på mig');
    await within(waiting).findByText('1 ny handling sedan 10 nov. 2026');
    const [first, second] = within(waiting).getAllByRole('listitem');
    expect(within(first!).getByRole('button', { name: 'KS 2026/0051 Medborgarförslag om ny lekplats i Ekby centrum' })).toBeTruthy();
    expect(within(first!).getByText('1 ny handling sedan 10 nov. 2026')).toBeTruthy();
    expect(within(second!).getByRole('button', { name: 'KS 2026/0042 Detaljplan för Sjövik 2:14' })).toBeTruthy();
    expect(within(second!).getByText('3 nya handlingar sedan 18 nov. 2026')).toBeTruthy();
  });

  it('tells what happened lately in my cases in short sentences, with the Sekretess badge on a confidential case', async () => {
    server.use(...pageHandlers());
    renderTab(<MyWork initialCase={null} />);

    const activity = region('Senaste händelser');
    await within(activity).findByText('Karin Lindqvist registrerade KS 2026/0042-4 Synpunkter på planförslaget i KS 2026/0042');
    expect(within(activity).getByText('Johan Berg avslutade KS 2026/0051')).toBeTruthy();
    const [, confidential, closed] = within(activity).getAllByRole('listitem');
    expect(within(confidential!).getByText('Karin Lindqvist registrerade SN 2026/0077-2 Handling med sekretess i SN 2026/0077')).toBeTruthy();
    expect(within(confidential!).getByRole('button', { name: `SN 2026/0077 ${bistand.publicTitle}` })).toBeTruthy();
    expect(within(confidential!).getByText('Sekretess')).toBeTruthy();
    expect(within(closed!).queryByText('Sekretess')).toBeNull();
    expect(within(closed!).getByText('18 nov. 2026 09:00')).toBeTruthy();
  });

  it('lists my open cases and fetches the next page with the cursor on "Visa fler"', async () => {
    const asked: URLSearchParams[] = [];
    server.use(
      ...pageHandlers((url) => {
        asked.push(url.searchParams);
        return url.searchParams.get('cursor') === 'page-2'
          ? HttpResponse.json({ items: [lekplats], nextCursor: null })
          : HttpResponse.json({ items: [sjovik], nextCursor: 'page-2' });
      }),
    );
    renderTab(<MyWork initialCase={null} />);

    const mine = region('Mina öppna ärenden');
    await within(mine).findByRole('button', { name: /KS 2026\/0042/ });
    expect(Object.fromEntries(asked[0]!)).toEqual({ officer: 'me', status: 'open', limit: '25' });
    expect(within(mine).getByText('Handläggare: Johan Berg')).toBeTruthy();
    expect(within(mine).getByText('Enhet: Kommunledningskontoret')).toBeTruthy();

    fireEvent.click(within(mine).getByRole('button', { name: 'Visa fler' }));
    await within(mine).findByRole('button', { name: /KS 2026\/0051/ });
    expect(Object.fromEntries(asked[1]!)).toEqual({ officer: 'me', status: 'open', limit: '25', cursor: 'page-2' });
    expect(within(mine).getAllByRole('listitem')).toHaveLength(2);
    expect(within(mine).queryByRole('button', { name: 'Visa fler' })).toBeNull();
  });

  it('shows "Köer" first only to those who work in a queue', async () => {
    server.use(...pageHandlers());
    const { unmount } = renderTab(<MyWork initialCase={null} />);
    await within(region('Väntar på mig')).findByText('1 ny handling sedan 10 nov. 2026');
    expect(screen.queryByRole('region', { name: 'Köer' })).toBeNull();
    unmount();

    server.use(...pageHandlers(undefined, [{ id: '60000000-0000-4000-8000-000000000001', name: 'Registraturen', unit: null, waiting: 4, overdue: 1, dueSoon: 0 }]));
    renderTab(<MyWork initialCase={null} />);
    const queues = await screen.findByRole('region', { name: 'Köer' });
    expect(screen.getAllByRole('region')[0]).toBe(queues);
    expect(within(queues).getByRole('button', { name: 'Registraturen' })).toBeTruthy();
    expect(within(queues).getByText('Väntar: 4')).toBeTruthy();
    // The only queue opens at once.
    expect(await within(queues).findByText('Inga meddelanden här.')).toBeTruthy();
  });

  it('shows a failing section’s problem with "Försök igen", while the other sections still show', async () => {
    let failing = true;
    server.use(
      http.get(`${API}/me/work`, () =>
        failing ? HttpResponse.json(problemBody(503, 'unavailable', 'Diarium är inte tillgängligt just nu. Försök igen om en stund.'), { status: 503 }) : undefined,
      ),
      ...pageHandlers(),
    );
    renderTab(<MyWork initialCase={null} />);

    const waiting = region('Väntar på mig');
    expect((await within(waiting).findByRole('alert')).textContent).toBe('Diarium är inte tillgängligt just nu. Försök igen om en stund.');
    expect(within(region('Senaste händelser')).getByRole('alert')).toBeTruthy();
    expect(await within(region('Mina öppna ärenden')).findByRole('button', { name: /KS 2026\/0042/ })).toBeTruthy();
    expect(within(region('Sök i diariet')).getByRole('searchbox', { name: 'Ord eller diarienummer' })).toBeTruthy();

    failing = false;
    fireEvent.click(within(waiting).getByRole('button', { name: 'Försök igen' }));
    expect(await within(waiting).findByText('1 ny handling sedan 10 nov. 2026')).toBeTruthy();
    expect(within(region('Senaste händelser')).queryByRole('alert')).toBeNull();
  });

  it('opens a deep link’s case at once, and "Tillbaka till Mitt arbete" returns to the lists', async () => {
    server.use(...pageHandlers(), ...caseViewHandlers());
    renderTab(<MyWork initialCase="KS 2026/0042" />);

    const back = screen.getByRole('button', { name: 'Tillbaka till Mitt arbete' });
    expect(screen.queryByRole('heading', { name: 'Mitt arbete' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Väntar på mig' })).toBeNull();

    fireEvent.click(back);
    const title = screen.getByRole('heading', { level: 1, name: 'Mitt arbete' });
    expect(document.activeElement).toBe(title);
    expect(screen.queryByRole('button', { name: 'Tillbaka till Mitt arbete' })).toBeNull();
    expect(await within(region('Väntar på mig')).findByText('1 ny handling sedan 10 nov. 2026')).toBeTruthy();
  });

  it('opens a case chosen in a list, names it in the address, and on return (ours or the browser’s back) puts focus back on it', async () => {
    server.use(...pageHandlers(), ...caseViewHandlers());
    renderTab(<MyWork initialCase={null} />);

    const waiting = region('Väntar på mig');
    const chosen = await within(waiting).findByRole('button', { name: /KS 2026\/0042/ });
    fireEvent.click(chosen);

    const back = screen.getByRole('button', { name: 'Tillbaka till Mitt arbete' });
    expect(document.activeElement).toBe(back);
    expect(window.location.hash).toBe('#case=KS%202026%2F0042');

    fireEvent.click(back);
    await waitFor(() => expect(document.activeElement).toBe(chosen));
    expect(screen.queryByRole('button', { name: 'Tillbaka till Mitt arbete' })).toBeNull();
    await waitFor(() => expect(window.location.hash).toBe(''));

    // The browser's own back button does the same.
    fireEvent.click(chosen);
    expect(window.location.hash).toBe('#case=KS%202026%2F0042');
    window.history.back();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Tillbaka till Mitt arbete' })).toBeNull());
    // The focus is put back once the lists are shown again, in the render after.
    await waitFor(() => expect(document.activeElement).toBe(chosen));
  });
});
