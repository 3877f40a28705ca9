import { useEffect } from 'react';
import { Text } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';
import { CasePagesList } from './CasePagesList.tsx';
import { Loading, Section, SectionProblem, type OpenCase } from './parts.tsx';
import { useCasePages, type CaseQuery } from './use-case-pages.ts';

const MY_OPEN_CASES: CaseQuery = { officer: 'me', status: 'open', limit: 25 };

/** "Mina öppna ärenden": the open cases I am officer of, 25 at a time. */
export function MyOpenCases({ onOpen }: { onOpen: OpenCase }) {
  const t = useT();
  const { pages, search, more, retry } = useCasePages();
  useEffect(() => search(MY_OPEN_CASES), [search]);
  const { loading, failure, items } = pages;
  return (
    <Section heading={t('mine.open.heading')}>
      {loading === 'first' || pages.query === null ? (
        <Loading label={t('mine.open.loading')} />
      ) : failure?.on === 'first' ? (
        <SectionProblem error={failure.error} onRetry={retry} />
      ) : items.length === 0 ? (
        <Text>{t('mine.open.empty')}</Text>
      ) : (
        <CasePagesList pages={pages} onMore={more} onRetry={retry} onOpen={onOpen} />
      )}
    </Section>
  );
}
