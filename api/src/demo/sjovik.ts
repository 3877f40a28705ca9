import { samplePdf, samplePng } from './teams.ts';

// What the demo channel's case holds, for the Teams tabs: a citizen's mail whose HTML tries
// what a hostile mail would (script, event handler, tracking pixel), an outgoing letter, a
// photo and a confidential statement.

const header = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?utf-8?b?${Buffer.from(text).toString('base64')}?=`);
const base64 = (content: Buffer | string) => (Buffer.from(content).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** Marks the mail's HTML sets if its script or event handler ever runs: a browser test looks for them. */
export const HOSTILE_MARKERS = { script: '__diariumScriptRan', onerror: '__diariumOnerrorRan' } as const;
/** The remote picture in the mail, which a viewer must never fetch. */
export const TRACKING_PIXEL = 'https://example.com/track.png';

export const SJOVIK_MAIL = {
  messageId: '<4c1e9a07.synpunkter-sjovik-2-14@exempel.se>',
  subject: 'Synpunkter på samrådshandlingen för Sjövik 2:14',
  from: { name: 'Lena Holm', email: 'lena.holm@exempel.se' },
  photoCid: 'strandvagen-foto.4c1e9a07@exempel.se',
  sentAt: '2026-11-18T08:47:12.000Z',
} as const;

/** The citizen's mail as it arrived: text and HTML, with a photo of the shore shown in the HTML. */
export function sjovikMail(): Buffer {
  const text = [
    'Hej!',
    '',
    'Jag bor på Strandvägen 12 och har läst samrådshandlingen för detaljplanen för Sjövik 2:14.',
    'Jag är positiv till att strandområdet blir allmänt tillgängligt, men oroar mig för trafiken',
    'på Strandvägen under byggtiden. Kan byggtrafiken i stället ledas via Sjöviksvägen?',
    '',
    'Ett foto av Strandvägen en vardagsmorgon finns i mejlet.',
    '',
    'Med vänlig hälsning',
    'Lena Holm',
  ].join('\r\n');
  const html = `<html><head><meta charset="utf-8"></head><body>
<p>Hej!</p>
<p>Jag bor på Strandvägen 12 och har läst samrådshandlingen för detaljplanen för <b>Sjövik 2:14</b>.
Jag är positiv till att strandområdet blir allmänt tillgängligt, men oroar mig för trafiken på
Strandvägen under byggtiden. Kan byggtrafiken i stället ledas via Sjöviksvägen?</p>
<p><img src="cid:${SJOVIK_MAIL.photoCid}" alt="Strandvägen en vardagsmorgon" width="320" height="200"></p>
<script>window.${HOSTILE_MARKERS.script} = true; document.title = 'Skriptet körde';</script>
<img src="x" onerror="window.${HOSTILE_MARKERS.onerror} = true" alt="">
<img src="${TRACKING_PIXEL}" width="1" height="1" alt="">
<p>Med vänlig hälsning<br>Lena Holm</p>
</body></html>`;
  const mime = [
    `From: ${header(SJOVIK_MAIL.from.name)} <${SJOVIK_MAIL.from.email}>`,
    'To: Ekby kommun <kommunen@ekby.se>',
    `Subject: ${header(SJOVIK_MAIL.subject)}`,
    `Date: ${new Date(SJOVIK_MAIL.sentAt).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${SJOVIK_MAIL.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="=_sjovik_alt"',
    '',
    '--=_sjovik_alt',
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: base64',
    '',
    base64(text),
    '--=_sjovik_alt',
    'Content-Type: multipart/related; type="text/html"; boundary="=_sjovik_related"',
    '',
    '--=_sjovik_related',
    'Content-Type: text/html; charset="utf-8"',
    'Content-Transfer-Encoding: base64',
    '',
    base64(html),
    '--=_sjovik_related',
    'Content-Type: image/png; name="strandvagen.png"',
    'Content-Disposition: inline; filename="strandvagen.png"',
    `Content-ID: <${SJOVIK_MAIL.photoCid}>`,
    'Content-Transfer-Encoding: base64',
    '',
    base64(samplePng(160, 100)),
    '--=_sjovik_related--',
    '--=_sjovik_alt--',
    '',
  ];
  return Buffer.from(mime.join('\r\n'));
}

/** The outgoing notice of consultation (underrättelse om samråd), as a PDF. */
export function consultationNotice(): Buffer {
  return samplePdf([
    'Ekby kommun, Kommunstyrelsen',
    'Underrättelse om samråd',
    '',
    'Detaljplan för Sjövik 2:14',
    'Förslaget finns tillgängligt på kommunens webbplats och i Ekby stadshus.',
    'Synpunkter ska ha kommit in till kommunen senast den 11 december.',
  ]);
}

/** A photo from the site visit. */
export function siteVisitPhoto(): Buffer {
  return samplePng(480, 300);
}

/** A neighbour's statement that gives away their protected address (skyddade personuppgifter). */
export function protectedStatement(): Buffer {
  return samplePdf([
    'Yttrande över samrådshandling, detaljplan för Sjövik 2:14',
    '',
    'Jag bor i huset närmast planområdet och motsätter mig att',
    'gångvägen dras förbi min tomt.',
  ]);
}
