import type { RuntimeConfig } from '../config/runtime-config.ts';

export interface CaseRef {
  id: string;
  caseNumber: string;
}

/** Where a case opens: its tab in Teams when the Teams app is known, else its web view. */
export interface CaseLinks {
  inTeams: boolean;
  urlOf(c: CaseRef): string;
}

export function caseLinks(config: Pick<RuntimeConfig, 'teamsAppId' | 'teamsEntityId' | 'caseUrl'>, origin: string): CaseLinks {
  const { teamsAppId, teamsEntityId, caseUrl } = config;
  if (teamsAppId) {
    return {
      inTeams: true,
      urlOf: (c) =>
        `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${encodeURIComponent(teamsEntityId)}` +
        `?context=${encodeURIComponent(JSON.stringify({ subEntityId: c.caseNumber }))}`,
    };
  }
  return {
    inTeams: false,
    urlOf: (c) =>
      new URL(
        caseUrl.replaceAll('{caseNumber}', encodeURIComponent(c.caseNumber)).replaceAll('{caseId}', encodeURIComponent(c.id)),
        origin,
      ).href,
  };
}
