import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useT } from '../../../app/services.tsx';
import { ProblemMessage } from '../ProblemMessage.tsx';
import type { CaseChange } from './case-change.ts';

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface ActionDialogProps {
  change: CaseChange;
  buttonLabel: string;
  icon?: ReactElement;
  heading: string;
  submitLabel: string;
  onSubmit: () => void;
  children: ReactNode;
}

/** An action's button and its dialog: a form, its failure, Save and Cancel; focus goes back to the button. */
export function ActionDialog({ change, buttonLabel, icon, heading, submitLabel, onSubmit, children }: ActionDialogProps) {
  const t = useT();
  const styles = useStyles();
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !change.open) button.current?.focus();
    wasOpen.current = change.open;
  }, [change.open]);

  const problem = change.problem;
  return (
    <>
      <Button ref={button} icon={icon} onClick={() => change.setOpen(true)}>
        {buttonLabel}
      </Button>
      <Dialog open={change.open} onOpenChange={(_, data) => change.setOpen(data.open)}>
        <DialogSurface>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (!change.busy) onSubmit();
            }}
          >
            <DialogBody>
              <DialogTitle>{heading}</DialogTitle>
              <DialogContent className={styles.fields}>
                {problem && <ProblemMessage text={problem.detail ? `${problem.message} ${problem.detail}` : problem.message} />}
                {children}
              </DialogContent>
              <DialogActions>
                <Button type="submit" appearance="primary" disabledFocusable={change.busy} icon={change.busy ? <Spinner size="tiny" /> : undefined}>
                  {change.busy ? t('case.actions.saving') : submitLabel}
                </Button>
                <DialogTrigger disableButtonEnhancement>
                  <Button>{t('case.actions.cancel')}</Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </>
  );
}
