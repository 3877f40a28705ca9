import { useState } from 'react';
import { Text } from '@fluentui/react-components';
import { PersonSwap20Regular } from '@fluentui/react-icons';
import type { User } from '@diarium/core';
import { PersonPicker } from '../../../app/PersonPicker.tsx';
import { useServices } from '../../../app/services.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { useCaseChange, type CaseChangeContext } from './case-change.ts';

/** Hands the case to another officer, found by name or e-mail. */
export function ChangeOfficerDialog({ context }: { context: CaseChangeContext }) {
  const { client, t } = useServices();
  const { c } = context;
  const [chosen, setChosen] = useState<User | null>(null);
  const change = useCaseChange(context, () => setChosen(null));

  function submit() {
    const invalid: Record<string, string> = chosen ? {} : { officerId: t('case.officer.pick') };
    void change.submit(
      invalid,
      () => client.updateCase(context.c, { officerId: chosen!.id }),
      () => t('case.officer.done', { name: chosen!.name }),
    );
  }

  return (
    <ActionDialog
      change={change}
      buttonLabel={t('case.officer.button')}
      icon={<PersonSwap20Regular />}
      heading={t('case.officer.heading')}
      submitLabel={t('case.officer.save')}
      onSubmit={submit}
    >
      <Text as="p">{c.officer ? t('case.officer.current', { name: c.officer.name }) : t('case.officer.currentNone')}</Text>
      <PersonPicker label={t('case.officer.search')} chosen={chosen} onChoose={setChosen} validationMessage={change.errors.officerId} />
    </ActionDialog>
  );
}
