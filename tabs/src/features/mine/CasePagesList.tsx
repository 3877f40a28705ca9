import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';
import { CaseList, CaseRow } from './CaseRow.tsx';
import { Loading, SectionProblem, type OpenCase } from './parts.tsx';
import type { CasePages } from './use-case-pages.ts';

const useStyles = makeStyles({ more: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalS } });

/** The pages fetched so far, and "Visa fler" while the API has more. */
export function CasePagesList({ pages, label, onMore, onRetry, onOpen }: { pages: CasePages; label?: string; onMore: () => void; onRetry: () => void; onOpen: OpenCase }) {
  const styles = useStyles();
  const t = useT();
  return (
    <>
      <CaseList label={label}>
        {pages.items.map((item) => (
          <CaseRow key={item.id} item={item} onOpen={onOpen} />
        ))}
      </CaseList>
      <div className={styles.more}>
        {pages.failure?.on === 'more' && <SectionProblem error={pages.failure.error} onRetry={onRetry} />}
        {pages.loading === 'more' ? (
          <Loading label={t('mine.more.loading')} />
        ) : (
          pages.nextCursor && pages.failure?.on !== 'more' && <Button onClick={onMore}>{t('mine.more')}</Button>
        )}
      </div>
    </>
  );
}
