import { Suspense, useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogSurface, DialogTrigger, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';

const useStyles = makeStyles({
  opener: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  // A mail and the registration form need more room than a choice does; never wider than the tab.
  wide: { width: 'min(56rem, calc(100vw - 2rem))', maxWidth: 'min(56rem, calc(100vw - 2rem))' },
});

export interface ItemDialogButtonProps {
  label: string;
  icon: ReactElement;
  /** What the button acts on, for screen readers (the item's subject). */
  describedBy?: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  /** Nothing to open it for yet (no message selected): it stays in the tab order, saying why by its group. */
  disabled?: boolean;
  /** The dialog, lazily loaded: rendered only while open, so its code loads only then. */
  children: ReactNode;
}

/**
 * A button that opens a dialog about one message, whose code loads as it is first opened (the
 * dialog mounts whole once loaded, so it takes the focus as any dialog does). When it closes, the
 * focus goes back to the button.
 */
export function ItemDialogButton({ label, icon, describedBy, open, setOpen, disabled = false, children }: ItemDialogButtonProps) {
  const t = useT();
  const styles = useStyles();
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  return (
    <span className={styles.opener}>
      <Button ref={button} icon={icon} aria-describedby={describedBy} disabledFocusable={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && <Suspense fallback={<Spinner size="extra-tiny" label={t('queues.dialog.loading')} />}>{children}</Suspense>}
    </span>
  );
}

/** The wide modal dialog of a message; `onClose` on Escape or a DialogTrigger. */
export function WideDialog({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const styles = useStyles();
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.wide}>{children}</DialogSurface>
    </Dialog>
  );
}

/** A dialog form's buttons: the primary one that sends (saying so while busy), and "Avbryt". */
export function SubmitActions({ label, busyLabel, busy, waiting = false }: { label: string; busyLabel: string; busy: boolean; waiting?: boolean }) {
  const t = useT();
  return (
    <DialogActions>
      <Button type="submit" appearance="primary" disabledFocusable={busy || waiting} icon={busy ? <Spinner size="tiny" /> : undefined}>
        {busy ? busyLabel : label}
      </Button>
      <DialogTrigger disableButtonEnhancement>
        <Button>{t('queues.action.cancel')}</Button>
      </DialogTrigger>
    </DialogActions>
  );
}
