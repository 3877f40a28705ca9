import { z } from 'zod';
import { isAppError } from '@diarium/core';
import type { MailDeps } from '../services/context.ts';
import { MARK_MAIL_JOB, markMailRegisteredAsApp } from '../services/mark-mail-registered.ts';
import { giveUpSentMail, registerSentMail } from '../services/register-sent-mail.ts';
import { OUTGOING_MAIL_JOB } from '../services/tie-outgoing-mail.ts';
import type { JobHandler } from './runner.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const MarkPayload = z.object({ mailbox: z.string(), itemId: z.string(), documentNumber: z.string() });
const OutgoingPayload = z.object({ tieId: z.uuid() });

/** The background work of mail registration: marking mail in Outlook, and registering sent mail. */
export function mailJobHandlers(deps: MailDeps): Record<string, JobHandler> {
  return {
    [MARK_MAIL_JOB]: {
      policy: { baseMs: 30_000, maxMs: HOUR, maxAttempts: 12 },
      async run(payload) {
        try {
          await markMailRegisteredAsApp(deps.graph.asApp(), MarkPayload.parse(payload));
        } catch (error) {
          // A mail deleted since it was registered has nothing left to mark.
          if (isAppError(error) && error.code === 'mail_not_found') return;
          throw error;
        }
      },
    },
    [OUTGOING_MAIL_JOB]: {
      // Looked for often at first, then hourly, for a day: mail can sit in the Outbox a while.
      policy: { baseMs: MINUTE, maxMs: HOUR, giveUpAfterMs: 24 * HOUR },
      run: (payload) => registerSentMail(deps, OutgoingPayload.parse(payload).tieId),
      onFailed: (payload) => giveUpSentMail(deps, OutgoingPayload.parse(payload).tieId),
    },
  };
}
