/**
 * Links to a case in Teams, for the tabs, the bot and the add-in: straight into the channel
 * tab bound to the case, into the personal tab, or a stage view over the conversation. Every
 * link carries a web URL that opens the same case outside Teams.
 */
export interface TeamsApp {
  /** The Teams app id (the manifest's `id`). */
  appId: string;
  /** Where Diarium is served, e.g. `https://diarium.ekby.se`. */
  baseUrl: string;
}

/** The personal tab's entity id in the manifest. */
export const PERSONAL_TAB_ENTITY = 'mitt-arbete';

/** The entity id a channel tab is saved with: one per case, so a link can name it. */
export const channelTabEntityId = (caseId: string) => `diarium-case-${caseId}`;

/** A case's page outside Teams (and inside a stage view). */
export function caseWebUrl(baseUrl: string, caseNumber: string): string {
  const url = new URL('/tabs/case.html', baseUrl);
  url.searchParams.set('case', caseNumber);
  return url.href;
}

function entityLink(app: TeamsApp, entityId: string, params: Record<string, string>, context: Record<string, string>): string {
  const url = new URL(`https://teams.microsoft.com/l/entity/${encodeURIComponent(app.appId)}/${encodeURIComponent(entityId)}`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  url.searchParams.set('context', JSON.stringify(context));
  return url.href;
}

/** Opens the case in the channel tab it is bound to. */
export function channelCaseLink(app: TeamsApp, tab: { teamId: string; channelId: string; caseId: string }, c: { caseNumber: string }): string {
  return entityLink(
    app,
    channelTabEntityId(tab.caseId),
    { webUrl: caseWebUrl(app.baseUrl, c.caseNumber), label: c.caseNumber, groupId: tab.teamId },
    { subEntityId: c.caseNumber, channelId: tab.channelId },
  );
}

/** Opens the case in the personal tab ("Mitt arbete"). */
export function personalCaseLink(app: TeamsApp, c: { caseNumber: string }): string {
  return entityLink(app, PERSONAL_TAB_ENTITY, { webUrl: caseWebUrl(app.baseUrl, c.caseNumber), label: c.caseNumber }, { subEntityId: c.caseNumber });
}

/** Opens the case in a stage view over the chat or channel. */
export function stageCaseLink(app: TeamsApp, c: { caseNumber: string; title: string }): string {
  const webUrl = caseWebUrl(app.baseUrl, c.caseNumber);
  const url = new URL(`https://teams.microsoft.com/l/stage/${encodeURIComponent(app.appId)}/0`);
  url.searchParams.set('context', JSON.stringify({ contentUrl: webUrl, websiteUrl: webUrl, name: `${c.caseNumber} ${c.title}` }));
  return url.href;
}
