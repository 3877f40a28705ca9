import { useEffect } from 'react';
import { Caption1, Field, Input, MessageBar, MessageBarBody, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { Diary, Me, Unit, User } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { ConfidentialityFields } from '../../components/ConfidentialityFields.tsx';
import { problemText } from '../../components/problem.ts';
import { SearchCombobox } from '../../components/SearchCombobox.tsx';
import { useAsync } from '../../components/use-async.ts';
import type { NewCaseDraft } from './draft.ts';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
});

const mayRegister = (role: string) => role === 'registrar' || role === 'officer';

/** The diaries I may register cases in: my roles say so, in me and in each diary. */
export function registrableDiaries(me: Me, diaries: Diary[]): Diary[] {
  const allowed = new Set(me.roles.filter((r) => mayRegister(r.role)).map((r) => r.diary));
  return diaries.filter((d) => allowed.has(d.prefix) || d.myRoles.some(mayRegister));
}

export interface NewCaseFormProps {
  value: NewCaseDraft;
  onChange: (value: NewCaseDraft) => void;
  errors: Record<string, string>;
}

/** A new case for the mail: my diary, the subject as title, my unit and me as officer by default. Loaded only when chosen. */
export default function NewCaseForm({ value, onChange, errors }: NewCaseFormProps) {
  const { client, t } = useServices();
  const styles = useStyles();
  const lists = useAsync(async () => {
    const [me, diaries, units] = await Promise.all([client.me(), client.diaries(), client.units()]);
    return { me, diaries: registrableDiaries(me, diaries), units };
  }, []);

  useEffect(() => {
    if (lists.status !== 'done' || value.defaultsApplied) return;
    const { me, diaries } = lists.value;
    onChange({
      ...value,
      diary: value.diary || (diaries[0]?.prefix ?? ''),
      unitId: value.unitId || (me.unit?.id ?? ''),
      officer: value.officer ?? { id: me.id, name: t('newCase.officer.me', { name: me.name }) },
      defaultsApplied: true,
    });
  }, [lists.status]);

  const set = (patch: Partial<NewCaseDraft>) => onChange({ ...value, ...patch });

  if (lists.status === 'loading') return <Spinner size="tiny" label={t('newCase.loading')} />;
  if (lists.status === 'failed') {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('newCase.failed', { detail: problemText(lists.error, t) })}</MessageBarBody>
      </MessageBar>
    );
  }
  const { diaries, units } = lists.value;

  async function findOfficers(q: string): Promise<User[]> {
    const users = await client.users(q);
    const inDiary = users.filter((u) => u.roles.some((r) => r.diary === value.diary && mayRegister(r.role)));
    return inDiary.length > 0 ? inDiary : users;
  }

  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{t('newCase.legend')}</legend>
      {diaries.length === 0 ? (
        <Caption1 role="alert">{t('newCase.diary.none')}</Caption1>
      ) : (
        <Field label={t('newCase.diary')} required validationMessage={errors['target.newCase.diary']}>
          <Select value={value.diary} onChange={(_, data) => set({ diary: data.value })}>
            {diaries.map((d) => (
              <option key={d.id} value={d.prefix}>
                {d.prefix} – {d.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={t('newCase.title')} required validationMessage={errors['target.newCase.title']}>
        <Input value={value.title} onChange={(_, data) => set({ title: data.value })} />
      </Field>
      <Field label={t('newCase.unit')} validationMessage={errors['target.newCase.unitId']}>
        <Select value={value.unitId} onChange={(_, data) => set({ unitId: data.value })}>
          <option value="">{t('newCase.unit.none')}</option>
          {units.map((u: Unit) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
      </Field>
      <SearchCombobox<User>
        label={t('newCase.officer')}
        hint={value.officer ? t('newCase.officer.chosen', { name: value.officer.name }) : t('newCase.officer.noneChosen')}
        search={findOfficers}
        optionKey={(u) => u.id}
        renderOption={(u) => `${u.name} (${u.email})`}
        pickedText={(u) => t('newCase.officer.chosen', { name: u.name })}
        onPick={(u) => set({ officer: { id: u.id, name: u.name } })}
        validationMessage={errors['target.newCase.officerId']}
      />
      <Field label={t('newCase.classification')} hint={t('newCase.classification.hint')} validationMessage={errors['target.newCase.classification']}>
        <Input value={value.classification} onChange={(_, data) => set({ classification: data.value })} />
      </Field>
      <ConfidentialityFields
        value={value.confidentiality}
        onChange={(confidentiality) => set({ confidentiality })}
        errors={errors}
        prefix="target.newCase."
        checkboxLabel={t('newCase.confidential')}
        publicTitleLabel={t('newCase.publicTitle')}
      />
    </fieldset>
  );
}
