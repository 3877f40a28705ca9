import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoChannelTab } from '../demo/seed-teams.ts';
import { SJOVIK_MAIL } from '../demo/sjovik.ts';
import { DEMO_CHANNEL_CASE, DEMO_TEAM } from '../demo/teams.ts';
import { signedInCaller, startTestServer, type ApiCall, type NewCase, type TestServer } from './test-server.ts';

// "Mitt arbete", the personal tab: GET /me/work, what waits for me and what happened in my cases.

let s: TestServer;
let call: ApiCall;
let newCase: NewCase;
let sjovik: { id: string; caseNumber: string };
beforeAll(async () => {
  s = await startTestServer();
  ({ call, newCase } = await signedInCaller(s, { karin: 'karin.lindqvist@ekby.se', johan: 'johan.berg@ekby.se', sofia: 'sofia.ek@ekby.se' }));
  await seedDemoChannelTab(s.register.deps, s.register);
  const binding = await call('GET', `/api/v1/channel-tabs/${encodeURIComponent(DEMO_TEAM.id)}/${encodeURIComponent(DEMO_TEAM.channel.id)}`);
  sjovik = { id: binding.body.caseId, caseNumber: binding.body.caseNumber };
});
afterAll(async () => {
  await s.close();
});

interface Work {
  waiting: { id: string; caseNumber: string; title: string; waitingSince: string; newDocuments: number; access: string }[];
  activity: { at: string; action: string; actor: { name: string } | null; case: { id: string; title: string; confidential: boolean }; document: { documentNumber: string; title: string } | null }[];
}

async function work(as: string): Promise<Work> {
  const res = await call('GET', '/api/v1/me/work', { as });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  return res.body as Work;
}

async function documentsOf(caseId: string) {
  return (await call('GET', `/api/v1/cases/${caseId}/documents`)).body.items as { id: string; title: string; direction: string; registeredAt: string }[];
}

const johanId = () => s.register.ksOfficer.user.id;

const registerIncoming = (caseId: string, title: string, as = 'karin') =>
  call('POST', `/api/v1/cases/${caseId}/documents`, { as, json: { direction: 'incoming', title } });

describe('what waits for me', () => {
  it('lists my open case with the incoming documents the registrar registered after my last act, oldest first', async () => {
    const docs = await documentsOf(sjovik.id);
    const mail = docs.find((d) => d.title === SJOVIK_MAIL.subject)!;
    const { waiting } = await work('johan');
    expect(waiting.map((w) => [w.caseNumber, w.title, w.newDocuments, w.waitingSince, w.access])).toEqual([
      [sjovik.caseNumber, DEMO_CHANNEL_CASE.title, 2, mail.registeredAt, 'full'],
    ]);

    const later = await newCase('KS', 'Medborgarförslag om badbrygga vid Sjöviken', { officerId: johanId() });
    expect((await work('johan')).waiting.map((w) => w.id)).toEqual([sjovik.id]);
    await registerIncoming(later.id, 'Medborgarförslag om badbrygga');
    expect((await work('johan')).waiting.map((w) => w.id)).toEqual([sjovik.id, later.id]);
    expect((await work('karin')).waiting).toEqual([]);
    expect((await work('sofia')).waiting).toEqual([]);
  });

  it('stops waiting once I act in the case, not when I only read, and waits again for what comes in after', async () => {
    const target = await newCase('KS', 'Detaljplan för Sjövik 3:1', { officerId: johanId() });
    const first = await registerIncoming(target.id, 'Yttrande från Lantmäteriet');
    const waitingFor = async () => (await work('johan')).waiting.find((w) => w.id === target.id);
    expect(await waitingFor()).toMatchObject({ newDocuments: 1, waitingSince: first.body.document.registeredAt });

    await call('GET', `/api/v1/documents/${first.body.document.id}`, { as: 'johan' });
    expect(await waitingFor()).toMatchObject({ newDocuments: 1 });

    const answer = await call('POST', `/api/v1/cases/${target.id}/documents`, { as: 'johan', json: { direction: 'outgoing', title: 'Svar till Lantmäteriet' } });
    expect(answer.status).toBe(201);
    expect(await waitingFor()).toBeUndefined();

    // An incoming document I register myself is my own act.
    await registerIncoming(target.id, 'Telefonanteckning från samtal med Lantmäteriet', 'johan');
    expect(await waitingFor()).toBeUndefined();

    const next = await registerIncoming(target.id, 'Kompletterande yttrande från Lantmäteriet');
    expect(await waitingFor()).toMatchObject({ newDocuments: 1, waitingSince: next.body.document.registeredAt });

    const current = await call('GET', `/api/v1/cases/${target.id}`, { as: 'johan' });
    await call('PATCH', `/api/v1/cases/${target.id}`, { as: 'johan', json: { close: { decisionSummary: 'Planen antogs.' } }, headers: { 'if-match': `"${current.body.version}"` } });
    expect(await waitingFor()).toBeUndefined();
  });
});

describe('what happened in my cases', () => {
  it('shows the latest events of the cases I handle, newest first, reads left out', async () => {
    const { activity } = await work('johan');
    const inSjovik = activity.filter((a) => a.case.id === sjovik.id);
    expect(inSjovik.map((a) => [a.action, a.actor?.name, a.document?.title ?? null])).toEqual([
      ['document.registered', 'Karin Lindqvist', 'Yttrande från Maria Sandberg, Strandvägen 14 (skyddade personuppgifter)'],
      ['document.registered', 'Karin Lindqvist', SJOVIK_MAIL.subject],
      ['document.registered', 'Johan Berg', 'Foto från platsbesök vid Sjöviken'],
      ['document.registered', 'Johan Berg', 'Underrättelse om samråd – detaljplan för Sjövik 2:14'],
      ['channel_tab.bound', 'Johan Berg', null],
      ['case.registered', 'Karin Lindqvist', null],
    ]);
    expect(activity.some((a) => a.action.endsWith('.read'))).toBe(false);
    expect(activity.length).toBeLessThanOrEqual(30);
    const times = activity.map((a) => Date.parse(a.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('shows a confidential case I registered but may no longer read by its public title only', async () => {
    const secret = await call('POST', '/api/v1/cases', {
      as: 'johan',
      json: { diary: 'KS', title: 'Förvärv av Sjövik 2:15 – budgivning', publicTitle: 'Förvärv av fastighet', confidentiality: { provision: 'OSL 19 kap. 1 §' }, officerId: johanId() },
    });
    expect(secret.status).toBe(201);
    expect((await work('johan')).activity[0]).toMatchObject({ action: 'case.registered', case: { id: secret.body.id, title: 'Förvärv av Sjövik 2:15 – budgivning', confidential: true } });

    // The registrar hands the case over: Johan registered it but may not read it any more.
    await call('PATCH', `/api/v1/cases/${secret.body.id}`, { json: { officerId: null }, headers: { 'if-match': `"${secret.body.version}"` } });
    const seen = (await work('johan')).activity.filter((a) => a.case.id === secret.body.id);
    expect(seen.map((a) => [a.action, a.case.title, a.case.confidential])).toEqual([
      ['case.updated', 'Förvärv av fastighet', true],
      ['case.registered', 'Förvärv av fastighet', true],
    ]);
    expect(JSON.stringify(await work('johan'))).not.toContain('budgivning');

    expect((await call('POST', `/api/v1/cases/${secret.body.id}/grants`, { json: { userId: johanId() } })).status).toBe(201);
    expect((await work('johan')).activity.find((a) => a.case.id === secret.body.id)?.case.title).toBe('Förvärv av Sjövik 2:15 – budgivning');
  });

  it('shows a confidential document in a case I registered but no longer handle by its public title', async () => {
    const handed = await call('POST', '/api/v1/cases', { as: 'johan', json: { diary: 'KS', title: 'Strandskydd vid Sjöviken', officerId: johanId() } });
    await call('PATCH', `/api/v1/cases/${handed.body.id}`, { json: { officerId: null }, headers: { 'if-match': `"${handed.body.version}"` } });
    const doc = await call('POST', `/api/v1/cases/${handed.body.id}/documents`, {
      json: { direction: 'incoming', title: 'Anmälan från Per Ek om skyddat boende', publicTitle: 'Anmälan från enskild', confidentiality: { provision: 'OSL 21 kap. 3 §' } },
    });
    expect(doc.status).toBe(201);
    const [latest] = (await work('johan')).activity.filter((a) => a.case.id === handed.body.id);
    expect(latest).toMatchObject({ action: 'document.registered', case: { title: 'Strandskydd vid Sjöviken', confidential: false }, document: { title: 'Anmälan från enskild' } });
    expect(JSON.stringify(await work('johan'))).not.toContain('Per Ek');
  });

  it('shows nothing to someone who handles and registered no case', async () => {
    expect(await work('sofia')).toEqual({ waiting: [], activity: [] });
  });
});
