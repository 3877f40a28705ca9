import { useEffect } from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { ApiProblem } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import type { TabConfigurator } from '../../host/tab-host.ts';

const useStyles = makeStyles({ page: { padding: tokens.spacingHorizontalXL, maxWidth: '44rem' } });

/** The page Teams shows when the tab is removed: confirming disconnects the channel from the case. */
export function RemoveTab({ configurator }: { configurator: TabConfigurator }) {
  const styles = useStyles();
  const { client, host, t } = useServices();
  const { team, channel } = host.context();
  useEffect(
    () =>
      configurator.onRemove(async () => {
        if (!team || !channel) return;
        // Already disconnected (someone removed it first) is what the user asked for.
        await client.unbindChannelTab(team.id, channel.id).catch((error: unknown) => {
          if (!(error instanceof ApiProblem && error.status === 404)) throw error;
        });
      }),
    [client, configurator, team, channel],
  );
  return (
    <main className={styles.page}>
      <h1>{t('channel.remove.heading')}</h1>
      <Text>{t('channel.remove.text')}</Text>
    </main>
  );
}
