import { Router, type Response } from 'express';
import { AppError, MailRegistrationQuerySchema, RegisterMailSchema, TieOutgoingMailSchema } from '@diarium/core';
import { accessTokenOf, identityOf } from '../../auth/middleware.ts';
import type { GraphAccess } from '../../graph/graph-access.ts';
import type { Deps, MailDeps } from '../../services/context.ts';
import { findMailRegistrations } from '../../services/find-mail-registrations.ts';
import type { MailCaller } from '../../services/register-mail.ts';
import { registerMail } from '../../services/register-mail.ts';
import { tieOutgoingMail } from '../../services/tie-outgoing-mail.ts';
import { actorOf } from '../context.ts';
import { idempotencyClaim } from '../idempotency.ts';
import { localeOf } from '../problem.ts';
import { parseInput } from '../validate.ts';
import { requireJson } from './cases.ts';

const status = (outcome: 'created' | 'existing') => (outcome === 'created' ? 201 : 200);

function callerOf(res: Response): MailCaller {
  return { assertion: accessTokenOf(res), objectId: identityOf(res).objectId };
}

/** /mail: register a mail from Outlook, look up where a mail is registered, tie an outgoing mail to a case. */
export function mailRouter(deps: Deps, options: { graph: GraphAccess | null; maxUploadBytes: number }): Router {
  const router = Router();
  const mailDeps = (): MailDeps => {
    // Without Graph credentials (AUTH_MODE=entra and no client secret or certificate) mail cannot be fetched.
    if (!options.graph) throw new AppError('unavailable', 'Graph access is not configured', { detail: 'mail.graph.off' });
    return { ...deps, graph: options.graph, maxUploadBytes: options.maxUploadBytes };
  };

  router.post('/mail/registrations', async (req, res) => {
    requireJson(req);
    const input = parseInput(RegisterMailSchema, req.body, localeOf(req));
    const result = await registerMail(mailDeps(), actorOf(res), callerOf(res), input, idempotencyClaim(req, input));
    res.location(`${req.baseUrl}/documents/${result.value.document.id}`);
    res.status(status(result.outcome)).json(result.value);
  });

  router.get('/mail/registrations', async (req, res) => {
    const query = parseInput(MailRegistrationQuerySchema, req.query, localeOf(req));
    res.set('Cache-Control', 'private, no-store');
    res.json({ items: await findMailRegistrations(deps, actorOf(res), query) });
  });

  router.post('/mail/outgoing', async (req, res) => {
    requireJson(req);
    const input = parseInput(TieOutgoingMailSchema, req.body, localeOf(req));
    const result = await tieOutgoingMail(mailDeps(), actorOf(res), callerOf(res), input);
    res.status(status(result.outcome)).json(result.value);
  });

  return router;
}
