import { Button } from '@fluentui/react-components';
import { Link20Regular, WindowNew20Regular } from '@fluentui/react-icons';
import { caseWebUrl, channelCaseLink, personalCaseLink, stageCaseLink, type CaseFull } from '@diarium/core';
import { problemText } from '../../../app/problem.ts';
import { useServices } from '../../../app/services.tsx';

/** The link to share: into Teams (the channel's tab when we are in one), else the web page. */
export function useCaseLink(c: CaseFull): () => string {
  const { teamsApp, host } = useServices();
  return () => {
    if (!teamsApp) return caseWebUrl(window.location.origin, c.caseNumber);
    const { team, channel } = host.context();
    if (team && channel) return channelCaseLink(teamsApp, { teamId: team.id, channelId: channel.id, caseId: c.id }, c);
    return personalCaseLink(teamsApp, c);
  };
}

export interface CopyLinkButtonProps {
  c: CaseFull;
  announce: (text: string) => void;
}

export function CopyLinkButton({ c, announce }: CopyLinkButtonProps) {
  const { t } = useServices();
  const link = useCaseLink(c);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link());
      announce(t('case.actions.linkCopied'));
    } catch (error) {
      announce(t('case.actions.linkFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }
  return (
    <Button icon={<Link20Regular />} onClick={() => void copy()}>
      {t('case.actions.copyLink')}
    </Button>
  );
}

/** Inside Teams: the case in a stage view, large, over the chat or channel (its name is the public title). */
export function StageViewButton({ c, announce }: CopyLinkButtonProps) {
  const { t, host, teamsApp } = useServices();
  if (host.kind !== 'teams' || !teamsApp) return null;
  return (
    <Button
      icon={<WindowNew20Regular />}
      onClick={() => {
        host.openLink(stageCaseLink(teamsApp, { caseNumber: c.caseNumber, title: c.publicTitle })).catch((error: unknown) => announce(problemText(error, t)));
      }}
    >
      {t('case.actions.stageView')}
    </Button>
  );
}
