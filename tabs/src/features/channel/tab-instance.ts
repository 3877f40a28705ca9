import { caseWebUrl, channelTabEntityId } from '@diarium/core';
import type { TabInstance } from '../../host/tab-host.ts';

/**
 * The channel tab as Teams keeps it once saved: one entity per case, so that a deep link can
 * name it. In a plain browser the pages carry the simulated context in their address.
 */
export function tabInstanceFor(c: { id: string; caseNumber: string }, origin: string, search = ''): TabInstance {
  return {
    entityId: channelTabEntityId(c.id),
    contentUrl: `${origin}/tabs/channel.html${search}`,
    websiteUrl: caseWebUrl(origin, c.caseNumber),
    removeUrl: `${origin}/tabs/config.html${search ? `${search}&` : '?'}remove=1`,
    suggestedDisplayName: `Diarium ${c.caseNumber}`,
  };
}
