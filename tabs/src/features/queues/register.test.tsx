import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderTab } from '../../test/render.tsx';
import { problemBody, useTestServer } from '../../test/server.ts';
import { Queues } from './Queues.tsx';
import type { RegisterQueueItem } from '@diarium/core';
import { USERS } from '../../test/fixtures.ts';
import { NOW, OTHER_CASE, UNITS, registryItems, serveQueues } from './test-data.ts';

const server = useTestServer();

// As in a browser, what the user clicks has focus (a modal dialog keeps itself accessible only while focus is inside it).
const press = (element: HTMLElement) => {
  element.focus();
  fireEvent.click(element);
};
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
const rows = () => within(screen.getByRole('list', { name: 'Meddelanden i Registraturen' })).getAllByRole('listitem');
const subjects = () => rows().map((row) => within(row).getByRole('heading', { level: 4 }).textContent);
const row = (subject: string) => rows().find((r) => within(r).queryByRole('heading', { level: 4, name: subject }))!;
const status = () => screen.getByRole('status').textContent;

const ALTAN = 'Fråga om bygglov för altan';
const ALTAN_ID = '80000000-0000-4000-8000-000000000001';

async function openRegistry(items = registryItems()) {
  const api = serveQueues(items);
  server.use(...api.handlers);
  renderTab(<Queues now={() => NOW} />);
  press(await screen.findByRole('button', { name: 'Registraturen' }));
  await screen.findByRole('list', { name: /Registraturen/ });
  return api;
}

/** Opens "Diarieför" on a message and waits until its attachments are read. */
async function openRegistration(subject = ALTAN) {
  press(within(row(subject)).getByRole('button', { name: 'Diarieför' }));
  const dialog = await screen.findByRole('dialog', { name: `Diarieför ”${subject}”` });
  await within(dialog).findByRole('textbox', { name: /^Handlingens titel/ });
  await waitFor(() => expect(within(dialog).queryByText('Hämtar meddelandets bilagor …')).toBeNull());
  return dialog;
}

const submit = (dialog: HTMLElement) => press(within(dialog).getByRole('button', { name: 'Diarieför' }));
const field = (dialog: HTMLElement, name: string) => within(dialog).getByRole('textbox', { name: new RegExp(`^${name}`) }) as HTMLInputElement;

describe('opening a message in a queue', () => {
  it('shows the mail with its sender, text and attachments, and closing gives the focus back to "Öppna"', async () => {
    await openRegistry();
    const open = within(row(ALTAN)).getByRole('button', { name: 'Öppna' });

    press(open);
    const dialog = await screen.findByRole('dialog', { name: `Meddelandet ”${ALTAN}”` });
    expect(await within(dialog).findByText(/Vi vill bygga en altan på Sjövik 2:14/)).toBeTruthy();
    expect(within(dialog).getByText('Anna Svensson <anna.svensson@example.se>')).toBeTruthy();
    const attachments = within(dialog).getByRole('region', { name: 'Bilagor i mejlet' });
    expect(within(attachments).getByText('ritning.pdf')).toBeTruthy();
    expect(within(attachments).getByText('foto.jpg')).toBeTruthy();
    expect(within(attachments).getByText('logga.png')).toBeTruthy();
    // What has been done with it, this opening included.
    const history = await within(dialog).findByRole('region', { name: 'Historik' });
    expect(await within(history).findByText('Kom in till kön Registraturen enligt regeln ”Diarienummer i ämnet”.')).toBeTruthy();
    expect(within(history).getByText('Johan Berg öppnade meddelandet.')).toBeTruthy();

    press(within(dialog).getByRole('button', { name: 'Stäng' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(within(row(ALTAN)).getByRole('button', { name: 'Öppna' })));
  });

  it('says what to do when the message is no longer in my queues', async () => {
    const api = await openRegistry();
    delete api.state.mails[ALTAN_ID];

    press(within(row(ALTAN)).getByRole('button', { name: 'Öppna' }));
    const dialog = await screen.findByRole('dialog', { name: `Meddelandet ”${ALTAN}”` });
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Meddelandet finns inte längre i någon av dina köer. Stäng och läs in listan igen',
    );
  });
});

describe('registering a message from a queue', () => {
  it('registers into the suggested case with an attachment as main document, announces the number and reads the list again', async () => {
    const api = await openRegistry();
    const dialog = await openRegistration();

    expect(within(dialog).getByRole('radio', { name: 'Föreslaget ärende: KS 2026/0042 Detaljplan för Sjövik 2:14' })).toHaveProperty('checked', true);
    expect(field(dialog, 'Handlingens titel').value).toBe(ALTAN);
    expect(within(dialog).getByText('Mejlet självt sparas alltid, som det kom (.eml), med alla bilagor i sig.')).toBeTruthy();
    // The attachments go in, the image in the text does not, and the mail is the main document until told otherwise.
    const drawing = within(dialog).getByRole('checkbox', { name: /^ritning\.pdf/ }) as HTMLInputElement;
    const photo = within(dialog).getByRole('checkbox', { name: /^foto\.jpg/ }) as HTMLInputElement;
    const logo = within(dialog).getByRole('checkbox', { name: /^logga\.png.*bild i texten/ }) as HTMLInputElement;
    expect([drawing.checked, photo.checked, logo.checked]).toEqual([true, true, false]);
    const main = within(dialog).getByRole('radiogroup', { name: 'Huvuddokument' });
    expect(within(main).getAllByRole('radio').map((r) => r.closest('span, div')?.textContent)).toEqual(['Mejlet', 'ritning.pdf', 'foto.jpg']);
    expect(within(main).getByRole('radio', { name: 'Mejlet' })).toHaveProperty('checked', true);

    press(within(main).getByRole('radio', { name: 'ritning.pdf' }));
    press(photo);
    type(field(dialog, 'Handlingens titel'), 'Fråga om bygglov för altan, med ritning');
    submit(dialog);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.sent).toEqual([
      {
        path: `/queue-items/${ALTAN_ID}/registration`,
        ifMatch: '"1"',
        body: {
          target: { caseRef: '10000000-0000-4000-8000-000000000042' },
          title: 'Fråga om bygglov för altan, med ritning',
          attachments: [{ name: 'ritning.pdf', size: 245_760, main: true }],
          alsoInOtherCase: false,
        },
      },
    ]);
    await waitFor(() => expect(status()).toBe(`Diarieförd som KS 2026/0042-3: ”${ALTAN}”.`));
    await waitFor(() => expect(subjects()).toEqual(['Synpunkt på gatubelysningen', 'Erbjudande: kontorsmaterial till halva priset']));
    expect(api.state.reads.length).toBeGreaterThan(1);
  });

  it('registers into a new case in a diary I may open cases in, its title the subject unless changed, in the queue’s unit with the officer chosen', async () => {
    const api = await openRegistry();
    const dialog = await openRegistration();

    press(within(dialog).getByRole('radio', { name: 'Ett nytt ärende' }));
    const diary = (await within(dialog).findByRole('combobox', { name: /^Diarium/ })) as HTMLSelectElement;
    // Socialnämnden is left out: Johan may only read there. The mailbox's own diary comes first.
    expect(within(diary).getAllByRole('option').map((o) => o.textContent)).toEqual(['KS – Kommunstyrelsen', 'BN – Byggnadsnämnden']);
    expect(diary.value).toBe('KS');
    expect(field(dialog, 'Ärendemening').value).toBe(ALTAN);
    const unit = (await within(dialog).findByRole('combobox', { name: /^Ansvarig enhet/ })) as HTMLSelectElement;
    expect(unit.value).toBe(UNITS[0]!.id);
    fireEvent.change(diary, { target: { value: 'BN' } });
    type(field(dialog, 'Ärendemening'), 'Bygglov för altan, Sjövik 2:14');
    fireEvent.change(unit, { target: { value: UNITS[1]!.id } });
    type(within(dialog).getByRole('combobox', { name: /^Handläggare/ }), 'Karin');
    press(await screen.findByRole('option', { name: 'Karin Lindqvist (karin.lindqvist@ekby.se)' }));
    type(field(dialog, 'Klassificering'), 'plan/bygg');
    submit(dialog);

    // A classification that is no code is said at its field before anything is sent; the rest stays.
    expect(await within(dialog).findByText('Ange klassificeringen som en kod, t.ex. 3.1.2.')).toBeTruthy();
    expect(api.state.sent.filter((s) => s.path.endsWith('/registration'))).toEqual([]);
    expect(unit.value).toBe(UNITS[1]!.id);
    type(field(dialog, 'Klassificering'), '4.2.1');
    submit(dialog);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.sent.at(-1)!.body).toEqual({
      target: { newCase: { diary: 'BN', title: 'Bygglov för altan, Sjövik 2:14', unitId: UNITS[1]!.id, officerId: USERS.karin.id, classification: '4.2.1' } },
      title: ALTAN,
      attachments: [
        { name: 'ritning.pdf', size: 245_760, main: false },
        { name: 'foto.jpg', size: 1_048_576, main: false },
      ],
      alsoInOtherCase: false,
    });
    await waitFor(() => expect(status()).toBe(`Diarieförd som BN 2026/0101-1: ”${ALTAN}”.`));
  });

  it('starts a new case in the first diary I may open cases in when the mailbox’s own is closed to me, with no unit when its queue has none', async () => {
    const api = await openRegistry(registryItems().map((i) => ({ ...i, newCaseDefaults: { diary: 'SN', unit: null } })));
    const dialog = await openRegistration();

    press(within(dialog).getByRole('radio', { name: 'Ett nytt ärende' }));
    const diary = (await within(dialog).findByRole('combobox', { name: /^Diarium/ })) as HTMLSelectElement;
    await waitFor(() => expect(diary.value).toBe('KS'));
    const unit = (await within(dialog).findByRole('combobox', { name: /^Ansvarig enhet/ })) as HTMLSelectElement;
    expect(unit.value).toBe('');
    submit(dialog);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((api.state.sent.at(-1)!.body as RegisterQueueItem).target).toEqual({ newCase: { diary: 'KS', title: ALTAN } });
  });

  it('marks a confidential message and its new case, and asks for a proper provision and a public title before sending', async () => {
    const api = await openRegistry();
    const dialog = await openRegistration();
    press(within(dialog).getByRole('radio', { name: 'Ett nytt ärende' }));
    await within(dialog).findByRole('combobox', { name: /^Diarium/ });
    press(within(dialog).getByRole('checkbox', { name: 'Meddelandet innehåller uppgifter som omfattas av sekretess' }));
    expect(within(dialog).getByText('Handlingen och det nya ärendet sekretessmarkeras, med samma bestämmelse och offentliga titel.')).toBeTruthy();
    type(field(dialog, 'Bestämmelse i OSL'), '26:1');
    submit(dialog);

    expect(await within(dialog).findByText('Skriv bestämmelsen som ”OSL 26 kap. 1 §”.')).toBeTruthy();
    expect(within(dialog).getByText('Ange en offentlig titel när handlingen är sekretessmarkerad.')).toBeTruthy();
    expect(api.state.sent).toEqual([]);

    type(field(dialog, 'Bestämmelse i OSL'), 'OSL 26 kap. 1 §');
    type(field(dialog, 'Offentlig titel'), 'Fråga om bygglov');
    submit(dialog);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const marking = { confidentiality: { provision: 'OSL 26 kap. 1 §' }, publicTitle: 'Fråga om bygglov' };
    expect(api.state.sent.at(-1)!.body).toMatchObject({ target: { newCase: { diary: 'KS', title: ALTAN, ...marking } }, title: ALTAN, ...marking });
  });

  it('finds another case by its number, and asks for one before sending', async () => {
    const api = await openRegistry();
    const dialog = await openRegistration();

    press(within(dialog).getByRole('radio', { name: 'Ett annat befintligt ärende' }));
    submit(dialog);
    expect(await within(dialog).findByText('Välj ett ärende i listan.')).toBeTruthy();
    expect(api.state.sent).toEqual([]);

    const search = within(dialog).getByRole('combobox', { name: /^Ärende/ });
    type(search, 'BN 2026/51');
    press(await screen.findByRole('option', { name: 'BN 2026/0051 Bygglov för altan, Sjövik 2:14' }));
    submit(dialog);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.caseSearches).toContain('BN 2026/51');
    expect(api.state.sent.at(-1)!.body).toMatchObject({ target: { caseRef: OTHER_CASE.id } });
    await waitFor(() => expect(status()).toBe(`Diarieförd som BN 2026/0051-2: ”${ALTAN}”.`));
  });

  it('keeps what was typed when the API refuses a field, and shows the API’s words at that field', async () => {
    const api = await openRegistry();
    const dialog = await openRegistration();
    press(within(dialog).getByRole('radio', { name: 'Ett nytt ärende' }));
    await within(dialog).findByRole('combobox', { name: /^Diarium/ });
    type(field(dialog, 'Ärendemening'), 'x'.repeat(20));
    type(field(dialog, 'Handlingens titel'), 'Altan, Sjövik 2:14');
    press(within(dialog).getByRole('checkbox', { name: /^foto\.jpg/ }));
    api.state.fail = HttpResponse.json(
      problemBody(400, 'validation_failed', 'Uppgifterna är inte giltiga.', [{ field: 'target.newCase.title', message: 'Ärendemeningen får inte bara vara x.' }]),
      { status: 400 },
    );

    submit(dialog);

    await waitFor(() =>
      expect(within(dialog).getAllByRole('alert').map((a) => a.textContent)).toEqual([
        'Rätta de markerade fälten och försök igen. Det du skrev finns kvar. Uppgifterna är inte giltiga.',
        'Ärendemeningen får inte bara vara x.',
      ]),
    );
    expect(field(dialog, 'Ärendemening').getAttribute('aria-invalid')).toBe('true');
    expect(field(dialog, 'Ärendemening').value).toBe('x'.repeat(20));
    expect(field(dialog, 'Handlingens titel').value).toBe('Altan, Sjövik 2:14');
    expect(within(dialog).getByRole('radio', { name: 'Ett nytt ärende' })).toHaveProperty('checked', true);
    expect(within(dialog).getByRole('checkbox', { name: /^foto\.jpg/ })).toHaveProperty('checked', false);
    // Nothing is announced as registered (the page behind the open dialog is hidden from the accessibility tree).
    expect(screen.getByRole('status', { hidden: true }).textContent).toBe('');
  });

  it('when the mail is already registered in another case, says where and registers it here too when asked', async () => {
    const api = await openRegistry();
    api.state.registeredElsewhereAs = 'BN 2026/0051-1';
    const dialog = await openRegistration();

    submit(dialog);

    const question = await within(dialog).findByRole('alert');
    expect(question.textContent).toContain('Mejlet är redan diariefört som BN 2026/0051-1. Välj att diarieföra det även här om det hör till båda ärendena.');
    expect(api.state.sent.at(-1)!.body).toMatchObject({ alsoInOtherCase: false });
    const again = within(question).getByRole('button', { name: 'Ja, diarieför även här' });
    await waitFor(() => expect(document.activeElement).toBe(again));
    press(again);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.sent).toHaveLength(2);
    expect(api.state.sent[1]!.body).toMatchObject({ target: { caseRef: '10000000-0000-4000-8000-000000000042' }, alsoInOtherCase: true });
    await waitFor(() => expect(status()).toBe(`Diarieförd som KS 2026/0042-3: ”${ALTAN}”.`));
  });

  it('when someone changed the message meanwhile (412), reads the list again, keeps the dialog and sends the new version next time', async () => {
    const api = await openRegistry();
    const dialog = await openRegistration();
    type(field(dialog, 'Handlingens titel'), 'Altan');
    // Karin takes it while Johan fills in.
    api.state.items = api.state.items.map((item) => (item.id === ALTAN_ID ? { ...item, version: 2 } : item));

    submit(dialog);

    expect((await within(dialog).findByRole('alert')).textContent).toContain('Någon annan har ändrat meddelandet medan du fyllde i. Listan är inläst på nytt och det du skrev finns kvar');
    expect(field(dialog, 'Handlingens titel').value).toBe('Altan');
    await waitFor(() => expect(api.state.reads.length).toBe(2));
    submit(dialog);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.state.sent.map((s) => s.ifMatch)).toEqual(['"1"', '"2"']);
    await waitFor(() => expect(status()).toBe(`Diarieförd som KS 2026/0042-3: ”${ALTAN}”.`));
  });

  it('when someone else handled the message first (409), closes the dialog and says so by the list', async () => {
    const api = await openRegistry();
    const dialog = await openRegistration();
    api.state.items = api.state.items.map((item) => (item.id === ALTAN_ID ? { ...item, status: 'set_aside', setAsideReason: 'answered' } : item));

    submit(dialog);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await screen.findByRole('alert')).textContent).toBe('Meddelandet har redan hanterats av någon annan, så det går inte längre. Listan är nu inläst på nytt.');
    await waitFor(() => expect(subjects()).toEqual(['Synpunkt på gatubelysningen', 'Erbjudande: kontorsmaterial till halva priset']));
  });
});
