import { useId, type ReactNode } from 'react';
import { Badge, Button, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { FieldError } from '@diarium/core';
import { useT } from '../../app/services.tsx';
import { problemText } from '../../app/problem.ts';
import { SECTION_STYLES } from '../../app/section-styles.ts';

/** Opens a case in place of the lists; `from` gets the focus back on return. */
export type OpenCase = (caseNumber: string, from: HTMLElement) => void;

const useStyles = makeStyles({
  ...SECTION_STYLES,
  caseButton: { textAlign: 'start' },
  caseNumber: { fontWeight: tokens.fontWeightSemibold },
});

/** One part of the page: a region named by its h2. */
export function Section({ heading, children }: { heading: string; children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <section aria-labelledby={id} className={styles.section}>
      <h2 id={id} className={styles.heading}>
        {heading}
      </h2>
      {children}
    </section>
  );
}

export function Loading({ label }: { label: string }) {
  return <Spinner size="small" labelPosition="after" label={label} />;
}

/** A failure in one section, what to do next, and (where it helps) a way to try again. */
export function SectionProblem({ error, onRetry, unplaced = [] }: { error: unknown; onRetry?: () => void; unplaced?: FieldError[] }) {
  const t = useT();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <div role="alert">
          {problemText(error, t)}
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((e) => (
                <li key={`${e.field}:${e.message}`}>{e.message}</li>
              ))}
            </ul>
          )}
        </div>
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('mine.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function ConfidentialBadge() {
  const t = useT();
  return (
    <Badge appearance="tint" color="danger" shape="rounded">
      {t('confidential.badge')}
    </Badge>
  );
}

/** The case number and the title the reader may see, as a link-styled button that opens the case. */
export function CaseButton({ caseNumber, title, onOpen }: { caseNumber: string; title: string; onOpen: OpenCase }) {
  const styles = useStyles();
  return (
    <Link as="button" className={styles.caseButton} onClick={(event) => onOpen(caseNumber, event.currentTarget)}>
      <span className={styles.caseNumber}>{caseNumber}</span> {title}
    </Link>
  );
}
