import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';
import { CaseView } from './CaseView.tsx';

const useStyles = makeStyles({ page: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}` } });

/** A case on a page of its own; without a case number, what to do instead. */
export function CasePage({ caseRef }: { caseRef: string | null }) {
  const styles = useStyles();
  const t = useT();
  return (
    <main className={styles.page}>
      {caseRef ? (
        <CaseView caseRef={caseRef} />
      ) : (
        <MessageBar intent="warning">
          <MessageBarBody>{t('casePage.noCase')}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
