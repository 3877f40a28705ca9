import { describe, expect, it, vi } from 'vitest';
import type { ComposeMail, ReadMail } from '../host/mail-host.ts';
import { createOfficeHost } from '../host/office-host.ts';
import { createFakeOffice, type ComposeState } from './fake-office.ts';
import { GraphMessageSchema } from './graph.ts';

// The simulated Outlook's fake Office.js must drive the real host exactly as Outlook would.

const message = GraphMessageSchema.parse({
  id: 'AAMkADdev1',
  subject: 'Bygglov Björkhagen 15:79, ert dnr BN 2026/0042',
  from: { emailAddress: { name: 'Anna Svensson', address: 'anna.svensson@example.se' } },
  toRecipients: [{ emailAddress: { name: 'Registrator', address: 'registrator@ekby.se' } }],
  receivedDateTime: '2026-11-23T08:12:34Z',
  internetMessageId: '<dev1@example.se>',
  conversationId: 'conv-dev-1',
  body: { contentType: 'html', content: '<p>Hej!</p><script>alert(1)</script><p>Se bifogad <b>ritning</b>.</p>' },
  attachments: [
    { '@odata.type': '#microsoft.graph.fileAttachment', id: 'att1', name: 'ritning.pdf', contentType: 'application/pdf', size: 250000, isInline: false },
    { '@odata.type': '#microsoft.graph.fileAttachment', id: 'att2', name: 'logo.png', contentType: 'image/png', size: 900, isInline: true, contentId: 'logo' },
  ],
});

function fake(saveDraft = vi.fn(async (_draft: ComposeState & { headers: Record<string, string> }) => 'AAMkDraft1')) {
  const onHeaders = vi.fn();
  const office = createFakeOffice({ user: { name: 'Karin Lindqvist', email: 'karin.lindqvist@ekby.se' }, displayLanguage: 'sv-SE', saveDraft, onHeaders });
  return { ...office, saveDraft, onHeaders, host: createOfficeHost(office.office, { open: vi.fn(), matchMedia: () => ({ matches: false }) as MediaQueryList }) };
}

describe('the simulated Outlook’s fake Office.js', () => {
  it('shows a Graph message to the host as Outlook shows a mail', async () => {
    const { host, setItem } = fake();
    setItem({ mode: 'read', message, sharedMailbox: null });
    const mail = host.currentItem() as ReadMail;
    expect(mail).toMatchObject({
      mode: 'read',
      itemId: 'AAMkADdev1',
      subject: 'Bygglov Björkhagen 15:79, ert dnr BN 2026/0042',
      from: { name: 'Anna Svensson', email: 'anna.svensson@example.se' },
      internetMessageId: '<dev1@example.se>',
      conversationId: 'conv-dev-1',
    });
    expect(mail.receivedAt?.toISOString()).toBe('2026-11-23T08:12:34.000Z');
    expect(mail.attachments.map((a) => [a.name, a.isInline, a.kind])).toEqual([
      ['ritning.pdf', false, 'file'],
      ['logo.png', true, 'file'],
    ]);
    expect(await mail.bodyText()).toBe('Hej!\nSe bifogad ritning.');
    expect(await mail.sharedMailbox()).toBeNull();
    expect(host.userEmail).toBe('karin.lindqvist@ekby.se');
  });

  it('puts the item in the shared mailbox when the page shows one', async () => {
    const { host, setItem } = fake();
    setItem({ mode: 'read', message, sharedMailbox: 'registrator@ekby.se' });
    expect(await (host.currentItem() as ReadMail).sharedMailbox()).toBe('registrator@ekby.se');
  });

  it('fires ItemChanged when the page selects another mail', () => {
    const { host, setItem } = fake();
    const listener = vi.fn();
    host.onItemChanged(listener);
    setItem({ mode: 'read', message, sharedMailbox: null });
    setItem(null);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(host.currentItem()).toBeNull();
  });

  it('lets the pane stamp and save a mail being written, with what the user typed since', async () => {
    const { host, setItem, updateCompose, saveDraft, onHeaders } = fake();
    setItem({ mode: 'compose', compose: { subject: 'SV: Bygglov', body: '', to: ['anna.svensson@example.se'], conversationId: 'conv-dev-1' }, sharedMailbox: null });
    updateCompose({ body: 'Vi har tagit emot er ansökan.' });
    const mail = host.currentItem() as ComposeMail;
    expect(await mail.subject()).toBe('SV: Bygglov');
    expect(await mail.bodyText()).toBe('Vi har tagit emot er ansökan.');
    await mail.setCaseHeader('BN 2026/0042');
    expect(onHeaders).toHaveBeenCalledWith({ 'x-diarium-case': 'BN 2026/0042' });
    expect(await mail.saveDraft()).toBe('AAMkDraft1');
    expect(saveDraft.mock.calls[0]![0]).toMatchObject({ body: 'Vi har tagit emot er ansökan.', headers: { 'x-diarium-case': 'BN 2026/0042' } });
  });

  it('changes theme as Outlook does', () => {
    const { host, setTheme } = fake();
    const listener = vi.fn();
    host.onThemeChanged(listener);
    setTheme('dark');
    setTheme('highContrast');
    expect(listener.mock.calls).toEqual([[{ dark: true, highContrast: false }], [{ dark: true, highContrast: true }]]);
  });
});
