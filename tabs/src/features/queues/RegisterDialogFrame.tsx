import type { ReactNode } from 'react';
import { DialogBody, DialogContent, DialogTitle } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';
import { QueueProblem } from './QueueProblem.tsx';
import { SubmitActions, WideDialog } from './ItemDialog.tsx';
import type { Problem } from './register-failure.ts';
import { useRegisterStyles } from './register-styles.ts';

export interface RegisterDialogFrameProps {
  heading: string;
  onClose: () => void;
  onSubmit: () => void;
  busy: boolean;
  /** Something the form needs is still loading (the mail's attachments): "Diarieför" waits. */
  waiting?: boolean;
  problem: Problem | null;
  children: ReactNode;
}

/** The registration dialogs' frame, for one message and for several: the form, what went wrong first, and the buttons. */
export function RegisterDialogFrame({ heading, onClose, onSubmit, busy, waiting, problem, children }: RegisterDialogFrameProps) {
  const t = useT();
  const styles = useRegisterStyles();
  return (
    <WideDialog onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <DialogBody>
          <DialogTitle>{heading}</DialogTitle>
          <DialogContent className={styles.content}>
            {problem && <QueueProblem text={problem.text} intent={problem.intent} />}
            {children}
          </DialogContent>
          <SubmitActions label={t('queues.action.register')} busyLabel={t('queues.register.saving')} busy={busy} waiting={waiting} />
        </DialogBody>
      </form>
    </WideDialog>
  );
}
