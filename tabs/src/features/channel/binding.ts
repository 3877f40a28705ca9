import { ApiProblem, type ChannelTabBinding } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';

/** The case the host's channel is bound to: null when none, or when the tab is not in a channel. */
export function useChannelBinding() {
  const { client, host } = useServices();
  const { team, channel } = host.context();
  return useAsync<ChannelTabBinding | null>(
    () =>
      team && channel
        ? client.getChannelTab(team.id, channel.id).catch((e: unknown) => (e instanceof ApiProblem && e.status === 404 ? null : Promise.reject(e)))
        : Promise.resolve(null),
    [client, team?.id, channel?.id],
  );
}
