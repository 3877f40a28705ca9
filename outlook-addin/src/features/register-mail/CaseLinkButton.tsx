import { Button } from '@fluentui/react-components';
import { Open20Regular } from '@fluentui/react-icons';
import { useServices } from '../../app/services.tsx';
import type { CaseRef } from '../../app/links.ts';

/** Opens the case in Teams when the Teams app is configured, else its web view, outside Outlook. */
export function CaseLinkButton({ caseRef, label }: { caseRef: CaseRef; label?: string }) {
  const { host, links, t } = useServices();
  return (
    <Button icon={<Open20Regular />} onClick={() => host.openUrl(links.urlOf(caseRef))}>
      {label ?? (links.inTeams ? t('result.openInTeams') : t('result.openCase'))}
    </Button>
  );
}
