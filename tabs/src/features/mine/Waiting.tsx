import { Text } from '@fluentui/react-components';
import type { MyWork, WaitingCase } from '@diarium/core';
import type { AsyncState } from '../../app/use-async.ts';
import { useServices } from '../../app/services.tsx';
import { formatDate } from '../../app/format.ts';
import { CaseList, CaseRow } from './CaseRow.tsx';
import { Loading, Section, SectionProblem, type OpenCase } from './parts.tsx';

const oldestFirst = (a: WaitingCase, b: WaitingCase) => Date.parse(a.waitingSince) - Date.parse(b.waitingSince);

/** "Väntar på mig": my cases with new incoming documents registered by others, the longest waiting first. */
export function Waiting({ work, reload, onOpen }: { work: AsyncState<MyWork>; reload: () => void; onOpen: OpenCase }) {
  const { t, locale } = useServices();
  return (
    <Section heading={t('mine.waiting.heading')}>
      {work.status === 'loading' ? (
        <Loading label={t('mine.waiting.loading')} />
      ) : work.status === 'failed' ? (
        <SectionProblem error={work.error} onRetry={reload} />
      ) : work.value.waiting.length === 0 ? (
        <Text>{t('mine.waiting.empty')}</Text>
      ) : (
        <CaseList>
          {[...work.value.waiting].sort(oldestFirst).map((item) => {
            const date = formatDate(locale, item.waitingSince);
            const text = item.newDocuments === 1 ? t('mine.waiting.newOne', { date }) : t('mine.waiting.newMany', { count: item.newDocuments, date });
            return <CaseRow key={item.id} item={item} onOpen={onOpen} details={<span>{text}</span>} />;
          })}
        </CaseList>
      )}
    </Section>
  );
}
