import { useState } from 'react';
import { Field, Input } from '@fluentui/react-components';
import { Edit20Regular } from '@fluentui/react-icons';
import { useServices } from '../../../app/services.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { useCaseChange, type CaseChangeContext } from './case-change.ts';

/** Changes the case's title, and its public title when the case is confidential. */
export function EditTitleDialog({ context }: { context: CaseChangeContext }) {
  const { client, t } = useServices();
  const { c } = context;
  const confidential = c.confidentiality !== null;
  const [title, setTitle] = useState('');
  const [publicTitle, setPublicTitle] = useState('');
  const change = useCaseChange(context, () => {
    setTitle(c.title);
    setPublicTitle(c.publicTitle);
  });

  function submit() {
    const invalid: Record<string, string> = {};
    if (!title.trim()) invalid.title = t('case.actions.required');
    if (confidential && !publicTitle.trim()) invalid.publicTitle = t('case.actions.required');
    const patch = confidential ? { title: title.trim(), publicTitle: publicTitle.trim() } : { title: title.trim() };
    void change.submit(invalid, () => client.updateCase(context.c, patch), () => t('case.editTitle.done'));
  }

  return (
    <ActionDialog
      change={change}
      buttonLabel={t('case.editTitle.button')}
      icon={<Edit20Regular />}
      heading={t('case.editTitle.heading')}
      submitLabel={t('case.editTitle.save')}
      onSubmit={submit}
    >
      <Field label={t('case.editTitle.title')} required validationMessage={change.errors.title}>
        <Input value={title} onChange={(_, data) => setTitle(data.value)} />
      </Field>
      {confidential && (
        <Field label={t('case.editTitle.publicTitle')} hint={t('case.editTitle.publicTitleHint')} required validationMessage={change.errors.publicTitle}>
          <Input value={publicTitle} onChange={(_, data) => setPublicTitle(data.value)} />
        </Field>
      )}
    </ActionDialog>
  );
}
