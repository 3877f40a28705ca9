import { screen, waitFor, within, fireEvent } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, problemBody, useTestServer } from '../../test/server.ts';
import { renderTab } from '../../test/render.tsx';
import { USERS, caseFull, caseRestricted, documentFull } from '../../test/fixtures.ts';
import { CaseView } from './CaseView.tsx';
import { serveCase } from './case-test-api.ts';

const server = useTestServer();

describe('the case header', () => {
  it('shows the case number as the page heading, with title, status, officer, unit, diary, opening date and counterparties', async () => {
    serveCase({ case: caseFull(), documents: [documentFull(1)] });
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    expect(await screen.findByRole('heading', { level: 1, name: 'KS 2026/0042' })).toBeTruthy();
    expect(screen.getByText('Detaljplan för Sjövik 2:14')).toBeTruthy();
    expect(screen.getByText('Öppet')).toBeTruthy();
    const facts = (term: string) => screen.getByText(term).nextElementSibling!.textContent;
    expect(facts('Handläggare')).toBe('Johan Berg');
    expect(facts('Enhet')).toBe('Kommunledningskontoret');
    expect(facts('Diarium')).toBe('KS – Kommunstyrelsen');
    expect(facts('Öppnat')).toBe('2 mars 2026');
    expect(facts('Motparter')).toBe('Sjövik Fastigheter AB');
    expect(screen.queryByText(/Sekretess enligt/)).toBeNull();
    expect(screen.getByRole('tab', { name: 'Handlingar', selected: true })).toBeTruthy();
    expect(await screen.findByText('1 av 1 handlingar')).toBeTruthy();
  });

  it('shows the OSL provision of a confidential case, and a closed case with its decision', async () => {
    const marking = { provision: 'OSL 26 kap. 1 §', markedAt: '2026-03-02T08:15:00.000Z', markedBy: USERS.karin };
    serveCase({
      case: caseFull({ confidentiality: marking, status: 'closed', closedAt: '2026-11-20T10:00:00.000Z', decisionSummary: 'Planen antogs.' }),
    });
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    expect(await screen.findByText('Sekretess enligt OSL 26 kap. 1 §')).toBeTruthy();
    expect(screen.getByText('Avslutat', { selector: '.fui-Badge' })).toBeTruthy();
    expect(screen.getByText('Planen antogs.')).toBeTruthy();
    expect(await screen.findByText('0 av 0 handlingar')).toBeTruthy();
  });

  it('shows only the number, public title, status and the Sekretess badge of a case the reader may not see, and no documents or actions', async () => {
    const seen: string[] = [];
    server.events.on('request:start', ({ request }) => void seen.push(new URL(request.url).pathname));
    serveCase({ case: caseRestricted() });
    renderTab(<CaseView caseRef="SN 2026/0077" />);

    expect(await screen.findByRole('heading', { level: 1, name: 'SN 2026/0077' })).toBeTruthy();
    expect(screen.getByText('Ansökan om bistånd')).toBeTruthy();
    expect(screen.getByText('Öppet')).toBeTruthy();
    expect(screen.getByText('Sekretess')).toBeTruthy();
    expect(screen.getByText(/Du har inte behörighet att se sekretessbelagda uppgifter/)).toBeTruthy();
    expect(screen.queryByRole('tab')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(seen.filter((p) => p.endsWith('/documents') || p.endsWith('/events'))).toEqual([]);
    server.events.removeAllListeners();
  });

  it('says a case that does not exist is not found, and to check the number', async () => {
    serveCase({ case: caseFull() });
    renderTab(<CaseView caseRef="KS 2026/9999" />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Ärendet KS 2026/9999 finns inte. Kontrollera diarienumret och försök igen.');
  });

  it('explains any other failure and loads the case again on retry', async () => {
    let calls = 0;
    serveCase({ case: caseFull() });
    server.use(
      http.get(`${API}/cases/:ref`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(problemBody(503, 'unavailable', 'Tjänsten är inte tillgänglig just nu. Försök igen om en stund.'), { status: 503 })
          : HttpResponse.json(caseFull());
      }),
    );
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ärendet kunde inte läsas in. Tjänsten är inte tillgänglig just nu.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Försök igen' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'KS 2026/0042' })).toBeTruthy());
    expect(await screen.findByText('0 av 0 handlingar')).toBeTruthy();
  });
});
