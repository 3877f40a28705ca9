import { canReadCase, caseWebUrl, channelCaseLink, personalCaseLink, stageCaseLink, type CaseLinks } from '@diarium/core';
import { latestChannelTabOfCase } from '../store/channel-tabs.ts';
import type { Actor, Deps } from './context.ts';
import { findCase } from './find-case.ts';
import { caseFacts } from './views.ts';

/** Where Diarium is served, and its Teams app when there is one. */
export interface LinkBase {
  baseUrl: string;
  teamsAppId: string | null;
}

/**
 * Where a case opens, for the bot's cards and anyone who shares a case: its page, and in Teams
 * its channel tab (the one most lately bound), the personal tab and a stage view. Which channel
 * works on a confidential case is itself confidential, so only those who may read it get that link.
 */
export async function getCaseLinks(deps: Pick<Deps, 'db'>, actor: Actor, ref: string, base: LinkBase): Promise<CaseLinks> {
  const record = await findCase(deps.db, actor.orgId, ref);
  const web = caseWebUrl(base.baseUrl, record.caseNumber);
  if (!base.teamsAppId) return { caseNumber: record.caseNumber, web, teams: null };
  const app = { appId: base.teamsAppId, baseUrl: base.baseUrl };
  const tab = canReadCase(actor.principal, caseFacts(record)) ? await latestChannelTabOfCase(deps.db, actor.orgId, record.id) : null;
  return {
    caseNumber: record.caseNumber,
    web,
    teams: {
      channel: tab ? channelCaseLink(app, { teamId: tab.teamId, channelId: tab.channelId, caseId: record.id }, record) : null,
      personal: personalCaseLink(app, record),
      // A stage view may be opened over a chat others read: it carries the public title only.
      stage: stageCaseLink(app, { caseNumber: record.caseNumber, title: record.publicTitle }),
    },
  };
}
