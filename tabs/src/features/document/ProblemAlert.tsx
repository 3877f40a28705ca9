import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { ApiProblem } from '@diarium/core';
import { useT } from '../../app/services.tsx';
import { problemText } from '../../app/problem.ts';
import type { Translate } from '../../messages.ts';

/** Why a file could not be read, in words a reader can act on: a 403 or 404 said plainly. */
export function fileProblemText(error: unknown, t: Translate): string {
  if (error instanceof ApiProblem && error.status === 403) return t('document.files.forbidden');
  if (error instanceof ApiProblem && error.status === 404) return t('document.files.notFound');
  return problemText(error, t);
}

export interface ProblemAlertProps {
  error: unknown;
  onRetry?: () => void;
  /** The failure was reading one file. */
  fileRead?: boolean;
}

/** A failed read with what to do next, announced at once, and a retry. */
export function ProblemAlert({ error, onRetry, fileRead = false }: ProblemAlertProps) {
  const t = useT();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <div role="alert">{fileRead ? fileProblemText(error, t) : problemText(error, t)}</div>
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('app.retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
