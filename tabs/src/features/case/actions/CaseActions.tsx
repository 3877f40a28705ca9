import { makeStyles, tokens } from '@fluentui/react-components';
import type { Me } from '@diarium/core';
import { useT } from '../../../app/services.tsx';
import { ChangeOfficerDialog } from './ChangeOfficerDialog.tsx';
import { CopyLinkButton, StageViewButton } from './CopyLinkButton.tsx';
import { EditTitleDialog } from './EditTitleDialog.tsx';
import { StatusDialog } from './StatusDialog.tsx';
import { UploadDocumentDialog } from './UploadDocumentDialog.tsx';
import { mayChangeCase, type CaseChangeContext } from './case-change.ts';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface CaseActionsProps {
  context: CaseChangeContext;
  /** The signed-in user, once known: the changes are offered only to those who may make them. */
  me: Me | null;
  announce: (text: string) => void;
}

/** What the reader may do with a case they can see in full. */
export function CaseActions({ context, me, announce }: CaseActionsProps) {
  const t = useT();
  const styles = useStyles();
  const { c } = context;
  const changeable = me !== null && c.status !== 'cancelled' && mayChangeCase(me, c);
  return (
    <div role="group" aria-label={t('case.actions.label')} className={styles.bar}>
      {changeable && (
        <>
          <UploadDocumentDialog context={context} />
          <EditTitleDialog context={context} />
          <ChangeOfficerDialog context={context} />
          <StatusDialog context={context} />
        </>
      )}
      <CopyLinkButton c={c} announce={announce} />
      <StageViewButton c={c} announce={announce} />
    </div>
  );
}
