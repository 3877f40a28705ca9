import { Text } from '@fluentui/react-components';
import type { MyWork } from '@diarium/core';
import type { AsyncState } from '../../app/use-async.ts';
import { useServices } from '../../app/services.tsx';
import { formatDateTime } from '../../app/format.ts';
import { CaseList, useRowStyles } from './CaseRow.tsx';
import { activitySentence } from './activity-sentence.ts';
import { CaseButton, ConfidentialBadge, Loading, Section, SectionProblem, type OpenCase } from './parts.tsx';

/** "Senaste händelser": what happened lately in my cases, newest first, as the API orders it. */
export function Activity({ work, reload, onOpen }: { work: AsyncState<MyWork>; reload: () => void; onOpen: OpenCase }) {
  const styles = useRowStyles();
  const { t, locale } = useServices();
  return (
    <Section heading={t('mine.activity.heading')}>
      {work.status === 'loading' ? (
        <Loading label={t('mine.activity.loading')} />
      ) : work.status === 'failed' ? (
        <SectionProblem error={work.error} onRetry={reload} />
      ) : work.value.activity.length === 0 ? (
        <Text>{t('mine.activity.empty')}</Text>
      ) : (
        <CaseList>
          {work.value.activity.map((item) => (
            <li key={item.id} className={styles.row}>
              <Text>{activitySentence(item, t)}</Text>
              <div className={styles.meta}>
                <time dateTime={item.at}>{formatDateTime(locale, item.at)}</time>
                <CaseButton caseNumber={item.case.caseNumber} title={item.case.title} onOpen={onOpen} />
                {item.case.confidential && <ConfidentialBadge />}
              </div>
            </li>
          ))}
        </CaseList>
      )}
    </Section>
  );
}
