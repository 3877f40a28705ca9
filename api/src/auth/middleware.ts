import { AppError, isAppError } from '@diarium/core';
import type { RequestHandler, Response } from 'express';
import type { Identity } from './identity.ts';
import type { TokenValidator } from './token-validator.ts';

// RFC 6750: the scheme is case-insensitive, followed by exactly one token68.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** Express middleware: accepts only requests with a valid bearer token and puts the caller at `res.locals.identity`. */
export function authenticate(validator: TokenValidator): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || !/^Bearer(\s|$)/i.test(header)) {
      // No bearer credentials at all: RFC 6750 §3.1 says to challenge without an error code.
      res.set('WWW-Authenticate', 'Bearer');
      next(new AppError('unauthenticated', 'request has no bearer token', { params: { reason: 'missing_token' } }));
      return;
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      next(
        new AppError('unauthenticated', 'Authorization header is not "Bearer <token>"', {
          params: { reason: 'malformed_header' },
        }),
      );
      return;
    }

    let identity: Identity;
    try {
      identity = await validator.validate(token);
    } catch (error) {
      const challenge = isAppError(error) ? challengeFor(error.code) : undefined;
      if (challenge) res.set('WWW-Authenticate', challenge);
      next(error);
      return;
    }
    res.locals.identity = identity;
    // Kept for Graph calls on the caller's behalf (the on-behalf-of assertion); never logged.
    res.locals.accessToken = token;
    next();
  };
}

function challengeFor(code: string): string | undefined {
  if (code === 'unauthenticated') return 'Bearer error="invalid_token"';
  if (code === 'forbidden') return 'Bearer error="insufficient_scope"';
  // An unreachable key source is our fault, not the token's: no challenge.
  return undefined;
}

/** The caller that `authenticate` verified for this request. */
export function identityOf(res: Response): Identity {
  const identity = res.locals.identity as Identity | undefined;
  if (identity === undefined) {
    // A route reached without `authenticate` in front of it: refuse rather than act for nobody.
    throw new AppError('internal', 'identityOf called on a request that authenticate() did not check');
  }
  return identity;
}

/** The bearer token that `authenticate` verified for this request, for on-behalf-of calls. */
export function accessTokenOf(res: Response): string {
  const token = res.locals.accessToken as string | undefined;
  if (token === undefined) throw new AppError('internal', 'accessTokenOf called on a request that authenticate() did not check');
  return token;
}
