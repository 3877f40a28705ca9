import { noticeReply } from '@diarium/bot';
import type { Deps } from '../services/context.ts';
import { DEADLINE_NEAR_NOTICE_JOB, DeadlineNoticePayload, deadlineNotice, warnOfDeadlines } from '../services/deadline-warnings.ts';
import type { Queryable } from '../store/database.ts';
import { NOTICE_POLICY, tellUser, type NoticeOptions } from './notice-jobs.ts';
import { enqueueJob } from './queue.ts';
import type { JobHandler } from './runner.ts';

/** Every minute: warns of the function mailboxes' messages whose warning time has come. */
export const DEADLINE_WARNINGS_JOB = 'queue.deadline-warnings';

const MINUTE = 60_000;

/** The recurring look for messages coming due, and the warnings it asks for. */
export function deadlineJobHandlers(deps: Pick<Deps, 'db' | 'now'>, options: NoticeOptions & { everyMs?: number }): Record<string, JobHandler> {
  return {
    [DEADLINE_WARNINGS_JOB]: {
      // No giving up: the next look finds whatever this one could not take.
      policy: { baseMs: 30_000, maxMs: 10 * MINUTE },
      repeatEveryMs: options.everyMs ?? MINUTE,
      async run() {
        // Without a bot no one could be told: the messages stay unwarned until there is one.
        if (!options.bot) return;
        const { items, notices } = await warnOfDeadlines(deps);
        // Counts only: a mail's subject is never logged.
        if (items > 0) options.logger.info({ items, notices }, 'deadline warnings asked for');
      },
    },
    [DEADLINE_NEAR_NOTICE_JOB]: {
      policy: NOTICE_POLICY,
      async run(payload) {
        const warning = DeadlineNoticePayload.parse(payload);
        await tellUser(deps, options, warning, async (locale) => {
          const notice = await deadlineNotice(deps, warning, options.links);
          return notice ? noticeReply(notice, locale) : null;
        });
      },
    },
  };
}

/** Makes sure the recurring look is scheduled (once: the key holds one pending). */
export async function scheduleDeadlineWarnings(db: Queryable, now: Date): Promise<void> {
  await enqueueJob(db, { kind: DEADLINE_WARNINGS_JOB, key: 'all', payload: {}, runAt: now }, now);
}
