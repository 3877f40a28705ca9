import { z } from 'zod';
import { isAppError } from '@diarium/core';
import { isConversationGoneError, noticeReply, type BotEndpoint, type BotReply } from '@diarium/bot';
import type { Logger } from 'pino';
import { actorOfUser } from '../services/actor-of-user.ts';
import { caseStatusView } from '../services/bot-register.ts';
import type { LinkBase } from '../services/case-links.ts';
import type { Deps } from '../services/context.ts';
import { CASE_ASSIGNED_NOTICE_JOB } from '../services/notices.ts';
import { deleteBotConversation, findBotConversation } from '../store/bot-conversations.ts';
import { findUser } from '../store/users.ts';
import type { JobHandler, RetryPolicy } from './runner.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A notice is worth sending for a day; Teams being away longer makes it stale news. */
export const NOTICE_POLICY: RetryPolicy = { baseMs: MINUTE, maxMs: HOUR, giveUpAfterMs: 24 * HOUR };

/** What sending the bot's notices needs: the bot (null without a registration), where links go, and a log. */
export interface NoticeOptions {
  bot: Pick<BotEndpoint, 'send'> | null;
  links: LinkBase;
  logger: Logger;
}

const AssignedPayload = z.object({ orgId: z.uuid(), caseId: z.uuid(), officerId: z.uuid(), assignedBy: z.uuid() });

/**
 * The bot's notifications, sent by the job runner. Each job sends at most one message and is
 * marked done right after, so a runner that stops (or dies) mid-batch leaves the rest to be
 * sent, and what was sent is not sent again.
 */
export function noticeJobHandlers(deps: Pick<Deps, 'db' | 'now'>, options: NoticeOptions): Record<string, JobHandler> {
  return {
    [CASE_ASSIGNED_NOTICE_JOB]: {
      policy: NOTICE_POLICY,
      async run(payload) {
        const { orgId, caseId, officerId, assignedBy } = AssignedPayload.parse(payload);
        await tellUser(deps, options, { orgId, userId: officerId }, async (locale) => {
          const actor = await actorOfUser(deps.db, orgId, officerId).catch((error: unknown) => {
            if (isAppError(error) && error.code === 'not_found') return null;
            throw error;
          });
          if (!actor) return null;
          const view = await caseStatusView(deps, actor, caseId, options.links);
          // Assigned to someone else since: the news is no longer true.
          if (!view || view.case.access !== 'full' || view.case.officer?.id !== officerId) return null;
          const by = await findUser(deps.db, orgId, assignedBy);
          return noticeReply({ kind: 'caseAssigned', view, assignedBy: by?.name ?? null }, locale);
        });
      },
    },
  };
}

/**
 * Sends one user, in their chat with the bot, what `compose` makes of the news in their language;
 * nothing when `compose` finds it no longer true (null).
 */
export async function tellUser(
  deps: Pick<Deps, 'db'>,
  options: NoticeOptions,
  to: { orgId: string; userId: string },
  compose: (locale: string | undefined) => Promise<BotReply | null>,
): Promise<void> {
  // Without a bot registration there is no one to send with: the notice is dropped, not piled up.
  if (!options.bot) return;
  const reference = await findBotConversation(deps.db, to.orgId, to.userId);
  // Only those who installed the bot for themselves can be told; the others see it in Mitt arbete.
  if (!reference) return;
  const reply = await compose(localeOf(reference));
  if (!reply) return;
  try {
    await options.bot.send(reference, reply);
  } catch (error) {
    if (!isConversationGoneError(error)) throw error;
    // The user removed the bot (or it was blocked): forget the conversation until they install it again.
    await deleteBotConversation(deps.db, to.orgId, to.userId);
    options.logger.info({ userId: to.userId, status: error.status }, 'bot conversation gone; reference dropped');
  }
}

function localeOf(reference: Record<string, unknown>): string | undefined {
  return typeof reference['locale'] === 'string' ? reference['locale'] : undefined;
}
