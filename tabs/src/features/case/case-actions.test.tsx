import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseFull, CreateDocument } from '@diarium/core';
import { API, problemBody, server, useTestServer } from '../../test/server.ts';
import { fakeHost, renderTab } from '../../test/render.tsx';
import { USERS, caseFull, documentFull } from '../../test/fixtures.ts';
import { CaseView } from './CaseView.tsx';
import { meWith, serveCase } from './case-test-api.ts';

useTestServer();
afterEach(() => {
  vi.restoreAllMocks();
});

// As in a browser, what the user types in or clicks has focus (a modal dialog keeps itself
// accessible only while focus is inside it).
const type = (element: HTMLElement, value: string) => {
  element.focus();
  fireEvent.change(element, { target: { value } });
};
const press = (element: HTMLElement) => {
  element.focus();
  fireEvent.click(element);
};
const button = (name: string | RegExp) => screen.getByRole('button', { name });
const dialog = (name: string) => screen.findByRole('dialog', { name });
const submit = (form: HTMLElement, name: string) => press(within(form).getByRole('button', { name }));
const status = () => screen.getAllByRole('status').find((s) => s.textContent)?.textContent;

interface Patch {
  ifMatch: string | null;
  body: Record<string, unknown>;
}

/** The case's API, where PATCH answers with `answer` (by default: the change applied, one version on). */
function caseWithPatch(initial: CaseFull, answer?: (patch: Patch, n: number) => Response | undefined) {
  const state = serveCase({ case: initial, documents: [documentFull(1)], events: [] });
  const patches: Patch[] = [];
  const reads = { case: 0, events: 0 };
  server.use(
    http.get(`${API}/cases/:ref`, () => {
      reads.case += 1;
      return HttpResponse.json(state.case);
    }),
    http.get(`${API}/cases/:ref/events`, () => {
      reads.events += 1;
      return HttpResponse.json({ items: [] });
    }),
    http.patch(`${API}/cases/:ref`, async ({ request }) => {
      const patch = { ifMatch: request.headers.get('if-match'), body: (await request.json()) as Record<string, unknown> };
      patches.push(patch);
      const custom = answer?.(patch, patches.length);
      if (custom) return custom;
      const c = state.case as CaseFull;
      const officer = patch.body.officerId === USERS.karin.id ? USERS.karin : c.officer;
      const close = patch.body.close as { decisionSummary: string } | undefined;
      state.case = {
        ...c,
        ...(typeof patch.body.title === 'string' ? { title: patch.body.title } : {}),
        officer,
        ...(close ? { status: 'closed', closedAt: '2026-11-23T10:00:00.000Z', decisionSummary: close.decisionSummary } : {}),
        ...(patch.body.reopen ? { status: 'open', closedAt: null } : {}),
        version: c.version + 1,
      };
      return HttpResponse.json(state.case);
    }),
  );
  return { state, patches, reads };
}

describe('changing a case', () => {
  it('edits the title with If-Match, then closes the dialog, announces it, reloads the history and returns focus', async () => {
    const { patches, reads } = caseWithPatch(caseFull());
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Ändra titel' }));
    const form = await dialog('Ändra ärendemening');
    const title = within(form).getByRole('textbox', { name: /^Ärendemening/ }) as HTMLInputElement;
    expect(title.value).toBe('Detaljplan för Sjövik 2:14');
    expect(within(form).queryByRole('textbox', { name: /Offentlig/ })).toBeNull();
    type(title, 'Detaljplan för Sjövik 2:14 och 2:15');
    submit(form, 'Spara');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches).toEqual([{ ifMatch: '"3"', body: { title: 'Detaljplan för Sjövik 2:14 och 2:15' } }]);
    expect(await screen.findByText('Detaljplan för Sjövik 2:14 och 2:15')).toBeTruthy();
    expect(status()).toBe('Ärendemeningen är ändrad.');
    expect(reads.events).toBe(2);
    await waitFor(() => expect(document.activeElement).toBe(button('Ändra titel')));
  });

  it('on a conflict (412) reads the case again, keeps the dialog and what was typed, says why, and saves against the new version', async () => {
    const { state, patches, reads } = caseWithPatch(caseFull(), (_, n) => {
      if (n > 1) return undefined;
      // Someone else saved first.
      state.case = { ...(state.case as CaseFull), version: 4 };
      return HttpResponse.json(problemBody(412, 'precondition_failed', 'Någon annan har ändrat uppgifterna.'), { status: 412 });
    });
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Ändra titel' }));
    const form = await dialog('Ändra ärendemening');
    const title = within(form).getByRole('textbox', { name: /^Ärendemening/ }) as HTMLInputElement;
    type(title, 'Min nya titel');
    submit(form, 'Spara');

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toBe('Någon annan har ändrat ärendet sedan du öppnade det. Ärendet är nu inläst på nytt; gör om din ändring och spara.');
    expect(title.value).toBe('Min nya titel');
    await waitFor(() => expect(reads.case).toBe(2));
    expect(screen.getByRole('dialog', { name: 'Ändra ärendemening' })).toBeTruthy();

    submit(form, 'Spara');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches.map((p) => p.ifMatch)).toEqual(['"3"', '"4"']);
  });

  it('asks for the public title too when the case is confidential', async () => {
    const marking = { provision: 'OSL 26 kap. 1 §', markedAt: '2026-03-02T08:15:00.000Z', markedBy: USERS.karin };
    const { patches } = caseWithPatch(caseFull({ confidentiality: marking, publicTitle: 'Detaljplan' }));
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Ändra titel' }));
    const form = await dialog('Ändra ärendemening');
    const publicTitle = within(form).getByRole('textbox', { name: /^Offentlig ärendemening/ }) as HTMLInputElement;
    expect(publicTitle.value).toBe('Detaljplan');
    type(publicTitle, '');
    submit(form, 'Spara');
    expect(await within(form).findByText('Fyll i fältet.')).toBeTruthy();
    expect(patches).toEqual([]);
  });

  it('hands the case to another officer found by name', async () => {
    const { patches } = caseWithPatch(caseFull());
    server.use(
      http.get(`${API}/users`, ({ request }) => {
        const q = new URL(request.url).searchParams.get('q');
        const users = q === 'Kar' ? [{ ...USERS.karin, unit: null, roles: [] }] : [];
        return HttpResponse.json({ items: users });
      }),
    );
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Byt handläggare' }));
    const form = await dialog('Byt handläggare');
    expect(within(form).getByText('Nuvarande handläggare: Johan Berg')).toBeTruthy();
    submit(form, 'Byt handläggare');
    expect(await within(form).findByText('Välj en kollega i listan.')).toBeTruthy();

    const search = within(form).getByRole('combobox', { name: /^Ny handläggare/ });
    type(search, 'Kar');
    fireEvent.click(await screen.findByRole('option', { name: 'Karin Lindqvist (karin.lindqvist@ekby.se)' }));
    submit(form, 'Byt handläggare');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches.map((p) => p.body)).toEqual([{ officerId: USERS.karin.id }]);
    expect(status()).toBe('Handläggare är nu Karin Lindqvist.');
    await waitFor(() => expect(screen.getByText('Handläggare').nextElementSibling!.textContent).toBe('Karin Lindqvist'));
  });

  it('closes the case with a decision, and then offers to reopen it', async () => {
    const { patches } = caseWithPatch(caseFull());
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Avsluta ärendet' }));
    const form = await dialog('Avsluta ärendet med beslut');
    type(within(form).getByRole('textbox', { name: /^Beslut i korthet/ }), 'Detaljplanen antogs av kommunfullmäktige.');
    fireEvent.change(within(form).getByLabelText('Beslutsdatum'), { target: { value: '2026-11-20' } });
    submit(form, 'Avsluta ärendet');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches.map((p) => p.body)).toEqual([{ close: { decisionSummary: 'Detaljplanen antogs av kommunfullmäktige.', decidedOn: '2026-11-20' } }]);
    expect(status()).toBe('Ärendet är avslutat.');
    await waitFor(() => expect(document.activeElement).toBe(button('Öppna ärendet igen')));
    expect(screen.getByText('Avslutat', { selector: '.fui-Badge' })).toBeTruthy();
  });

  it('shows a refusal (403) as the API words it, keeping the dialog open', async () => {
    caseWithPatch(caseFull(), () =>
      HttpResponse.json(problemBody(403, 'forbidden', 'Du har inte behörighet till detta. Kontakta registraturen om du behöver den.'), { status: 403 }),
    );
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Avsluta ärendet' }));
    const form = await dialog('Avsluta ärendet med beslut');
    type(within(form).getByRole('textbox', { name: /^Beslut i korthet/ }), 'Beslut.');
    submit(form, 'Avsluta ärendet');

    expect((await within(form).findByRole('alert')).textContent).toBe('Du har inte behörighet till detta. Kontakta registraturen om du behöver den.');
    expect((within(form).getByRole('textbox', { name: /^Beslut i korthet/ }) as HTMLTextAreaElement).value).toBe('Beslut.');
  });

  it('offers no changes to a reader who is not the officer', async () => {
    serveCase({ case: caseFull({ officer: USERS.karin }), me: meWith('reader') });
    renderTab(<CaseView caseRef="KS 2026/0042" />);
    await screen.findByRole('heading', { level: 1 });
    await screen.findByText(/av \d+ handlingar/);
    expect(button('Kopiera länk')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ändra titel' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lägg till handling' })).toBeNull();
  });

  it('offers no changes on a cancelled case, even to its officer', async () => {
    serveCase({ case: caseFull({ status: 'cancelled', closedAt: '2026-11-20T10:00:00.000Z' }), me: meWith('registrar') });
    renderTab(<CaseView caseRef="KS 2026/0042" />);
    await screen.findByText('Makulerat');
    await screen.findByText(/av \d+ handlingar/);
    expect(button('Kopiera länk')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ändra titel' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Öppna ärendet igen' })).toBeNull();
  });

  it('reopens a closed case with a reason', async () => {
    const { patches } = caseWithPatch(caseFull({ status: 'closed', closedAt: '2026-11-20T10:00:00.000Z', decisionSummary: 'Planen antogs.' }));
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Öppna ärendet igen' }));
    const form = await dialog('Öppna ärendet igen');
    type(within(form).getByRole('textbox', { name: /^Skäl/ }), 'Beslutet överklagades.');
    submit(form, 'Öppna ärendet igen');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(patches.map((p) => p.body)).toEqual([{ reopen: { reason: 'Beslutet överklagades.' } }]);
    expect(status()).toBe('Ärendet är öppnat igen.');
  });
});

describe('registering a document from the computer', () => {
  it('requires a public title for a confidential document, then registers the files and announces the number', async () => {
    const state = serveCase({ case: caseFull(), documents: [documentFull(1)], events: [] });
    const posted: Array<{ metadata: CreateDocument; files: string[]; key: string | null }> = [];
    server.use(
      http.post(`${API}/cases/:ref/documents`, async ({ request }) => {
        const form = await request.formData();
        const metadata = JSON.parse(String(form.get('metadata'))) as CreateDocument;
        posted.push({ metadata, files: form.getAll('files').map((f) => (f as File).name), key: request.headers.get('idempotency-key') });
        const document = documentFull(5, { title: metadata.title });
        state.documents = [...state.documents!, document];
        return HttpResponse.json({ alreadyRegistered: false, document }, { status: 201 });
      }),
    );
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Lägg till handling' }));
    const form = await dialog('Registrera handling från datorn');
    const files = [new File(['%PDF'], 'Yttrande-Lantmateriet.pdf', { type: 'application/pdf' }), new File(['bilaga'], 'Karta.png', { type: 'image/png' })];
    expect(within(form).getByRole('button', { name: 'Filer Välj filer' })).toBeTruthy();
    fireEvent.change(form.querySelector('input[type="file"]')!, { target: { files } });
    expect(within(form).getByText('Valda filer: Yttrande-Lantmateriet.pdf, Karta.png')).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: /^Titel/ }) as HTMLInputElement).value).toBe('Yttrande-Lantmateriet');
    expect((within(form).getByRole('combobox', { name: 'Riktning' }) as HTMLSelectElement).value).toBe('incoming');
    type(within(form).getByRole('textbox', { name: 'Avsändare eller mottagare' }), 'Lantmäteriet');
    press(within(form).getByRole('checkbox', { name: /sekretess/ }));
    type(within(form).getByRole('textbox', { name: /^Bestämmelse i OSL/ }), 'OSL 21 kap. 7 §');
    submit(form, 'Registrera');

    expect(await within(form).findByText('Ange en offentlig titel när handlingen är sekretessmarkerad.')).toBeTruthy();
    expect(posted).toEqual([]);

    type(within(form).getByRole('textbox', { name: /^Offentlig titel/ }), 'Yttrande från myndighet');
    submit(form, 'Registrera');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(posted).toHaveLength(1);
    expect(posted[0]!.files).toEqual(['Yttrande-Lantmateriet.pdf', 'Karta.png']);
    expect(posted[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posted[0]!.metadata).toMatchObject({
      direction: 'incoming',
      title: 'Yttrande-Lantmateriet',
      publicTitle: 'Yttrande från myndighet',
      counterparty: { name: 'Lantmäteriet' },
      confidentiality: { provision: 'OSL 21 kap. 7 §' },
      source: 'upload',
      mainFile: 'Yttrande-Lantmateriet.pdf',
    });
    expect(status()).toBe('Registrerad som KS 2026/0042-5.');
    expect(await screen.findByText('2 av 2 handlingar')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(button('Lägg till handling')));
  });

  it('puts the field errors of a refused registration (400) on their fields', async () => {
    serveCase({ case: caseFull(), documents: [], events: [] });
    server.use(
      http.post(`${API}/cases/:ref/documents`, () =>
        HttpResponse.json(problemBody(400, 'validation_failed', 'Rätta de markerade fälten.', [{ field: 'documentDate', message: 'Datumet kan inte ligga i framtiden.' }]), {
          status: 400,
        }),
      ),
    );
    renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Lägg till handling' }));
    const form = await dialog('Registrera handling från datorn');
    fireEvent.change(form.querySelector('input[type="file"]')!, { target: { files: [new File(['x'], 'brev.docx')] } });
    submit(form, 'Registrera');

    expect(await within(form).findByText('Datumet kan inte ligga i framtiden.')).toBeTruthy();
    const alerts = within(form).getAllByRole('alert').map((alert) => alert.textContent);
    expect(alerts).toContain('Datumet kan inte ligga i framtiden.');
    expect(alerts.some((text) => text?.startsWith('Rätta de markerade fälten och försök igen.'))).toBe(true);
  });
});

describe('copying a link to the case', () => {
  it('copies the web address outside Teams, and a link to the channel tab inside a channel', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    serveCase({ case: caseFull() });
    const { unmount } = renderTab(<CaseView caseRef="KS 2026/0042" />);

    press(await screen.findByRole('button', { name: 'Kopiera länk' }));
    await waitFor(() => expect(status()).toBe('Länken är kopierad.'));
    expect(writeText).toHaveBeenLastCalledWith('http://diarium.test/tabs/case.html?case=KS+2026%2F0042');
    unmount();

    const host = fakeHost({ team: { id: 'team-1', name: 'Sjövik' }, channel: { id: '19:abc@thread.tacv2', name: 'Allmänt' } });
    renderTab(<CaseView caseRef="KS 2026/0042" />, { host, teamsApp: { appId: 'app-1', baseUrl: 'https://diarium.ekby.se' } });
    press(await screen.findByRole('button', { name: 'Kopiera länk' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(2));
    const link = new URL(writeText.mock.lastCall![0]);
    expect(link.pathname).toBe(`/l/entity/app-1/diarium-case-${caseFull().id}`);
    expect(link.searchParams.get('groupId')).toBe('team-1');
    await screen.findByText(/av \d+ handlingar/);
  });

  it('opens the case in a stage view inside Teams, named by its public title, and offers none outside', async () => {
    serveCase({ case: caseFull({ title: 'Förvärv av Sjövik 2:14 – budgivning', publicTitle: 'Förvärv av fastighet' }) });
    const { unmount } = renderTab(<CaseView caseRef="KS 2026/0042" />, { teamsApp: { appId: 'app-1', baseUrl: 'https://diarium.ekby.se' } });
    await screen.findByRole('button', { name: 'Kopiera länk' });
    expect(screen.queryByRole('button', { name: 'Öppna i stort fönster' })).toBeNull();
    unmount();

    const host = fakeHost({}, 'host', 'teams');
    renderTab(<CaseView caseRef="KS 2026/0042" />, { host, teamsApp: { appId: 'app-1', baseUrl: 'https://diarium.ekby.se' } });
    press(await screen.findByRole('button', { name: 'Öppna i stort fönster' }));
    await waitFor(() => expect(host.opened).toHaveLength(1));
    const stage = new URL(host.opened[0]!);
    expect(stage.pathname).toBe('/l/stage/app-1/0');
    const context = JSON.parse(stage.searchParams.get('context')!) as { contentUrl: string; name: string };
    expect(context.contentUrl).toBe('https://diarium.ekby.se/tabs/case.html?case=KS+2026%2F0042');
    expect(context.name).toBe('KS 2026/0042 Förvärv av fastighet');
  });
});
