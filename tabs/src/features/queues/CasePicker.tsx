import { useEffect, useState } from 'react';
import { Combobox, Field, Option, Text } from '@fluentui/react-components';
import type { CaseSummary } from '@diarium/core';
import { problemText } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';

const MIN_QUERY = 2;
const DEBOUNCE_MS = 250;
const LIMIT = 10;

type Search = { status: 'idle' } | { status: 'searching' } | { status: 'done'; query: string; cases: CaseSummary[] } | { status: 'failed'; error: unknown };

export interface CasePickerProps {
  chosen: CaseSummary | null;
  onChoose: (chosen: CaseSummary | null) => void;
  validationMessage?: string | undefined;
}

const optionText = (c: CaseSummary) => `${c.caseNumber} ${c.title}`;

/** An open case found by its number or by words of its title as the user types (GET /cases?q=); a late answer to an older query is dropped. */
export function CasePicker({ chosen, onChoose, validationMessage }: CasePickerProps) {
  const { client, t } = useServices();
  const [query, setQuery] = useState(chosen ? optionText(chosen) : '');
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const [listOpen, setListOpen] = useState(false);
  const wanted = chosen && query === optionText(chosen) ? '' : query.trim();

  useEffect(() => {
    if (wanted.length < MIN_QUERY) {
      setSearch({ status: 'idle' });
      return;
    }
    let current = true;
    setSearch({ status: 'searching' });
    const timer = setTimeout(() => {
      client.searchCases({ q: wanted, status: 'open', limit: LIMIT }).then(
        (result) => current && setSearch({ status: 'done', query: wanted, cases: result.items }),
        (error: unknown) => current && setSearch({ status: 'failed', error }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, wanted]);
  // The list opens when the answer arrives, not on the keystroke before it.
  useEffect(() => setListOpen(search.status === 'done' && search.cases.length > 0), [search]);

  const cases = search.status === 'done' ? search.cases : [];
  const status =
    search.status === 'searching'
      ? t('queues.register.case.searching')
      : search.status === 'failed'
        ? t('queues.register.case.searchFailed', { reason: problemText(search.error, t) })
        : search.status === 'done' && cases.length === 0
          ? t('queues.register.case.noMatch', { query: search.query })
          : '';

  return (
    <>
      <Field label={t('queues.register.case')} hint={t('queues.register.case.hint')} required validationMessage={validationMessage}>
        <Combobox
          freeform
          open={listOpen}
          onOpenChange={(_, data) => setListOpen(data.open && cases.length > 0)}
          value={query}
          selectedOptions={chosen ? [chosen.id] : []}
          onChange={(event) => {
            setQuery(event.target.value);
            onChoose(null);
          }}
          onOptionSelect={(_, data) => {
            const picked = cases.find((c) => c.id === data.optionValue) ?? null;
            onChoose(picked);
            setListOpen(false);
            if (picked) setQuery(optionText(picked));
          }}
        >
          {cases.map((c) => (
            <Option key={c.id} value={c.id} text={optionText(c)}>
              {t('queues.register.case.option', { caseNumber: c.caseNumber, title: c.title })}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Text as="p" aria-live="polite">
        {status}
      </Text>
    </>
  );
}
