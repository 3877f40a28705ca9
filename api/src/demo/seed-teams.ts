import { bindChannelTab } from '../services/channel-tabs.ts';
import type { Deps } from '../services/context.ts';
import { registerCase } from '../services/register-case.ts';
import type { SeededOrganisation } from './seed.ts';
import { DEMO_CHANNEL_CASE, DEMO_TEAM } from './teams.ts';

const REGISTRAR = 'karin.lindqvist@ekby.se';

/**
 * Registers the detaljplan case for Sjövik 2:14 and binds the demo team's channel tab to it,
 * as the project team did when they pinned the tab; the channel's files are in the dev Graph.
 */
export async function seedDemoChannelTab(deps: Deps, org: SeededOrganisation): Promise<void> {
  const registrar = org.actors[REGISTRAR]!;
  const officer = org.actors[DEMO_CHANNEL_CASE.officer]!;
  const registered = await registerCase(deps, registrar, {
    diary: DEMO_CHANNEL_CASE.diary,
    title: DEMO_CHANNEL_CASE.title,
    officerId: officer.user.id,
  });
  await bindChannelTab(deps, officer, { teamId: DEMO_TEAM.id, channelId: DEMO_TEAM.channel.id }, registered.value.id);
}
