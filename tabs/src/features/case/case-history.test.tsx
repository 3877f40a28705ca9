import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/server.ts';
import { renderTab } from '../../test/render.tsx';
import { USERS, caseFull, documentFull } from '../../test/fixtures.ts';
import { CaseView } from './CaseView.tsx';
import { event, serveCase } from './case-test-api.ts';

useTestServer();

const karin = USERS.karin;
const johan = USERS.johan;
const doc3 = documentFull(3);

const history = [
  event(1, 'case.registered', { after: { caseNumber: 'KS 2026/0042', title: 'Detaljplan' } }),
  event(2, 'document.registered', { documentId: doc3.id, after: { documentNumber: 'KS 2026/0042-3', title: 'Handling 3', source: 'upload' } }),
  event(3, 'case.updated', {
    actor: johan,
    before: { title: 'Detaljplan', publicTitle: 'Detaljplan', officerId: karin.id },
    after: { title: 'Detaljplan för Sjövik 2:14', publicTitle: 'Detaljplan för Sjövik 2:14', officerId: johan.id },
  }),
  event(4, 'document.read', { actor: johan, documentId: doc3.id }),
  event(5, 'file.read', { actor: johan, documentId: doc3.id, after: { fileId: 'f', name: 'handling-3.pdf' } }),
  event(6, 'case.read', { actor: johan }),
  event(7, 'channel_tab.bound', { after: { teamId: 't', channelId: 'c', caseNumber: 'KS 2026/0042' } }),
  event(8, 'case.closed', { actor: johan, before: { status: 'open' }, after: { status: 'closed', decisionSummary: 'Planen antogs.', decidedOn: '2026-11-18' } }),
  event(9, 'case.reopened', { before: { status: 'closed' }, after: { status: 'open', reason: 'Planen överklagades.' } }),
  event(10, 'document.registered', { after: { documentNumber: 'KS 2026/0042-4', source: 'mail' } }),
  event(11, 'access.granted', { after: { user: { id: 'u', name: 'Anna Svensson', email: 'anna@ekby.se' } } }),
  event(12, 'file.integrity_failed', { actor: null, documentId: doc3.id, after: { fileId: 'f', name: 'handling-3.pdf', sha256: 'a' } }),
  event(13, 'case.updated', { before: { classification: null }, after: { classification: '3.1.2' } }),
  event(14, 'case.cancelled', { after: {} }),
];

describe('the history of a case', () => {
  it('tells each event as a sentence, newest first, with its time', async () => {
    serveCase({ case: caseFull(), documents: [doc3], events: history });
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    fireEvent.click(await screen.findByRole('tab', { name: 'Historik' }));
    const items = within(await screen.findByRole('list', { name: 'Ärendets historik' })).getAllByRole('listitem');
    const sentences = items.map((item) => item.querySelector('span')!.textContent);
    expect(sentences).toEqual([
      'Karin Lindqvist makulerade ärendet',
      'Karin Lindqvist ändrade ärendet',
      'Filen handling-3.pdf stämde inte med sin kontrollsumma när den lästes.',
      'Karin Lindqvist gav Anna Svensson behörighet till ärendet',
      'Karin Lindqvist registrerade e-post som handling KS 2026/0042-4',
      'Karin Lindqvist öppnade ärendet igen: Planen överklagades.',
      'Johan Berg avslutade ärendet med beslut den 18 nov. 2026: Planen antogs.',
      'Karin Lindqvist kopplade ärendet till en kanal i Teams',
      'Johan Berg läste ärendet',
      'Johan Berg läste filen handling-3.pdf i handling KS 2026/0042-3',
      'Johan Berg läste handling KS 2026/0042-3',
      'Johan Berg ändrade titeln från ”Detaljplan” till ”Detaljplan för Sjövik 2:14”, ändrade den offentliga titeln från ”Detaljplan” till ”Detaljplan för Sjövik 2:14” och bytte handläggare till Johan Berg',
      'Karin Lindqvist registrerade handling KS 2026/0042-3',
      'Karin Lindqvist registrerade ärendet KS 2026/0042',
    ]);
    const time = items.at(-1)!.querySelector('time')!;
    expect(time.getAttribute('dateTime')).toBe('2026-11-11T09:00:00.000Z');
    expect(time.textContent).toBe('11 nov. 2026 10:00');
  });

  it('says so when nothing has happened', async () => {
    serveCase({ case: caseFull(), events: [] });
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    fireEvent.click(await screen.findByRole('tab', { name: 'Historik' }));
    expect(await screen.findByText('Ingenting har hänt i ärendet ännu.')).toBeTruthy();
  });
});
