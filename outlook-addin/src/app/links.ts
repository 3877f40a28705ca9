import { personalCaseLink } from '@diarium/core';
import type { RuntimeConfig } from '../config/runtime-config.ts';

export interface CaseRef {
  id: string;
  caseNumber: string;
}

/** Where a case opens: Diarium's personal tab in Teams when the Teams app is known, else the case's web page. */
export interface CaseLinks {
  inTeams: boolean;
  urlOf(c: CaseRef): string;
}

export function caseLinks(config: Pick<RuntimeConfig, 'teamsAppId' | 'caseUrl'>, origin: string): CaseLinks {
  const { teamsAppId, caseUrl } = config;
  if (teamsAppId) {
    return { inTeams: true, urlOf: (c) => personalCaseLink({ appId: teamsAppId, baseUrl: origin }, c) };
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
