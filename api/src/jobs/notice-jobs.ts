import { z } from 'zod';
import { isAppError } from '@diarium/core';
import { isConversationGoneError, noticeReply, type BotEndpoint } from '@diarium/bot';
import type { Logger } from 'pino';
import { actorOfUser } from '../services/actor-of-user.ts';
import { caseStatusView } from '../services/bot-register.ts';
import type { LinkBase } from '../services/case-links.ts';
import type { Deps } from '../services/context.ts';
import { CASE_ASSIGNED_NOTICE_JOB } from '../services/notices.ts';
import { deleteBotConversation, findBotConversation } from '../store/bot-conversations.ts';
import { findUser } from '../store/users.ts';
import type { JobHandler } from './runner.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const AssignedPayload = z.object({ orgId: z.uuid(), caseId: z.uuid(), officerId: z.uuid(), assignedBy: z.uuid() });

/**
 * The bot's notifications, sent by the job runner. Each job sends at most one message and is
 * marked done right after, so a runner that stops (or dies) mid-batch leaves the rest to be
 * sent, and what was sent is not sent again.
 */
export function noticeJobHandlers(
  deps: Pick<Deps, 'db' | 'now'>,
  options: { bot: Pick<BotEndpoint, 'send'> | null; links: LinkBase; logger: Logger },
): Record<string, JobHandler> {
  return {
    [CASE_ASSIGNED_NOTICE_JOB]: {
      // A notice is worth sending for a day; Teams being away longer makes it stale news.
      policy: { baseMs: MINUTE, maxMs: HOUR, giveUpAfterMs: 24 * HOUR },
      async run(payload) {
        // Without a bot registration there is no one to send with: the notice is dropped, not piled up.
        if (!options.bot) return;
        const { orgId, caseId, officerId, assignedBy } = AssignedPayload.parse(payload);
        const reference = await findBotConversation(deps.db, orgId, officerId);
        // Only those who installed the bot for themselves can be told; the others see it in Mitt arbete.
        if (!reference) return;
        const actor = await actorOfUser(deps.db, orgId, officerId).catch((error: unknown) => {
          if (isAppError(error) && error.code === 'not_found') return null;
          throw error;
        });
        if (!actor) return;
        const view = await caseStatusView(deps, actor, caseId, options.links);
        // Assigned to someone else since: the news is no longer true.
        if (!view || view.case.access !== 'full' || view.case.officer?.id !== officerId) return;
        const by = await findUser(deps.db, orgId, assignedBy);
        try {
          await options.bot.send(reference, noticeReply({ kind: 'caseAssigned', view, assignedBy: by?.name ?? null }, localeOf(reference)));
        } catch (error) {
          if (!isConversationGoneError(error)) throw error;
          // The user removed the bot (or it was blocked): forget the conversation until they install it again.
          await deleteBotConversation(deps.db, orgId, officerId);
          options.logger.info({ userId: officerId, status: error.status }, 'bot conversation gone; reference dropped');
        }
      },
    },
  };
}

function localeOf(reference: Record<string, unknown>): string | undefined {
  return typeof reference['locale'] === 'string' ? reference['locale'] : undefined;
}
