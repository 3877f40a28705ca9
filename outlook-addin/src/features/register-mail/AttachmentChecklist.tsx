import { Caption1, Checkbox, Field, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useServices } from '../../app/services.tsx';
import { formatSize } from '../../components/format.ts';
import type { MailAttachment } from '../../host/mail-host.ts';
import { MAIN_IS_MAIL, registrable } from './draft.ts';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  note: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface AttachmentChecklistProps {
  attachments: MailAttachment[];
  chosen: Record<string, boolean>;
  main: string;
  onChange: (chosen: Record<string, boolean>, main: string) => void;
  error?: string;
}

/** Which attachments go in, and which one (or the mail itself) is the main document. */
export function AttachmentChecklist({ attachments, chosen, main, onChange, error }: AttachmentChecklistProps) {
  const { t, locale } = useServices();
  const styles = useStyles();

  const describe = (a: MailAttachment) =>
    [formatSize(t, locale, a.size), a.isInline && t('attachments.inline'), a.kind === 'item' && t('attachments.item'), a.kind === 'cloud' && t('attachments.cloud')]
      .filter(Boolean)
      .join(', ');

  function toggle(a: MailAttachment, on: boolean) {
    const next = { ...chosen, [a.id]: on };
    // An attachment left out cannot be the main document.
    onChange(next, !on && main === a.id ? MAIN_IS_MAIL : main);
  }

  const mainCandidates = attachments.filter((a) => registrable(a) && chosen[a.id]);

  return (
    <>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t('attachments.legend')}</legend>
        {attachments.length === 0 && <Caption1>{t('attachments.none')}</Caption1>}
        {attachments.map((a) => (
          <Checkbox
            key={a.id}
            checked={registrable(a) && chosen[a.id] === true}
            disabled={!registrable(a)}
            onChange={(_, data) => toggle(a, data.checked === true)}
            label={
              <>
                {a.name} <span className={styles.note}>({describe(a)})</span>
              </>
            }
          />
        ))}
        {error && (
          <Caption1 role="alert" className={styles.error}>
            {error}
          </Caption1>
        )}
      </fieldset>
      {mainCandidates.length > 0 && (
        <Field label={t('attachments.main')}>
          <RadioGroup value={main} onChange={(_, data) => onChange(chosen, data.value)}>
            <Radio value={MAIN_IS_MAIL} label={t('attachments.main.mail')} />
            {mainCandidates.map((a) => (
              <Radio key={a.id} value={a.id} label={a.name} />
            ))}
          </RadioGroup>
        </Field>
      )}
    </>
  );
}
