import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../store/database.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let s: TestServer;
const logs: string[] = [];
let registrar: string;
let reader: string;
let ksOfficer: string;
beforeAll(async () => {
  s = await startTestServer({ maxUploadBytes: 64 * 1024, logs });
  registrar = await s.tokenFor('karin.lindqvist@ekby.se');
  reader = await s.tokenFor('sofia.ek@ekby.se');
  ksOfficer = await s.tokenFor('johan.berg@ekby.se');
});
afterAll(() => s.close());

interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

async function call(
  method: string,
  path: string,
  options: { token?: string | null; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? registrar : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const res = await fetch(`${s.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, type, body: (type.includes('json') ? JSON.parse(text) : text) as Record<string, unknown> };
}

const problem = (res: { body: unknown }) => res.body as Problem;
const fields = (res: { body: unknown }) => (problem(res).errors ?? []).map((e) => e.field);

async function counts() {
  const [row] = rowsOf<{ cases: number; documents: number; files: number }>(
    await s.register.handle.db.execute(
      sql`select (select count(*)::int from cases) as cases, (select count(*)::int from documents) as documents, (select count(*)::int from document_files) as files`,
    ),
  );
  const stored = (await readdir(s.register.blobDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
  return { ...row!, stored };
}

describe('registering and reading a case over HTTP', () => {
  it('registers a case, answers 201 with its number, Location and ETag, and reads it back by number', async () => {
    const res = await call('POST', '/api/v1/cases', { json: { diary: 'KS', title: 'Motion om trygghetskameror' } });
    expect(res.status).toBe(201);
    expect(res.body.caseNumber).toMatch(/^KS \d{4}\/0001$/);
    expect(res.headers.get('location')).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    for (const ref of [res.body.caseNumber as string, (res.body.caseNumber as string).replace(' ', '-').replace('/', '-')]) {
      const read = await call('GET', `/api/v1/cases/${encodeURIComponent(ref)}`, { token: reader });
      expect(read.status).toBe(200);
      expect(read.body.title).toBe('Motion om trygghetskameror');
    }
  });

  it('answers a retry with the same Idempotency-Key with the first case, and registers one', async () => {
    const before = await counts();
    const send = () =>
      call('POST', '/api/v1/cases', {
        json: { diary: 'KS', title: 'Skrivelse om busshållplats' },
        headers: { 'Idempotency-Key': 'c0ffee-1' },
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.body.id).toBe(b.body.id);
    expect((await counts()).cases).toBe(before.cases + 1);
    const other = await call('POST', '/api/v1/cases', {
      json: { diary: 'KS', title: 'En annan skrivelse' },
      headers: { 'Idempotency-Key': 'c0ffee-1' },
    });
    expect(other.status).toBe(422);
    expect(problem(other).code).toBe('idempotency_key_reused');
  });

  it('lists the signed-in user, the diaries with my roles, and the units', async () => {
    const me = await call('GET', '/api/v1/me', { token: ksOfficer });
    expect(me.body).toMatchObject({ name: 'Johan Berg', organisation: { name: 'Ekby kommun' }, roles: [{ diary: 'KS', role: 'officer' }] });
    const diaries = await call('GET', '/api/v1/diaries', { token: ksOfficer });
    expect((diaries.body.items as { prefix: string; myRoles: string[] }[]).map((d) => [d.prefix, d.myRoles])).toEqual([
      ['BN', []],
      ['KS', ['officer']],
      ['SN', []],
    ]);
    expect(((await call('GET', '/api/v1/units')).body.items as unknown[]).length).toBe(4);
  });
});

describe('bad input gets a problem+json that names what to fix, and stores nothing', () => {
  it('malformed JSON', async () => {
    const before = await counts();
    const res = await call('POST', '/api/v1/cases', { body: '{"diary": "KS", "title": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(fields(res)).toEqual(['body']);
    expect(problem(res).errors![0]!.message).toBe('Förfrågan är inte giltig JSON.');
    expect(await counts()).toEqual(before);
  });

  it('unknown fields, wrong types and over-long strings, each named', async () => {
    const res = await call('POST', '/api/v1/cases', {
      json: { diary: 'KS', title: 'x'.repeat(501), officerId: 42, secretField: true, counterparties: [{ name: 'A', phone: '1' }] },
    });
    expect(res.status).toBe(400);
    expect(fields(res).sort()).toEqual(['counterparties.0.phone', 'officerId', 'secretField', 'title'].sort());
    expect(problem(res).title).toBe('Uppgifterna behöver rättas');
  });

  it('an unknown diary', async () => {
    const res = await call('POST', '/api/v1/cases', { json: { diary: 'XY', title: 'Fel diarium' } });
    expect(res.status).toBe(400);
    expect(problem(res).errors).toEqual([{ field: 'diary', message: 'Diariet XY finns inte.' }]);
  });

  it('a confidential case without a public title', async () => {
    const res = await call('POST', '/api/v1/cases', {
      json: { diary: 'SN', title: 'Orosanmälan – Ali Ahmed', confidentiality: { provision: 'OSL 26 kap. 1 §' } },
    });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['publicTitle']);
    expect(JSON.stringify(res.body)).not.toContain('Ali Ahmed');
  });

  it('answers in English to a reader who prefers it', async () => {
    const res = await call('POST', '/api/v1/cases', { json: { diary: 'XY', title: 'Fel' }, headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(problem(res).title).toBe('The input needs correcting');
    expect(problem(res).errors).toEqual([{ field: 'diary', message: 'The diary XY does not exist.' }]);
  });

  it('a body that is not JSON', async () => {
    const res = await call('POST', '/api/v1/cases', { body: 'diary=KS', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(problem(res).code).toBe('unsupported_media_type');
  });

  it('a case number in a wrong format, and one that does not exist', async () => {
    const wrong = await call('GET', `/api/v1/cases/${encodeURIComponent('KS 26/x')}`);
    expect(wrong.status).toBe(400);
    expect(problem(wrong).errors).toEqual([{ field: 'id', message: 'Ange diarienumret som t.ex. KS 2026/0042.' }]);
    const missing = await call('GET', `/api/v1/cases/${encodeURIComponent('KS 1999/0042')}`);
    expect(missing.status).toBe(404);
  });

  it('SQL-looking and regex-looking search strings are only words', async () => {
    for (const q of ["' or 1=1 --", '(a+)+$', '%_%', 'KS 2026/0042; drop table cases']) {
      const res = await call('GET', `/api/v1/cases?q=${encodeURIComponent(q)}`, { token: reader });
      expect(res.status, q).toBe(200);
    }
    const bad = await call('GET', '/api/v1/cases?limit=1000&status=archived', { token: reader });
    expect(bad.status).toBe(400);
    expect(fields(bad).sort()).toEqual(['limit', 'status']);
  });
});

describe('changing a case needs the version it was read at', () => {
  it('refuses a change without If-Match (428) and a stale one (412), and keeps both changes apart', async () => {
    const created = await call('POST', '/api/v1/cases', { token: ksOfficer, json: { diary: 'KS', title: 'Upphandling av belysning' } });
    const path = `/api/v1/cases/${created.body.id}`;
    const none = await call('PATCH', path, { token: ksOfficer, json: { title: 'Ny titel' } });
    expect(none.status).toBe(428);
    const first = await call('PATCH', path, { token: ksOfficer, json: { title: 'Upphandling av gatubelysning' }, headers: { 'if-match': '"1"' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const second = await call('PATCH', path, { token: registrar, json: { title: 'Något annat' }, headers: { 'if-match': '"1"' } });
    expect(second.status).toBe(412);
    expect(problem(second).detail).toContain('Läs in det igen');
    const malformed = await call('PATCH', path, { token: ksOfficer, json: { title: 'X' }, headers: { 'if-match': 'version-2' } });
    expect(malformed.status).toBe(400);
    expect((await call('GET', path)).body.title).toBe('Upphandling av gatubelysning');

    const closed = await call('PATCH', path, {
      token: ksOfficer,
      json: { close: { decisionSummary: 'Kommunstyrelsen beslutar att anta anbudet.' } },
      headers: { 'if-match': '"2"' },
    });
    expect(closed.body).toMatchObject({ status: 'closed', decisionSummary: 'Kommunstyrelsen beslutar att anta anbudet.' });
    const history = await call('GET', `${path}/events`);
    expect((history.body.items as { action: string }[]).map((e) => e.action)).toEqual(['case.registered', 'case.updated', 'case.closed']);
    expect((history.body.items as { before: unknown; after: unknown }[])[1]).toMatchObject({
      before: { title: 'Upphandling av belysning' },
      after: { title: 'Upphandling av gatubelysning' },
    });
  });

  it("refuses a reader's change, whatever the version", async () => {
    const created = await call('POST', '/api/v1/cases', { json: { diary: 'KS', title: 'Remiss om kollektivtrafik' } });
    const res = await call('PATCH', `/api/v1/cases/${created.body.id}`, { token: reader, json: { title: 'X' }, headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(403);
  });
});

describe('documents and files', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await call('POST', '/api/v1/cases', { json: { diary: 'BN', title: 'Ansökan om bygglov för brygga' } })).body.id as string;
  });

  function upload(metadata: unknown, files: { name: string; content: string | Uint8Array<ArrayBuffer>; type?: string }[]) {
    const form = new FormData();
    form.append('metadata', JSON.stringify(metadata));
    for (const f of files) form.append('files', new Blob([f.content], { type: f.type ?? 'application/octet-stream' }), f.name);
    return call('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
  }

  it('registers a document with files and gives each file back byte for byte, with its digest', async () => {
    const pdf = new Uint8Array(20_000).map((_, i) => (i * 7) % 256);
    const res = await upload({ direction: 'incoming', kind: 'letter', title: 'Ansökan med ritning', mainFile: 'Ansökan om bygglov.pdf' }, [
      { name: 'Ansökan om bygglov.pdf', content: pdf, type: 'application/pdf' },
      { name: 'ritning.txt', content: 'Plan 1:100' },
    ]);
    expect(res.status).toBe(201);
    const document = res.body.document as { id: string; documentNumber: string; files: { id: string; name: string; main: boolean; sha256: string }[] };
    expect(res.body.alreadyRegistered).toBe(false);
    expect(document.files.map((f) => [f.name, f.main])).toEqual([
      ['Ansökan om bygglov.pdf', true],
      ['ritning.txt', false],
    ]);
    const pdfFile = document.files[0]!;
    const download = await fetch(`${s.url}/api/v1/documents/${document.id}/files/${pdfFile.id}`, { headers: { authorization: `Bearer ${reader}` } });
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(bytes).toEqual(pdf);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''Ans%C3%B6kan%20om%20bygglov.pdf");
    const digest = createHash('sha256').update(pdf).digest();
    expect(download.headers.get('repr-digest')).toBe(`sha-256=:${digest.toString('base64')}:`);
    expect(pdfFile.sha256).toBe(digest.toString('hex'));
  });

  it('says so when the same source item is registered again', async () => {
    const meta = { direction: 'incoming', kind: 'mail', title: 'Komplettering', source: 'mail', sourceRef: '<abc@exempel.se>' };
    const first = await call('POST', `/api/v1/cases/${caseId}/documents`, { json: meta });
    const second = await call('POST', `/api/v1/cases/${caseId}/documents`, { json: meta });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.alreadyRegistered).toBe(true);
    expect((second.body.document as { id: string }).id).toBe((first.body.document as { id: string }).id);
  });

  it.each([
    ['a path', '../../etc/passwd'],
    ['a control character', 'rad\tbrytning.txt'],
    ['300 characters', `${'å'.repeat(296)}.pdf`],
  ])('refuses a file name with %s, and stores nothing', async (_what, name) => {
    const before = await counts();
    const res = await upload({ direction: 'incoming', title: 'Bilaga' }, [{ name, content: 'x' }]);
    expect(res.status).toBe(400);
    expect(problem(res).errors).toEqual([{ field: 'files.0.name', message: expect.stringContaining('Filnamnet') }]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file over the size limit with 413, and stores nothing', async () => {
    const before = await counts();
    const res = await upload({ direction: 'incoming', title: 'Stor fil' }, [
      { name: 'liten.txt', content: 'ok' },
      { name: 'stor.bin', content: new Uint8Array(200 * 1024) },
    ]);
    expect(res.status).toBe(413);
    expect(problem(res).detail).toContain('64 kB');
    expect(await counts()).toEqual(before);
  });

  it('refuses a multipart body it cannot read, and stores nothing', async () => {
    const before = await counts();
    const boundary = 'diarium-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"direction":"incoming","title":"X"}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a\u0007b.txt"\r\n\r\nabc\r\n--${boundary}--\r\n`;
    const res = await call('POST', `/api/v1/cases/${caseId}/documents`, {
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status).toBe(400);
    expect(fields(res)[0]).toMatch(/^files/);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad metadata in a multipart registration, and stores nothing', async () => {
    const before = await counts();
    const res = await upload({ direction: 'sideways', title: '' }, [{ name: 'a.txt', content: 'a' }]);
    expect(res.status).toBe(400);
    expect(fields(res).sort()).toEqual(['metadata.direction', 'metadata.title']);
    expect(await counts()).toEqual(before);
  });

  it("refuses a reader's upload before storing anything", async () => {
    const before = await counts();
    const form = new FormData();
    form.append('metadata', JSON.stringify({ direction: 'incoming', title: 'X' }));
    form.append('files', new Blob(['x']), 'x.txt');
    const res = await call('POST', `/api/v1/cases/${caseId}/documents`, { body: form, token: reader });
    expect(res.status).toBe(403);
    expect(problem(res).detail).toContain('registrator eller handläggare');
    expect(await counts()).toEqual(before);
  });
});

describe('confidential cases over HTTP', () => {
  it('shows outsiders only the public title, and never the internal one in a list, a search or an error', async () => {
    const created = await call('POST', '/api/v1/cases', {
      json: {
        diary: 'SN',
        title: 'Ansökan om ekonomiskt bistånd – Göran Öberg',
        publicTitle: 'Ansökan om ekonomiskt bistånd',
        confidentiality: { provision: 'OSL 26 kap. 1 §' },
      },
    });
    const id = created.body.id as string;
    const responses = [
      await call('GET', `/api/v1/cases/${id}`, { token: reader }),
      await call('GET', '/api/v1/cases?q=Öberg', { token: reader }),
      await call('GET', '/api/v1/cases?q=bistånd', { token: reader }),
      await call('GET', `/api/v1/cases/${id}/events`, { token: reader }),
      await call('GET', `/api/v1/cases/${id}/documents`, { token: reader }),
      await call('PATCH', `/api/v1/cases/${id}`, { token: reader, json: { title: 'x' }, headers: { 'if-match': '"1"' } }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 403, 403, 403]);
    expect(responses[0]!.body).toMatchObject({ access: 'restricted', publicTitle: 'Ansökan om ekonomiskt bistånd' });
    expect(responses[1]!.body.items).toEqual([]);
    for (const r of responses) expect(JSON.stringify(r.body)).not.toContain('Öberg');
    // The officer's own reads and a failing change are logged too, without the title.
    await call('GET', `/api/v1/cases/${id}`);
    await call('PATCH', `/api/v1/cases/${id}`, { json: { title: 'Ansökan – Göran Öberg, rättad', officerId: 'nej' }, headers: { 'if-match': '"1"' } });
    expect(logs.length).toBeGreaterThan(5);
    expect(logs.join('\n')).not.toMatch(/Öberg|bistånd|%C3%96berg|bist%C3%A5nd/i);
  });
});

describe('people and access over HTTP', () => {
  it('finds colleagues, and lets a registrar grant one access to a confidential case', async () => {
    const users = await call('GET', '/api/v1/users?q=sofia');
    const sofia = (users.body.items as { id: string; name: string }[])[0]!;
    expect(sofia.name).toBe('Sofia Ek');
    const created = await call('POST', '/api/v1/cases', {
      json: { diary: 'SN', title: 'Orosanmälan – Linnéa Björk', publicTitle: 'Orosanmälan', confidentiality: { provision: 'OSL 26 kap. 1 §' } },
    });
    const path = `/api/v1/cases/${created.body.id}`;
    expect((await call('GET', path, { token: reader })).body.access).toBe('restricted');
    expect((await call('POST', `${path}/grants`, { json: { userId: sofia.id } })).status).toBe(201);
    expect((await call('GET', path, { token: reader })).body.title).toBe('Orosanmälan – Linnéa Björk');
    expect((await call('DELETE', `${path}/grants/${sofia.id}`)).status).toBe(204);
    expect((await call('GET', path, { token: reader })).body.access).toBe('restricted');
    const refused = await call('POST', `${path}/grants`, { token: reader, json: { userId: sofia.id } });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('Björk');
  });
});

describe('tokens are checked strictly', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    iss: s.issuer,
    aud: s.audience,
    tid: '5e1f0c3a-7b2d-4c8e-9a61-0d2b3c4e5f60',
    oid: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000002',
    sub: 'abc',
    name: 'Johan Berg',
    preferred_username: 'johan.berg@ekby.se',
    scp: 'access_as_user',
    ver: '2.0',
    iat: now(),
    nbf: now() - 10,
    exp: now() + 600,
  });
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('accepts a good token', async () => {
    expect((await call('GET', '/api/v1/me', { token: await s.forge(claims()) })).status).toBe(200);
  });

  it.each([
    ['no token', async () => null, 401],
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`, 401],
    ['a wrong audience', async () => s.forge({ ...claims(), aud: 'api://someone-else' }), 401],
    ['a wrong issuer', async () => s.forge({ ...claims(), iss: 'https://evil.example/v2.0' }), 401],
    ['a wrong tenant', async () => s.forge({ ...claims(), tid: '00000000-0000-4000-8000-000000000000' }), 401],
    ['an expired token', async () => s.forge({ ...claims(), exp: now() - 3600, nbf: now() - 7200, iat: now() - 7200 }), 401],
    ['an unknown kid', async () => s.forge(claims(), { kid: 'not-our-key' }), 401],
    ['a missing scope', async () => s.forge({ ...claims(), scp: 'User.Read' }), 403],
  ])('refuses %s', async (_what, token, status) => {
    const res = await call('GET', '/api/v1/me', { token: await token() });
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(JSON.stringify(res.body)).not.toMatch(/eyJ/);
  });
});

describe('the service itself', () => {
  it('describes its API in OpenAPI', async () => {
    const res = await call('GET', '/api/v1/openapi.json', { token: null });
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths as object)).toEqual(
      expect.arrayContaining(['/cases', '/cases/{ref}', '/cases/{ref}/documents', '/documents/{id}/files/{fileId}']),
    );
  });

  it('reports health and readiness', async () => {
    expect((await call('GET', '/healthz', { token: null })).body).toEqual({ status: 'ok' });
    expect((await call('GET', '/readyz', { token: null })).body).toEqual({ status: 'ok', database: 'ok', files: 'ok' });
  });

  it('answers an unknown route with a problem, and gives every response a request id', async () => {
    const res = await call('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(problem(res).code).toBe('not_found');
  });

  it('gives demo users tokens only for demo users', async () => {
    const good = await call('POST', '/dev/token', { token: null, json: { user: 'sofia.ek@ekby.se' } });
    expect(typeof good.body.access_token).toBe('string');
    const bad = await call('POST', '/dev/token', { token: null, json: { user: 'someone@elsewhere.se' } });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['user']);
  });
});
