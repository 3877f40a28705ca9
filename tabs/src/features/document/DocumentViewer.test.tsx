import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Document, DocumentFull, MailView } from '@diarium/core';
import { API, problemBody, useTestServer } from '../../test/server.ts';
import { renderTab } from '../../test/render.tsx';
import { documentFull, documentRestricted, USERS } from '../../test/fixtures.ts';
import { DocumentViewer } from './DocumentViewer.tsx';
import { letDomPurifyRunInHappyDom } from '../../test/happy-dom-gaps.ts';

const server = useTestServer();
letDomPurifyRunInHappyDom();

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DATA_IMAGE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const fileId = (n: number) => `40000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const file = (n: number, name: string, mediaType: string, main = false) => ({ id: fileId(n), name, mediaType, size: 2048, sha256: 'b'.repeat(64), main });

// happy-dom's object URLs are not blob: URLs; a browser's are, and that is what the tab relies on.
let created: Blob[] = [];
let revoked: string[] = [];
beforeEach(() => {
  created = [];
  revoked = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => `blob:http://diarium.test/${created.push(blob as Blob)}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url: string) => void revoked.push(url));
});
afterEach(() => {
  vi.restoreAllMocks();
  server.events.removeAllListeners();
});

/** Every path the viewer asked the API for. */
function requests() {
  const seen: string[] = [];
  server.events.on('request:start', ({ request }) => void seen.push(new URL(request.url).pathname.replace('/api/v1', '')));
  return seen;
}

function answerDocument(doc: Document) {
  server.use(http.get(`${API}/documents/:id`, () => HttpResponse.json(doc)));
}

function answerFile(id: string, bytes: Uint8Array, mediaType: string) {
  server.use(
    http.get(`${API}/documents/:documentId/files/${id}`, () => new HttpResponse(bytes.slice().buffer, { headers: { 'content-type': mediaType } })),
  );
}

function open(doc: Document) {
  const onClose = vi.fn();
  const view = renderTab(<DocumentViewer document={doc} onClose={onClose} />);
  return { ...view, onClose };
}

describe('the document viewer', () => {
  it('shows the document’s details and files, read afresh from the API once', async () => {
    const doc = documentFull(1, {
      counterparty: { name: 'Anna Svensson', organisation: 'Sjövik Fastigheter AB' },
      confidentiality: { provision: 'OSL 26 kap. 1 §', markedAt: '2026-11-02T09:05:00.000Z', markedBy: USERS.karin },
      publicTitle: 'Skrivelse',
      source: 'sharepoint',
      sourceRef: 'b!drive/01ITEM@"{8F4C2A11-0000-4000-8000-000000000001},7"',
    });
    const seen = requests();
    answerDocument(doc);
    answerFile(fileId(1), PDF, 'application/pdf');
    open(doc);

    const dialog = await screen.findByRole('dialog', { name: 'KS 2026/0042-1 – Handling 1' });
    expect(within(dialog).getByRole('heading', { level: 2, name: 'KS 2026/0042-1 – Handling 1' })).toBeTruthy();
    await within(dialog).findByRole('heading', { level: 3, name: 'Uppgifter' });
    const details = within(dialog).getByRole('heading', { name: 'Uppgifter' }).parentElement!;
    for (const text of ['Inkommande', 'Brev', 'Anna Svensson, Sjövik Fastigheter AB', 'Karin Lindqvist', 'Skrivelse', 'OSL 26 kap. 1 §, markerad 2 nov. 2026 av Karin Lindqvist', 'Sekretess', 'SharePoint, version 7']) {
      expect(within(details).getByText(text)).toBeTruthy();
    }
    expect(within(details).getByText('Avsändare')).toBeTruthy();

    const files = within(dialog).getByRole('heading', { name: 'Filer' }).parentElement!;
    const item = within(files).getByText('handling-1.pdf').closest('li')!;
    expect(within(item).getByText('Huvuddokument')).toBeTruthy();
    expect(within(item).getByText('PDF · 51,2 kB')).toBeTruthy();
    expect(within(item).getByRole('button', { name: 'Ladda ner handling-1.pdf' })).toBeTruthy();

    await within(dialog).findByTitle('Förhandsvisning av handling-1.pdf');
    expect(seen.filter((path) => path === `/documents/${doc.id}`)).toHaveLength(1);
  });

  it('closes with its close button and with Escape', async () => {
    const doc = documentFull(2, { files: [] });
    answerDocument(doc);
    const { onClose } = open(doc);
    fireEvent.click(await screen.findByRole('button', { name: 'Stäng handlingen' }));
    expect(onClose).toHaveBeenCalledTimes(1);

    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('shows only the public title of a document the reader may not see, and reads nothing more', async () => {
    const doc = documentRestricted(3);
    const seen = requests();
    answerDocument(doc);
    open(doc);

    const dialog = await screen.findByRole('dialog', { name: 'KS 2026/0042-3 – Handling med sekretess' });
    await within(dialog).findByText('Du har inte behörighet att se sekretessbelagda uppgifter. Endast den offentliga titeln visas.');
    expect(within(dialog).getByText('Inkommande')).toBeTruthy();
    expect(within(dialog).getByText('Sekretess')).toBeTruthy();
    expect(within(dialog).queryByRole('heading', { name: 'Filer' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: /Ladda ner/ })).toBeNull();
    expect(seen).toEqual([`/documents/${doc.id}`]);
  });

  it('previews a PDF in a frame from a blob: URL of type application/pdf, and lets it go on closing', async () => {
    const doc = documentFull(4);
    answerDocument(doc);
    answerFile(fileId(4), PDF, 'application/octet-stream');
    const { unmount } = open(doc);

    const frame = (await screen.findByTitle('Förhandsvisning av handling-4.pdf')) as HTMLIFrameElement;
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('src')).toMatch(/^blob:/);
    expect(created.at(-1)?.type).toBe('application/pdf');

    unmount();
    expect(revoked).toContain(frame.getAttribute('src'));
  });

  it('previews an image, and offers a choice when several files can be previewed', async () => {
    const doc = documentFull(5, {
      files: [file(51, 'situationsplan.png', 'image/png', true), file(52, 'ritning.pdf', 'application/pdf'), file(53, 'beskrivning.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')],
    });
    answerDocument(doc);
    answerFile(fileId(51), PNG, 'image/png');
    answerFile(fileId(52), PDF, 'application/pdf');
    open(doc);

    const image = await screen.findByRole('img', { name: 'Förhandsvisning av situationsplan.png' });
    expect(image.getAttribute('src')).toMatch(/^blob:/);
    const choice = screen.getByRole('combobox', { name: 'Fil att förhandsvisa' }) as HTMLSelectElement;
    expect([...choice.options].map((o) => o.text)).toEqual(['situationsplan.png', 'ritning.pdf']);

    fireEvent.change(choice, { target: { value: fileId(52) } });
    expect((await screen.findByTitle('Förhandsvisning av ritning.pdf')).getAttribute('src')).toMatch(/^blob:/);
    expect(screen.getByText('Word-dokument · 2 kB')).toBeTruthy();
  });

  it('says when a file type has no preview', async () => {
    const doc = documentFull(6, { files: [file(61, 'protokoll.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', true)] });
    answerDocument(doc);
    open(doc);
    expect(await screen.findByText('Förhandsvisning finns inte för den här filtypen. Ladda ner filen för att öppna den.')).toBeTruthy();
  });

  it('downloads a file under its own name', async () => {
    const doc = documentFull(7, { files: [file(71, 'yttrande.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', true)] });
    const seen = requests();
    answerDocument(doc);
    answerFile(fileId(71), PDF, 'application/octet-stream');
    const clicked: Array<{ download: string; href: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    open(doc);

    fireEvent.click(await screen.findByRole('button', { name: 'Ladda ner yttrande.docx' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe('yttrande.docx');
    expect(clicked[0]!.href).toMatch(/^blob:/);
    expect(seen).toContain(`/documents/${doc.id}/files/${fileId(71)}`);
  });

  it('explains plainly when a file may not be read, and tries again on request', async () => {
    const doc = documentFull(8);
    answerDocument(doc);
    let attempts = 0;
    server.use(
      http.get(`${API}/documents/:documentId/files/:fileId`, () => {
        attempts += 1;
        return attempts === 1
          ? HttpResponse.json(problemBody(403, 'forbidden', 'Forbidden'), { status: 403 })
          : new HttpResponse(PDF.slice().buffer, { headers: { 'content-type': 'application/pdf' } });
      }),
    );
    open(doc);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Du har inte behörighet att läsa filen. Be ärendets handläggare eller registratorn om åtkomst.');
    fireEvent.click(screen.getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByTitle('Förhandsvisning av handling-8.pdf')).toBeTruthy();
  });

  it('shows what went wrong when the document cannot be read, and reads it again on request', async () => {
    const doc = documentFull(9, { files: [] });
    let attempts = 0;
    server.use(
      http.get(`${API}/documents/:id`, () => {
        attempts += 1;
        return attempts === 1 ? HttpResponse.json(problemBody(503, 'unavailable', 'Diariet är inte tillgängligt just nu. Försök igen om en stund.'), { status: 503 }) : HttpResponse.json(doc);
      }),
    );
    open(doc);

    expect((await screen.findByRole('alert')).textContent).toBe('Diariet är inte tillgängligt just nu. Försök igen om en stund.');
    fireEvent.click(screen.getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByRole('heading', { name: 'Uppgifter' })).toBeTruthy();
  });
});

describe('a registered mail in the viewer', () => {
  const eml = file(91, 'mejl.eml', 'message/rfc822', true);
  const mailDocument = (overrides: Partial<DocumentFull> = {}) => documentFull(10, { kind: 'mail', source: 'mail', files: [eml], ...overrides });
  const mail = (overrides: Partial<MailView> = {}): MailView => ({
    documentId: mailDocument().id,
    subject: 'Ansökan om bygglov, Sjövik 2:14',
    from: [{ name: 'Anna Svensson', address: 'anna.svensson@example.se' }],
    to: [{ name: null, address: 'bygglov@ekby.se' }],
    cc: [{ name: 'Johan Berg', address: 'johan.berg@ekby.se' }],
    date: '2026-11-02T08:58:00.000Z',
    html:
      '<html><head><style>p{color:navy}</style></head><body><p>Hej,</p><p>här kommer <b>ansökan</b>.</p>' +
      '<script>steal()</script><img src="x" onerror="steal()"><img src="https://tracker.example/pixel.gif" alt="spårning">' +
      `<img src="${DATA_IMAGE}" alt="Logga"></body></html>`,
    text: 'Hej,\nhär kommer ansökan.',
    attachments: [
      { name: 'ansokan.pdf', mediaType: 'application/pdf', size: 120_000, inline: false },
      { name: 'image001.png', mediaType: 'image/png', size: 3_000, inline: true },
    ],
    ...overrides,
  });

  it('shows the headers, and the body sanitised in a frame that runs nothing and loads nothing from elsewhere', async () => {
    const doc = mailDocument();
    answerDocument(doc);
    server.use(http.get(`${API}/documents/:id/mail`, () => HttpResponse.json(mail())));
    open(doc);

    const section = (await screen.findByRole('heading', { name: 'Mejlet' })).parentElement!;
    const frame = (await within(section).findByTitle('Mejlets innehåll')) as HTMLIFrameElement;
    for (const text of ['Från', 'Till', 'Kopia', 'Datum', 'Ämne', 'Anna Svensson <anna.svensson@example.se>', 'bygglov@ekby.se', 'Ansökan om bygglov, Sjövik 2:14']) {
      expect(within(section).getByText(text)).toBeTruthy();
    }
    const sandbox = frame.getAttribute('sandbox')!.split(/\s+/);
    expect(sandbox).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox']);
    const srcdoc = frame.getAttribute('srcdoc')!;
    expect(srcdoc).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`);
    expect(srcdoc).toContain('<b>ansökan</b>');
    expect(srcdoc).toContain(DATA_IMAGE);
    expect(srcdoc).not.toMatch(/<script|onerror|steal|tracker\.example/);
    expect(within(section).getByText('Externa bilder visas inte, eftersom de kan avslöja för avsändaren att mejlet har öppnats.')).toBeTruthy();

    const attachments = within(section).getByRole('heading', { name: 'Bilagor i mejlet' }).parentElement!;
    expect(within(attachments).getByText('ansokan.pdf')).toBeTruthy();
    const inline = within(attachments).getByText('image001.png').closest('li')!;
    expect(within(inline).getByText('Infogad i texten')).toBeTruthy();
    // The .eml is the mail itself: no preview section that could only say it has none.
    expect(screen.queryByRole('heading', { name: 'Förhandsvisning' })).toBeNull();
  });

  it('shows a text-only mail as wrapped text', async () => {
    const doc = mailDocument();
    answerDocument(doc);
    server.use(http.get(`${API}/documents/:id/mail`, () => HttpResponse.json(mail({ html: null, text: 'Hej,\nhär kommer ansökan.' }))));
    open(doc);
    const body = await screen.findByText(/här kommer ansökan/);
    expect(body.tagName).toBe('PRE');
    expect(screen.queryByTitle('Mejlets innehåll')).toBeNull();
    expect(screen.queryByText(/Externa bilder/)).toBeNull();
  });

  it('falls back to the details and files when the document holds no mail after all', async () => {
    const doc = mailDocument({ files: [file(92, 'skrivelse.pdf', 'application/pdf', true)] });
    answerDocument(doc);
    answerFile(fileId(92), PDF, 'application/pdf');
    server.use(http.get(`${API}/documents/:id/mail`, () => HttpResponse.json(problemBody(404, 'not_a_mail', 'Handlingen innehåller inget mejl.'), { status: 404 })));
    open(doc);

    expect(await screen.findByTitle('Förhandsvisning av skrivelse.pdf')).toBeTruthy();
    await act(async () => {});
    expect(screen.queryByRole('heading', { name: 'Mejlet' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Uppgifter' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ladda ner skrivelse.pdf' })).toBeTruthy();
  });
});
