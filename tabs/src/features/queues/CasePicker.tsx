import type { CaseSummary } from '@diarium/core';
import { problemText } from '../../app/problem.ts';
import { SearchPicker } from '../../app/SearchPicker.tsx';
import { useServices } from '../../app/services.tsx';

const LIMIT = 10;

export interface CasePickerProps {
  chosen: CaseSummary | null;
  onChoose: (chosen: CaseSummary | null) => void;
  validationMessage?: string | undefined;
}

const optionText = (c: CaseSummary) => `${c.caseNumber} ${c.title}`;

/** An open case found by its number or by words of its title as the user types (GET /cases?q=). */
export function CasePicker({ chosen, onChoose, validationMessage }: CasePickerProps) {
  const { client, t } = useServices();
  return (
    <SearchPicker
      label={t('queues.register.case')}
      hint={t('queues.register.case.hint')}
      chosen={chosen}
      onChoose={onChoose}
      validationMessage={validationMessage}
      find={async (query) => (await client.searchCases({ q: query, status: 'open', limit: LIMIT })).items}
      textOf={optionText}
      labelOf={(c) => t('queues.register.case.option', { caseNumber: c.caseNumber, title: c.title })}
      says={{
        searching: t('queues.register.case.searching'),
        failed: (error) => t('queues.register.case.searchFailed', { reason: problemText(error, t) }),
        noMatch: (query) => t('queues.register.case.noMatch', { query }),
      }}
    />
  );
}
