import { useState, type FormEvent } from 'react';
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { CaseStatus } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import { describeProblem, fieldMessages } from '../../app/problem.ts';
import type { Translate } from '../../messages.ts';
import { CasePagesList } from './CasePagesList.tsx';
import { Loading, Section, SectionProblem, type OpenCase } from './parts.tsx';
import { useCasePages, type CasePages, type CaseQuery } from './use-case-pages.ts';

interface SearchForm {
  q: string;
  diary: string;
  status: '' | CaseStatus;
  unit: string;
  from: string;
  to: string;
}

const emptyForm: SearchForm = { q: '', diary: '', status: '', unit: '', from: '', to: '' };
const FIELDS = Object.keys(emptyForm) as Array<keyof SearchForm>;
const STATUSES = ['open', 'closed', 'cancelled'] as const;

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: 'end',
  },
  words: { gridColumn: '1 / -1' },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

// The API stems Swedish words and reads case numbers in any spelling: what the user typed goes as it is.
function queryOf(form: SearchForm): CaseQuery {
  const value = (text: string) => text.trim() || undefined;
  return { q: value(form.q), diary: value(form.diary), status: form.status || undefined, unit: value(form.unit), from: value(form.from), to: value(form.to), limit: 25 };
}

function countText(pages: CasePages, t: Translate): string {
  if (pages.query === null || pages.loading === 'first' || pages.failure?.on === 'first') return '';
  const count = pages.items.length;
  if (count === 0) return t('mine.search.none');
  if (pages.nextCursor) return count === 1 ? t('mine.search.oneMore') : t('mine.search.manyMore', { count });
  return count === 1 ? t('mine.search.one') : t('mine.search.many', { count });
}

/** "Sök i diariet": words or a case number, narrowed by diary, status, unit and opening date. */
export function Search({ onOpen }: { onOpen: OpenCase }) {
  const styles = useStyles();
  const { client, t } = useServices();
  const [form, setForm] = useState<SearchForm>(emptyForm);
  const { pages, search, more, retry } = useCasePages();
  const [diaries] = useAsync(() => client.diaries(), [client]);
  const [units] = useAsync(() => client.units(), [client]);

  const set = (field: keyof SearchForm) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    search(queryOf(form));
  };

  const failure = pages.failure?.on === 'first' ? pages.failure : null;
  const fieldErrors = failure ? describeProblem(failure.error, t).fieldErrors : [];
  const onField = fieldMessages(fieldErrors);
  const unplaced = fieldErrors.filter((e) => !FIELDS.includes(e.field.split('.')[0] as keyof SearchForm));
  const invalid = (field: keyof SearchForm) => (onField[field] ? { validationState: 'error' as const, validationMessage: onField[field] } : {});

  return (
    <Section heading={t('mine.search.heading')}>
      <form role="search" className={styles.form} onSubmit={submit} noValidate>
        <Field label={t('mine.search.q')} hint={t('mine.search.q.hint')} className={styles.words} {...invalid('q')}>
          <Input type="search" value={form.q} onChange={set('q')} />
        </Field>
        <Field
          label={t('mine.search.diary')}
          {...(diaries.status === 'failed' ? { validationState: 'warning' as const, validationMessage: t('mine.search.diary.failed') } : {})}
          {...invalid('diary')}
        >
          <Select value={form.diary} onChange={set('diary')}>
            <option value="">{t('mine.search.diary.all')}</option>
            {diaries.status === 'done' &&
              diaries.value.map((d) => (
                <option key={d.id} value={d.prefix}>
                  {d.prefix} – {d.name}
                </option>
              ))}
          </Select>
        </Field>
        <Field label={t('mine.search.status')} {...invalid('status')}>
          <Select value={form.status} onChange={set('status')}>
            <option value="">{t('mine.search.status.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`mine.search.status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label={t('mine.search.unit')}
          {...(units.status === 'failed' ? { validationState: 'warning' as const, validationMessage: t('mine.search.unit.failed') } : {})}
          {...invalid('unit')}
        >
          <Select value={form.unit} onChange={set('unit')}>
            <option value="">{t('mine.search.unit.all')}</option>
            {units.status === 'done' &&
              units.value.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </Select>
        </Field>
        <Field label={t('mine.search.from')} {...invalid('from')}>
          <Input type="date" value={form.from} onChange={set('from')} />
        </Field>
        <Field label={t('mine.search.to')} {...invalid('to')}>
          <Input type="date" value={form.to} onChange={set('to')} />
        </Field>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary">
            {t('mine.search.submit')}
          </Button>
        </div>
      </form>
      <div role="status">{countText(pages, t)}</div>
      {pages.loading === 'first' && <Loading label={t('mine.search.searching')} />}
      {failure && <SectionProblem error={failure.error} unplaced={unplaced} onRetry={fieldErrors.length > 0 ? undefined : retry} />}
      {pages.items.length > 0 && <CasePagesList pages={pages} label={t('mine.search.results')} onMore={more} onRetry={retry} onOpen={onOpen} />}
    </Section>
  );
}
