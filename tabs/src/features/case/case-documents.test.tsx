import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Document } from '@diarium/core';
import { useTestServer } from '../../test/server.ts';
import { renderTab } from '../../test/render.tsx';
import { caseFull, documentFull, documentRestricted } from '../../test/fixtures.ts';
import { CaseView } from './CaseView.tsx';
import { serveCase } from './case-test-api.ts';

useTestServer();

// The viewer is another part's; a stand-in shows which document the list opened.
vi.mock('../document/DocumentViewer.tsx', () => ({
  DocumentViewer: ({ document, onClose }: { document: Document; onClose: () => void }) => (
    <div role="dialog" aria-label={document.documentNumber}>
      <button onClick={onClose}>Stäng</button>
    </div>
  ),
}));

const table = () => screen.findByRole('table', { name: /^Handlingar/ });
/** The rendered rows' cells, as text: number (with the document number for screen readers), date, direction, title, counterparty, flag. */
// Attribute selectors rather than role queries: computing every element's role is slow on a long table.
const rows = (t: HTMLElement) => [...t.querySelectorAll<HTMLElement>('[role="rowgroup"] + [role="rowgroup"] > [role="row"]')];
const cells = (row: HTMLElement) => [...row.querySelectorAll<HTMLElement>('[role="cell"]')].map((cell) => cell.textContent);
const titles = (t: HTMLElement) => rows(t).map((row) => cells(row)[3]);
const header = (name: string) => [...document.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((h) => h.textContent === name)!;
const sortBy = (name: string) => fireEvent.click(header(name).querySelector('button')!);

const sample: Document[] = [
  documentFull(1, { title: 'Ansökan om planbesked', documentDate: '2026-03-02', counterparty: { name: 'Sjövik Fastigheter AB' } }),
  documentFull(2, { title: 'Yttrande från miljöförvaltningen', direction: 'internal', documentDate: '2026-05-10', counterparty: null }),
  documentRestricted(3, { publicTitle: 'Skrivelse från enskild', documentDate: '2026-04-01' }),
  documentFull(4, { title: 'Beslut om planbesked', direction: 'outgoing', documentDate: '2026-06-15', counterparty: { name: 'Anna Svensson' } }),
];

describe('the documents of a case', () => {
  it('lists them by number with date, direction, title, counterparty and the Sekretess flag, and counts them', async () => {
    serveCase({ case: caseFull(), documents: sample });
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    const t = await table();
    expect(t.getAttribute('aria-rowcount')).toBe('5');
    expect(screen.getByText('4 av 4 handlingar')).toBeTruthy();
    expect(header('Nr').getAttribute('aria-sort')).toBe('ascending');
    const grid = rows(t).map(cells);
    expect(grid[0]).toEqual(['1KS 2026/0042-1', '2 mars 2026', 'Inkommande', 'Ansökan om planbesked', 'Sjövik Fastigheter AB', '']);
    expect(grid[2]).toEqual(['3KS 2026/0042-3', '1 apr. 2026', 'Inkommande', 'Skrivelse från enskild', '', 'Sekretess']);
    expect(rows(t).map((row) => row.getAttribute('aria-rowindex'))).toEqual(['2', '3', '4', '5']);
  });

  it('sorts by a column on click, and turns the order on a second click', async () => {
    serveCase({ case: caseFull(), documents: sample });
    renderTab(<CaseView caseRef="KS 2026/0042" />);
    const t = await table();

    sortBy('Titel');
    expect(header('Titel').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Nr').getAttribute('aria-sort')).toBeNull();
    expect(titles(t)).toEqual(['Ansökan om planbesked', 'Beslut om planbesked', 'Skrivelse från enskild', 'Yttrande från miljöförvaltningen']);
    sortBy('Datum');
    sortBy('Datum');
    expect(header('Datum').getAttribute('aria-sort')).toBe('descending');
    expect(titles(t)).toEqual(['Beslut om planbesked', 'Yttrande från miljöförvaltningen', 'Skrivelse från enskild', 'Ansökan om planbesked']);
    sortBy('Motpart');
    // Without a counterparty first (a restricted document shows none), ties in number order.
    expect(titles(t)).toEqual(['Yttrande från miljöförvaltningen', 'Skrivelse från enskild', 'Beslut om planbesked', 'Ansökan om planbesked']);
    sortBy('Riktning');
    expect(titles(t)).toEqual(['Ansökan om planbesked', 'Skrivelse från enskild', 'Yttrande från miljöförvaltningen', 'Beslut om planbesked']);
  });

  it('filters by text in title, counterparty or number, and by direction', async () => {
    serveCase({ case: caseFull(), documents: sample });
    renderTab(<CaseView caseRef="KS 2026/0042" />);
    const t = await table();

    const filter = screen.getByRole('searchbox', { name: 'Filtrera handlingar' });
    fireEvent.change(filter, { target: { value: 'planbesked' } });
    expect(titles(t)).toEqual(['Ansökan om planbesked', 'Beslut om planbesked']);
    expect(screen.getByText('2 av 4 handlingar')).toBeTruthy();
    fireEvent.change(filter, { target: { value: 'svensson' } });
    expect(titles(t)).toEqual(['Beslut om planbesked']);
    fireEvent.change(filter, { target: { value: '0042-2' } });
    expect(titles(t)).toEqual(['Yttrande från miljöförvaltningen']);
    fireEvent.change(filter, { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Riktning' }), { target: { value: 'outgoing' } });
    expect(titles(t)).toEqual(['Beslut om planbesked']);
    fireEvent.change(filter, { target: { value: 'yttrande' } });
    expect(screen.getByText('0 av 4 handlingar Inga handlingar matchar filtret.')).toBeTruthy();
  });

  it('keeps a thousand documents quick: only a window of rows is rendered, yet sorting and filtering cover them all', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => documentFull(i + 1, { title: `Handling ${String(1000 - i).padStart(4, '0')}` }));
    serveCase({ case: caseFull({ documentCount: 1000 }), documents: many });
    renderTab(<CaseView caseRef="KS 2026/0042" />);
    const t = await table();

    expect(t.getAttribute('aria-rowcount')).toBe('1001');
    expect(screen.getByText('1000 av 1000 handlingar')).toBeTruthy();
    const rendered = rows(t).length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(titles(t)[0]).toBe('Handling 1000');

    sortBy('Titel');
    expect(titles(t)[0]).toBe('Handling 0001');
    expect(rows(t)[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(cells(rows(t)[0]!)[0]).toBe('1000KS 2026/0042-1000');
    expect(rows(t).length).toBeLessThan(60);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filtrera handlingar' }), { target: { value: 'Handling 05' } });
    expect(screen.getByText('100 av 1000 handlingar')).toBeTruthy();
    expect(titles(t)[0]).toBe('Handling 0500');
  });

  it('moves between rows with the arrow keys, one row in the tab order', async () => {
    serveCase({ case: caseFull(), documents: sample });
    renderTab(<CaseView caseRef="KS 2026/0042" />);
    const t = await table();

    const [first, second] = rows(t);
    expect(first!.tabIndex).toBe(0);
    expect(second!.tabIndex).toBe(-1);
    first!.focus();
    fireEvent.keyDown(first!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(rows(t)[1]));
    expect(rows(t)[1]!.tabIndex).toBe(0);
    fireEvent.keyDown(rows(t)[1]!, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(rows(t)[3]));
  });

  it('opens a document from its title, or with Enter on its row, and returns focus to the row when closed', async () => {
    serveCase({ case: caseFull(), documents: sample });
    renderTab(<CaseView caseRef="KS 2026/0042" />);
    const t = await table();

    fireEvent.click(screen.getByRole('button', { name: 'Yttrande från miljöförvaltningen' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'KS 2026/0042-2' })).getByRole('button', { name: 'Stäng' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const row = rows(t)[3]!;
    row.focus();
    fireEvent.keyDown(row, { key: 'Enter' });
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'KS 2026/0042-4' })).getByRole('button', { name: 'Stäng' }));
    await waitFor(() => expect(document.activeElement).toBe(row));
  });
});
