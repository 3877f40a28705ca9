import { Suspense, lazy, useCallback, useEffect, useRef } from 'react';
import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import { Queues } from '../queues/Queues.tsx';
import { AdminEntry } from '../admin/AdminEntry.tsx';
import { Activity } from './Activity.tsx';
import { MyOpenCases } from './MyOpenCases.tsx';
import { Search } from './Search.tsx';
import { Waiting } from './Waiting.tsx';
import type { OpenCase } from './parts.tsx';
import { useOpenCase } from './use-open-case.ts';

// The case view loads when a case is opened: the lists show first.
const CaseView = lazy(() => import('../case/CaseView.tsx').then((m) => ({ default: m.CaseView })));

export interface MyWorkProps {
  /** A case a deep link asked to open. */
  initialCase: string | null;
}

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
  },
  lists: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '@media (min-width: 960px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  back: { alignSelf: 'flex-start' },
});

/** The personal tab: the queues I work in (if any), my open cases, the cases waiting for me, recent activity, and search. */
export function MyWork({ initialCase }: MyWorkProps) {
  const styles = useStyles();
  const { client, t } = useServices();
  const [work, reloadWork] = useAsync(() => client.getMyWork(), [client]);
  const { openCase, open, close } = useOpenCase(initialCase);
  const opener = useRef<HTMLElement | null>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const shown = useRef(openCase);

  const openFrom: OpenCase = useCallback(
    (caseNumber, from) => {
      opener.current = from;
      open(caseNumber);
    },
    [open],
  );

  // Focus follows the reader: to "Tillbaka" when a case opens, back to what opened it on return.
  useEffect(() => {
    if (shown.current === openCase) return;
    shown.current = openCase;
    if (openCase !== null) back.current?.focus();
    else if (opener.current?.isConnected) opener.current.focus();
    else title.current?.focus();
  }, [openCase]);

  return (
    <main className={styles.page}>
      {/* The lists stay mounted while a case is open, so the search and its results are there on return. */}
      <div hidden={openCase !== null}>
        <div className={styles.lists}>
          <h1 ref={title} tabIndex={-1} className={styles.title}>
            {t('mine.title')}
          </h1>
          <AdminEntry />
          <Queues />
          <div className={styles.columns}>
            <div className={styles.column}>
              <Waiting work={work} reload={reloadWork} onOpen={openFrom} />
              <MyOpenCases onOpen={openFrom} />
            </div>
            <div className={styles.column}>
              <Activity work={work} reload={reloadWork} onOpen={openFrom} />
            </div>
          </div>
          <Search onOpen={openFrom} />
        </div>
      </div>
      {openCase !== null && (
        <>
          <Button ref={back} className={styles.back} appearance="subtle" icon={<ArrowLeftRegular />} onClick={close}>
            {t('mine.back')}
          </Button>
          <Suspense fallback={<Spinner label={t('app.loading')} />}>
            <CaseView key={openCase} caseRef={openCase} />
          </Suspense>
        </>
      )}
    </main>
  );
}
