import { Router, type Request, type Response } from 'express';
import {
  AppError,
  CaseSearchQuerySchema,
  CreateCaseSchema,
  CreateDocumentSchema,
  UpdateCaseSchema,
} from '@diarium/core';
import type { Deps } from '../../services/context.ts';
import { getCaseLinks, type LinkBase } from '../../services/case-links.ts';
import { getCase } from '../../services/get-case.ts';
import { listDocuments } from '../../services/list-documents.ts';
import { listEvents } from '../../services/list-events.ts';
import { registerCase } from '../../services/register-case.ts';
import { prepareDocumentRegistration, registerDocument } from '../../services/register-document.ts';
import { searchCases } from '../../services/search-cases.ts';
import { updateCase } from '../../services/update-case.ts';
import { actorOf } from '../context.ts';
import { etagOf, versionFromIfMatch } from '../etag.ts';
import { idempotencyClaim } from '../idempotency.ts';
import { readDocumentUpload } from '../multipart.ts';
import { localeOf } from '../problem.ts';
import { parseInput } from '../validate.ts';

const created = (outcome: 'created' | 'existing') => (outcome === 'created' ? 201 : 200);

export function requireJson(req: Request) {
  if (!req.is('application/json')) {
    throw new AppError('unsupported_media_type', 'Expected JSON', {
      fields: [{ field: 'Content-Type', message: 'field.contentType' }],
    });
  }
}

function sendCase(res: Response, status: number, body: { access: string; version?: number }) {
  if (body.access === 'full' && body.version !== undefined) res.set('ETag', etagOf(body.version));
  res.status(status).json(body);
}

/** /cases: register, read, change and search cases; their documents and history. */
export function casesRouter(deps: Deps, options: { maxUploadBytes: number; links: LinkBase }): Router {
  const router = Router();

  router.post('/cases', async (req, res) => {
    requireJson(req);
    const input = parseInput(CreateCaseSchema, req.body, localeOf(req));
    const result = await registerCase(deps, actorOf(res), input, idempotencyClaim(req, input));
    res.location(`${req.baseUrl}/cases/${result.value.id}`);
    sendCase(res, created(result.outcome), result.value);
  });

  router.get('/cases', async (req, res) => {
    const query = parseInput(CaseSearchQuerySchema, req.query, localeOf(req));
    res.json(await searchCases(deps, actorOf(res), query));
  });

  router.get('/cases/:ref', async (req, res) => {
    const value = await getCase(deps, actorOf(res), req.params.ref);
    res.set('Cache-Control', 'private, no-store');
    sendCase(res, 200, value);
  });

  router.patch('/cases/:ref', async (req, res) => {
    requireJson(req);
    const version = versionFromIfMatch(req.get('If-Match'));
    const patch = parseInput(UpdateCaseSchema, req.body, localeOf(req));
    sendCase(res, 200, await updateCase(deps, actorOf(res), req.params.ref, version, patch));
  });

  router.get('/cases/:ref/links', async (req, res) => {
    res.json(await getCaseLinks(deps, actorOf(res), req.params.ref, options.links));
  });

  router.get('/cases/:ref/events', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    res.json({ items: await listEvents(deps, actorOf(res), req.params.ref) });
  });

  router.get('/cases/:ref/documents', async (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    res.json({ items: await listDocuments(deps, actorOf(res), req.params.ref) });
  });

  router.post('/cases/:ref/documents', async (req, res) => {
    const actor = actorOf(res);
    const locale = localeOf(req);
    let result;
    if (req.is('multipart/form-data')) {
      // Refuse before storing a byte when the actor may not register here.
      const record = await prepareDocumentRegistration(deps, actor, req.params.ref);
      const upload = await readDocumentUpload(req, deps.blobs, options.maxUploadBytes);
      let input;
      try {
        input = parseInput(CreateDocumentSchema, upload.metadata, locale, 'metadata');
      } catch (error) {
        await Promise.all(upload.files.map((f) => deps.blobs.delete(f.blob.key).catch(() => undefined)));
        throw error;
      }
      const claim = idempotencyClaim(req, { input, files: upload.files.map((f) => [f.name, f.blob.sha256]) });
      result = await registerDocument(deps, actor, record.id, input, upload.files, claim);
    } else {
      requireJson(req);
      const input = parseInput(CreateDocumentSchema, req.body, locale);
      result = await registerDocument(deps, actor, req.params.ref, input, [], idempotencyClaim(req, input));
    }
    res.location(`${req.baseUrl}/documents/${result.value.id}`);
    res.status(created(result.outcome)).json({ alreadyRegistered: result.outcome === 'existing', document: result.value });
  });

  return router;
}
