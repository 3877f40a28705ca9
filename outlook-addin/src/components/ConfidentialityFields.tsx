import { Checkbox, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { OslProvisionSchema } from '@diarium/core';
import { useT } from '../app/services.tsx';
import type { MessageKey, Translate } from '../messages.ts';

/** The provisions a municipality marks most often; anything else is written out. */
export const COMMON_PROVISIONS: ReadonlyArray<{ provision: string; label: Extract<MessageKey, `osl.${string}`> }> = [
  { provision: 'OSL 26 kap. 1 §', label: 'osl.26.1' },
  { provision: 'OSL 21 kap. 1 §', label: 'osl.21.1' },
  { provision: 'OSL 23 kap. 1 §', label: 'osl.23.1' },
  { provision: 'OSL 25 kap. 1 §', label: 'osl.25.1' },
  { provision: 'OSL 19 kap. 3 §', label: 'osl.19.3' },
  { provision: 'OSL 31 kap. 16 §', label: 'osl.31.16' },
  { provision: 'OSL 18 kap. 1 §', label: 'osl.18.1' },
];

const OTHER = 'other';

export interface ConfidentialityDraft {
  confidential: boolean;
  /** One of the common provisions, or `other` with the text in `otherProvision`. */
  provision: string;
  otherProvision: string;
  publicTitle: string;
}

export const PUBLIC_DRAFT: ConfidentialityDraft = {
  confidential: false,
  provision: COMMON_PROVISIONS[0]!.provision,
  otherProvision: '',
  publicTitle: '',
};

export function provisionOf(draft: ConfidentialityDraft): string {
  return (draft.provision === OTHER ? draft.otherProvision : draft.provision).trim();
}

/**
 * What the form must refuse before sending: a marking without a valid provision or without a
 * public title. Keys are the API's field names under `prefix`.
 */
export function confidentialityErrors(draft: ConfidentialityDraft, t: Translate, prefix = ''): Record<string, string> {
  if (!draft.confidential) return {};
  const errors: Record<string, string> = {};
  if (!OslProvisionSchema.safeParse(provisionOf(draft)).success) {
    errors[`${prefix}confidentiality.provision`] = t('confidential.provision.invalid');
  }
  if (!draft.publicTitle.trim()) errors[`${prefix}publicTitle`] = t('confidential.publicTitle.required');
  return errors;
}

/** The part of a request that marks it confidential, or nothing. */
export function confidentialityInput(draft: ConfidentialityDraft) {
  return draft.confidential ? { confidentiality: { provision: provisionOf(draft) }, publicTitle: draft.publicTitle.trim() } : {};
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  nested: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingLeft: tokens.spacingHorizontalXXL },
});

export interface ConfidentialityFieldsProps {
  value: ConfidentialityDraft;
  onChange: (value: ConfidentialityDraft) => void;
  /** Errors by the API's field names, under `prefix`. */
  errors: Record<string, string>;
  prefix?: string;
  checkboxLabel: string;
  publicTitleLabel: string;
}

/** A checkbox to mark confidential; once ticked, the OSL provision and a required public title. */
export function ConfidentialityFields({ value, onChange, errors, prefix = '', checkboxLabel, publicTitleLabel }: ConfidentialityFieldsProps) {
  const t = useT();
  const styles = useStyles();
  const set = (patch: Partial<ConfidentialityDraft>) => onChange({ ...value, ...patch });
  const provisionError = errors[`${prefix}confidentiality.provision`] ?? errors[`${prefix}confidentiality`];
  return (
    <div className={styles.root}>
      <Checkbox label={checkboxLabel} checked={value.confidential} onChange={(_, data) => set({ confidential: data.checked === true })} />
      {value.confidential && (
        <div className={styles.nested}>
          <Field label={t('confidential.provision')} validationMessage={value.provision === OTHER ? undefined : provisionError}>
            <Select value={value.provision} onChange={(_, data) => set({ provision: data.value })}>
              {COMMON_PROVISIONS.map((p) => (
                <option key={p.provision} value={p.provision}>
                  {t(p.label)}
                </option>
              ))}
              <option value={OTHER}>{t('confidential.provision.other')}</option>
            </Select>
          </Field>
          {value.provision === OTHER && (
            <Field
              label={t('confidential.provision.otherLabel')}
              hint={t('confidential.provision.otherHint')}
              validationMessage={provisionError}
              required
            >
              <Input value={value.otherProvision} onChange={(_, data) => set({ otherProvision: data.value })} />
            </Field>
          )}
          <Field
            label={publicTitleLabel}
            hint={t('confidential.publicTitle.hint')}
            validationMessage={errors[`${prefix}publicTitle`]}
            required
          >
            <Input value={value.publicTitle} onChange={(_, data) => set({ publicTitle: data.value })} />
          </Field>
        </div>
      )}
    </div>
  );
}
