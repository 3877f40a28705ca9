import { useEffect, useRef, useState } from 'react';
import { Badge, Caption1, Field, Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { CaseStatus } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import type { Translate } from '../../messages.ts';
import { problemText } from '../problem.ts';
import { SearchCombobox } from '../SearchCombobox.tsx';
import { useAsync } from '../use-async.ts';
import { loadSuggestions, optionOfSummary, type CaseOption, type SuggestionSource } from './suggestions.ts';

export type CaseTarget = { kind: 'case'; option: CaseOption } | { kind: 'new' };

const NEW_CASE = 'new';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  label: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  number: { fontWeight: tokens.fontWeightSemibold },
  reason: { color: tokens.colorNeutralForeground3 },
});

const statusColour: Record<CaseStatus, 'success' | 'informative' | 'danger'> = {
  open: 'success',
  closed: 'informative',
  cancelled: 'danger',
};

export function CaseSummaryLine({ option, t, showReason }: { option: CaseOption; t: Translate; showReason: boolean }) {
  const styles = useStyles();
  return (
    <span className={styles.label}>
      <span className={styles.head}>
        <span className={styles.number}>{option.caseNumber}</span>
        {option.status && (
          <Badge appearance="tint" color={statusColour[option.status]} size="small">
            {t(`status.${option.status}`)}
          </Badge>
        )}
        {option.confidential && (
          <Badge appearance="tint" color="warning" size="small">
            {t('case.confidential')}
          </Badge>
        )}
      </span>
      <span>{option.title}</span>
      {showReason && <Caption1 className={styles.reason}>{t(`choice.reason.${option.reason}`)}</Caption1>}
    </span>
  );
}

export interface CaseChoiceProps {
  /** Where suggestions come from; read once, when the choice first shows. */
  source: () => Promise<SuggestionSource>;
  value: CaseTarget | null;
  onChange: (target: CaseTarget) => void;
  /** Offer "Nytt ärende" (registering a mail), or only existing cases (tying an outgoing mail). */
  allowNewCase: boolean;
  validationMessage?: string;
}

/**
 * Choosing the case: a search over the register, and the suggestions as one radio group,
 * best first. A case quoted in the mail or used earlier in its conversation is chosen
 * beforehand, so the common case costs no click.
 */
export function CaseChoice({ source, value, onChange, allowNewCase, validationMessage }: CaseChoiceProps) {
  const { client, t } = useServices();
  const styles = useStyles();
  const suggestions = useAsync(async () => loadSuggestions(client, await source()), []);
  const [searched, setSearched] = useState<CaseOption | null>(null);
  const touched = useRef(false);

  const suggested = suggestions.status === 'done' ? suggestions.value.options : [];
  const options = searched ? [searched, ...suggested.filter((o) => o.id !== searched.id)] : suggested;

  useEffect(() => {
    const first = suggested[0];
    if (!touched.current && value === null && first && (first.reason === 'mentioned' || first.reason === 'conversation')) {
      onChange({ kind: 'case', option: first });
    }
    // Only when suggestions arrive: a later change of value is the user's.
  }, [suggestions.status]);

  function choose(id: string) {
    touched.current = true;
    if (id === NEW_CASE) return onChange({ kind: 'new' });
    const option = options.find((o) => o.id === id);
    if (option) onChange({ kind: 'case', option });
  }

  const failure =
    suggestions.status === 'failed' ? suggestions.error : suggestions.status === 'done' ? suggestions.value.error : null;

  return (
    <div className={styles.root}>
      <SearchCombobox
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        hint={t('search.hint')}
        search={async (q) => (await client.searchCases({ q, limit: 10 })).items.map((c) => optionOfSummary(c, 'search'))}
        optionKey={(o) => o.id}
        renderOption={(o) => <CaseSummaryLine option={o} t={t} showReason={false} />}
        pickedText={(o) => t('search.picked', { caseNumber: o.caseNumber })}
        onPick={(option) => {
          touched.current = true;
          setSearched(option);
          onChange({ kind: 'case', option });
        }}
      />
      <Field label={t('choice.legend')} hint={t('choice.hint')} validationMessage={validationMessage}>
        <RadioGroup value={value === null ? '' : value.kind === 'new' ? NEW_CASE : value.option.id} onChange={(_, data) => choose(data.value)}>
          {options.map((option) => (
            <Radio key={option.id} value={option.id} label={<CaseSummaryLine option={option} t={t} showReason />} />
          ))}
          {allowNewCase && (
            <Radio
              value={NEW_CASE}
              label={
                <span className={styles.label}>
                  <span className={styles.number}>{t('choice.newCase')}</span>
                  <Caption1 className={styles.reason}>{t('choice.newCase.hint')}</Caption1>
                </span>
              }
            />
          )}
        </RadioGroup>
      </Field>
      {suggestions.status === 'loading' && <Spinner size="extra-tiny" label={t('choice.loading')} />}
      {suggestions.status === 'done' && options.length === 0 && !failure && <Caption1>{allowNewCase ? t('choice.none') : t('choice.noneExisting')}</Caption1>}
      {failure !== null && <Caption1 role="status">{t('choice.suggestionsFailed', { detail: problemText(failure, t) })}</Caption1>}
    </div>
  );
}
