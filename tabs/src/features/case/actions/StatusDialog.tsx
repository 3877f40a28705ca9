import { useState } from 'react';
import { Field, Input, Textarea } from '@fluentui/react-components';
import { ArrowUndo20Regular, CheckmarkCircle20Regular } from '@fluentui/react-icons';
import { swedishDate } from '@diarium/core';
import { useServices } from '../../../app/services.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { useCaseChange, type CaseChangeContext } from './case-change.ts';

/**
 * Closes an open case with its decision, or reopens a closed one with a reason. One button whose
 * task follows the status, so focus has somewhere to return once the case has changed.
 */
export function StatusDialog({ context }: { context: CaseChangeContext }) {
  const { client, t } = useServices();
  const closable = context.c.status === 'open';
  // Fixed when the dialog opens: a case reloaded after a conflict must not turn a decision into a reason.
  const [closing, setClosing] = useState(closable);
  const [text, setText] = useState('');
  const [decidedOn, setDecidedOn] = useState('');
  const change = useCaseChange(context, () => {
    setClosing(closable);
    setText('');
    setDecidedOn(swedishDate(new Date()));
  });

  function submit() {
    const invalid: Record<string, string> = {};
    if (!text.trim()) invalid[closing ? 'close' : 'reopen'] = t('case.actions.required');
    const patch = closing
      ? { close: { decisionSummary: text.trim(), ...(decidedOn ? { decidedOn } : {}) } }
      : { reopen: { reason: text.trim() } };
    void change.submit(invalid, () => client.updateCase(context.c, patch), () => t(closing ? 'case.close.done' : 'case.reopen.done'));
  }

  return (
    <ActionDialog
      change={change}
      buttonLabel={t(closable ? 'case.close.button' : 'case.reopen.button')}
      icon={closable ? <CheckmarkCircle20Regular /> : <ArrowUndo20Regular />}
      heading={t(closing ? 'case.close.heading' : 'case.reopen.heading')}
      submitLabel={t(closing ? 'case.close.save' : 'case.reopen.save')}
      onSubmit={submit}
    >
      <Field
        label={t(closing ? 'case.close.summary' : 'case.reopen.reason')}
        hint={t(closing ? 'case.close.summaryHint' : 'case.reopen.reasonHint')}
        required
        validationMessage={change.errors[closing ? 'close' : 'reopen'] ?? change.errors.status}
      >
        <Textarea value={text} resize="vertical" onChange={(_, data) => setText(data.value)} />
      </Field>
      {closing && (
        <Field label={t('case.close.decidedOn')} validationMessage={change.errors.decidedOn}>
          <Input type="date" value={decidedOn} onChange={(_, data) => setDecidedOn(data.value)} />
        </Field>
      )}
    </ActionDialog>
  );
}
