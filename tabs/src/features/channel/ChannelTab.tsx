import { Link, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens, Button } from '@fluentui/react-components';
import { describeProblem } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';
import { CaseView, type CaseViewSection } from '../case/CaseView.tsx';
import { useChannelBinding } from './binding.ts';
import { ChannelFiles } from './ChannelFiles.tsx';

const useStyles = makeStyles({ page: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}` } });

/** The channel tab: the case the channel is bound to, with the channel's files to file into it. */
export function ChannelTab() {
  const styles = useStyles();
  const { host, t } = useServices();
  const { team, channel, subEntityId } = host.context();
  const [binding, reload] = useChannelBinding();

  if (binding.status === 'loading') return <Spinner className={styles.page} label={t('app.loading')} />;
  if (binding.status === 'failed') {
    return (
      <main className={styles.page}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{describeProblem(binding.error, t).message}</MessageBarBody>
        </MessageBar>
        <Button onClick={reload}>{t('app.retry')}</Button>
      </main>
    );
  }
  if (!binding.value || !team || !channel) {
    // A deep link may still name a case.
    if (subEntityId) {
      return (
        <main className={styles.page}>
          <CaseView caseRef={subEntityId} />
        </main>
      );
    }
    return (
      <main className={styles.page}>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('channel.unbound.heading')}</MessageBarTitle>
            {host.kind === 'teams' ? t('channel.unbound.teams') : <Link href={`config.html${window.location.search}`}>{t('channel.unbound.browser')}</Link>}
          </MessageBarBody>
        </MessageBar>
      </main>
    );
  }
  const files: CaseViewSection = {
    id: 'files',
    label: t('channel.files.tab'),
    render: (c, reloadCase) => <ChannelFiles teamId={team.id} channelId={channel.id} caseFile={c} onFiled={reloadCase} />,
  };
  return (
    <main className={styles.page}>
      <CaseView caseRef={binding.value.caseId} sections={[files]} />
    </main>
  );
}
