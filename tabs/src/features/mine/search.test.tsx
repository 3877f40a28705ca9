import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { renderTab } from '../../test/render.tsx';
import { problemBody, useTestServer } from '../../test/server.ts';
import { MyWork } from './MyWork.tsx';
import { bistand, caseViewHandlers, lekplats, pageHandlers, sjovik } from './test-data.ts';

const server = useTestServer();
const searchRegion = () => screen.getByRole('region', { name: 'Sök i diariet' });
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
const words = () => within(searchRegion()).getByRole('searchbox', { name: 'Ord eller diarienummer' }) as HTMLInputElement;
/** The texts an element's aria-describedby points at, as a screen reader reads them after its name. */
const description = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

/** Answers "my open cases" with one case, and a search as `search` says. */
function answering(search: (params: URLSearchParams) => Response) {
  return pageHandlers((url) => (url.searchParams.get('officer') === 'me' ? HttpResponse.json({ items: [sjovik], nextCursor: null }) : search(url.searchParams)));
}

afterEach(() => {
  window.history.replaceState(null, '', '/tabs/mine.html');
});

describe('searching the register from Mitt arbete', () => {
  it('sends the words and every filter to the API as they are, and lists what it finds', async () => {
    const asked: URLSearchParams[] = [];
    server.use(
      ...answering((params) => {
        asked.push(params);
        return HttpResponse.json({ items: [lekplats, bistand], nextCursor: null });
      }),
    );
    renderTab(<MyWork initialCase={null} />);

    const region = searchRegion();
    await within(region).findByRole('option', { name: 'KS – Kommunstyrelsen' });
    await within(region).findByRole('option', { name: 'Stadsbyggnadskontoret' });
    type(words(), 'lekplatser Ekby');
    type(within(region).getByRole('combobox', { name: 'Diarium' }), 'KS');
    type(within(region).getByRole('combobox', { name: 'Status' }), 'open');
    type(within(region).getByRole('combobox', { name: 'Enhet' }), '20000000-0000-4000-8000-000000000002');
    type(within(region).getByLabelText('Öppnat från och med'), '2026-01-01');
    type(within(region).getByLabelText('Öppnat till och med'), '2026-11-23');
    fireEvent.submit(words());

    expect((await within(region).findByRole('status')).textContent).toBe('');
    await waitFor(() => expect(within(region).getByRole('status').textContent).toBe('2 ärenden hittades.'));
    expect(Object.fromEntries(asked[0]!)).toEqual({
      q: 'lekplatser Ekby',
      diary: 'KS',
      status: 'open',
      unit: '20000000-0000-4000-8000-000000000002',
      from: '2026-01-01',
      to: '2026-11-23',
      limit: '25',
    });
    const results = within(region).getByRole('list', { name: 'Sökresultat' });
    const [open, confidential] = within(results).getAllByRole('listitem');
    expect(within(open!).getByRole('button', { name: 'KS 2026/0051 Medborgarförslag om ny lekplats i Ekby centrum' })).toBeTruthy();
    expect(within(open!).getByText('Handläggare: Johan Berg')).toBeTruthy();
    expect(within(open!).getByText('Öppnat 2 mars 2026')).toBeTruthy();
    // Of a case the reader may not see: its number, public title, status and date, and the badge.
    expect(within(confidential!).getByRole('button', { name: 'SN 2026/0077 Ansökan om bistånd' })).toBeTruthy();
    expect(within(confidential!).getByText('Sekretess')).toBeTruthy();
    expect(within(confidential!).queryByText(/Handläggare|Enhet/)).toBeNull();
  });

  it('puts a 400 on "from" on its field and keeps what the user typed', async () => {
    server.use(
      ...answering(() =>
        HttpResponse.json(problemBody(400, 'validation_failed', 'Uppgifterna är inte giltiga.', [{ field: 'from', message: 'Från-datumet ligger efter till-datumet.' }]), {
          status: 400,
        }),
      ),
    );
    renderTab(<MyWork initialCase={null} />);

    const region = searchRegion();
    type(words(), 'detaljplan Sjövik');
    const from = within(region).getByLabelText('Öppnat från och med') as HTMLInputElement;
    type(from, '2026-12-01');
    type(within(region).getByLabelText('Öppnat till och med'), '2026-01-31');
    fireEvent.click(within(region).getByRole('button', { name: 'Sök' }));

    await within(region).findByText(/^Rätta de markerade fälten/);
    expect(within(region).getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
      'Från-datumet ligger efter till-datumet.',
      'Rätta de markerade fälten och försök igen. Det du skrev finns kvar. Uppgifterna är inte giltiga.',
    ]);
    expect(description(from)).toContain('Från-datumet ligger efter till-datumet.');
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(words().value).toBe('detaljplan Sjövik');
    expect(from.value).toBe('2026-12-01');
    expect(within(region).getByRole('status').textContent).toBe('');
  });

  it('shows more results with the cursor, and keeps the search and its results while a case is open', async () => {
    const asked: URLSearchParams[] = [];
    server.use(
      ...caseViewHandlers(),
      ...answering((params) => {
        asked.push(params);
        return params.get('cursor') ? HttpResponse.json({ items: [lekplats], nextCursor: null }) : HttpResponse.json({ items: [sjovik], nextCursor: 'next' });
      }),
    );
    renderTab(<MyWork initialCase={null} />);

    const region = searchRegion();
    type(words(), 'KS 2026/42');
    fireEvent.submit(words());
    await waitFor(() => expect(within(region).getByRole('status').textContent).toBe('1 ärende visas. Det finns fler.'));
    fireEvent.click(within(region).getByRole('button', { name: 'Visa fler' }));
    await waitFor(() => expect(within(region).getByRole('status').textContent).toBe('2 ärenden hittades.'));
    expect(Object.fromEntries(asked[1]!)).toEqual({ q: 'KS 2026/42', limit: '25', cursor: 'next' });

    const chosen = within(region).getByRole('button', { name: /KS 2026\/0051/ });
    fireEvent.click(chosen);
    fireEvent.click(screen.getByRole('button', { name: 'Tillbaka till Mitt arbete' }));

    await waitFor(() => expect(document.activeElement).toBe(chosen));
    expect(words().value).toBe('KS 2026/42');
    expect(within(searchRegion()).getAllByRole('listitem')).toHaveLength(2);
    expect(asked).toHaveLength(2);
  });
});
