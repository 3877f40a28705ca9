import type { RequestHandler, Response } from 'express';
import { AppError } from '@diarium/core';
import { identityOf } from '../auth/middleware.ts';
import type { Actor, Deps } from '../services/context.ts';
import { resolveActor } from '../services/resolve-actor.ts';

/** After `authenticate`: the acting user, provisioned from the token on first call. */
export function actorFrom(deps: Pick<Deps, 'db' | 'now'>): RequestHandler {
  return async (req, res, next) => {
    const identity = identityOf(res);
    if (identity.kind !== 'user') {
      next(new AppError('forbidden', 'App tokens act only on behalf of a user', { params: { reason: 'app_token' } }));
      return;
    }
    res.locals.actor = await resolveActor(deps.db, identity, deps.now(), String(req.id));
    next();
  };
}

export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}
