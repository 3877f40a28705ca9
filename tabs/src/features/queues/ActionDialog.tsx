import { useState, type ReactElement, type ReactNode } from 'react';
import { Button, Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { QueueItemAction } from '@diarium/core';
import { useT } from '../../app/services.tsx';
import { SubmitActions } from './ItemDialog.tsx';
import { QueueProblem } from './QueueProblem.tsx';
import type { Perform } from './use-queue-actions.ts';

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface ActionDialogProps {
  /** The button's text, also the dialog's submit button. */
  label: string;
  icon: ReactElement;
  heading: string;
  /** What the button acts on, for screen readers (the item's subject). */
  describedBy?: string;
  disabled?: boolean;
  perform: Perform;
  /** Clears the form as the dialog opens. */
  reset: () => void;
  /** The action the form asks for, or what is missing, shown at the field. */
  build: () => QueueItemAction | { missing: string };
  children: (missing: string | undefined) => ReactNode;
}

/** An action that needs a choice first: its button and a dialog with the choice, its failure, and Cancel. */
export function ActionDialog({ label, icon, heading, describedBy, disabled, perform, reset, build, children }: ActionDialogProps) {
  const t = useT();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);

  function show(next: boolean) {
    if (next) {
      reset();
      setMissing(undefined);
      setProblem(null);
    }
    setOpen(next);
  }

  async function submit() {
    const action = build();
    setProblem(null);
    if ('missing' in action) {
      setMissing(action.missing);
      return;
    }
    setMissing(undefined);
    setBusy(true);
    const outcome = await perform(action);
    setBusy(false);
    if (outcome.status === 'failed') setProblem(outcome.message);
    else setOpen(false);
  }

  return (
    <>
      <Button icon={icon} aria-describedby={describedBy} disabled={disabled} onClick={() => show(true)}>
        {label}
      </Button>
      <Dialog open={open} onOpenChange={(_, data) => show(data.open)}>
        <DialogSurface>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!busy) void submit();
            }}
          >
            <DialogBody>
              <DialogTitle>{heading}</DialogTitle>
              <DialogContent className={styles.fields}>
                {problem && <QueueProblem text={problem} />}
                {children(missing)}
              </DialogContent>
              <SubmitActions label={label} busyLabel={t('queues.action.saving')} busy={busy} />
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </>
  );
}
