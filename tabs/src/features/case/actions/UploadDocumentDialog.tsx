import { useId, useRef, useState } from 'react';
import { Button, Checkbox, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Attach20Regular, DocumentAdd20Regular } from '@fluentui/react-icons';
import { DirectionSchema, swedishDate, type Direction } from '@diarium/core';
import { useServices } from '../../../app/services.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { useCaseChange, type CaseChangeContext } from './case-change.ts';
import { draftErrors, draftSignature, emptyDraft, metadataOf, titleFromFileName, type UploadDraft } from './upload-draft.ts';

const useStyles = makeStyles({
  files: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** Registers files from the computer as a new document in the case. */
export function UploadDocumentDialog({ context }: { context: CaseChangeContext }) {
  const { client, t } = useServices();
  const styles = useStyles();
  const chosenId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<UploadDraft>(() => emptyDraft(swedishDate(new Date())));
  const titleTouched = useRef(false);
  const attempt = useRef<{ signature: string; key: string } | null>(null);
  const change = useCaseChange(context, () => {
    setDraft(emptyDraft(swedishDate(new Date())));
    titleTouched.current = false;
    attempt.current = null;
  });
  const set = (patch: Partial<UploadDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function chooseFiles(list: FileList | null) {
    const files = Array.from(list ?? []);
    setDraft((d) => ({ ...d, files, ...(!titleTouched.current && files[0] ? { title: titleFromFileName(files[0].name) } : {}) }));
  }

  /** A retry of the same registration (a double click, a lost answer) must not register it twice. */
  function idempotencyKey(): string {
    const signature = draftSignature(draft);
    if (attempt.current?.signature !== signature) attempt.current = { signature, key: crypto.randomUUID() };
    return attempt.current.key;
  }

  function submit() {
    const invalid = draftErrors(draft, t);
    const files = draft.files.map((f) => ({ name: f.name, content: f }));
    void change.submit(
      invalid,
      () => client.registerDocument(context.c.id, metadataOf(draft), files, idempotencyKey()),
      (result) =>
        t(result.alreadyRegistered ? 'case.upload.already' : 'case.upload.done', { documentNumber: result.document.documentNumber }),
      { documents: true },
    );
  }

  const errors = change.errors;
  return (
    <ActionDialog
      change={change}
      buttonLabel={t('case.upload.button')}
      icon={<DocumentAdd20Regular />}
      heading={t('case.upload.heading')}
      submitLabel={t('case.upload.save')}
      onSubmit={submit}
    >
      <Field label={t('case.upload.files')} hint={t('case.upload.filesHint')} required validationMessage={errors.files}>
        {(fieldProps) => (
          <div className={styles.files}>
            {/* A button opens the browser's file picker: it takes the theme and focus as every other control does. */}
            <Button
              id={fieldProps.id}
              aria-labelledby={`${fieldProps['aria-labelledby'] ?? ''} ${chosenId}-button`}
              aria-describedby={`${fieldProps['aria-describedby'] ?? ''} ${chosenId}`}
              icon={<Attach20Regular />}
              onClick={() => fileInput.current?.click()}
            >
              <span id={`${chosenId}-button`}>{t('case.upload.chooseFiles')}</span>
            </Button>
            <input ref={fileInput} type="file" multiple hidden onChange={(event) => chooseFiles(event.target.files)} />
            <Text id={chosenId}>
              {draft.files.length === 0 ? t('case.upload.noFiles') : t('case.upload.chosen', { names: draft.files.map((f) => f.name).join(', ') })}
            </Text>
          </div>
        )}
      </Field>
      <Field label={t('case.upload.direction')} validationMessage={errors.direction}>
        <Select value={draft.direction} onChange={(_, data) => set({ direction: data.value as Direction })}>
          {DirectionSchema.options.map((d) => (
            <option key={d} value={d}>
              {t(`direction.${d}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('case.upload.title')} required validationMessage={errors.title}>
        <Input
          value={draft.title}
          onChange={(_, data) => {
            titleTouched.current = true;
            set({ title: data.value });
          }}
        />
      </Field>
      <Field label={t('case.upload.documentDate')} validationMessage={errors.documentDate}>
        <Input type="date" value={draft.documentDate} onChange={(_, data) => set({ documentDate: data.value })} />
      </Field>
      <Field label={t('case.upload.counterparty')} validationMessage={errors.counterparty}>
        <Input value={draft.counterparty} onChange={(_, data) => set({ counterparty: data.value })} />
      </Field>
      <Checkbox label={t('case.upload.confidential')} checked={draft.confidential} onChange={(_, data) => set({ confidential: data.checked === true })} />
      {draft.confidential && (
        <>
          <Field label={t('case.upload.provision')} hint={t('case.upload.provisionHint')} required validationMessage={errors.confidentiality}>
            <Input value={draft.provision} onChange={(_, data) => set({ provision: data.value })} />
          </Field>
          <Field label={t('case.upload.publicTitle')} hint={t('case.upload.publicTitleHint')} required validationMessage={errors.publicTitle}>
            <Input value={draft.publicTitle} onChange={(_, data) => set({ publicTitle: data.value })} />
          </Field>
        </>
      )}
    </ActionDialog>
  );
}
