import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';

export interface ProblemMessageProps {
  /** What to show: already worded for the reader (see describeProblem / problemText). */
  text: string;
  onRetry?: () => void;
}

/** A failure the reader should notice now: an error message bar, announced as an alert. */
export function ProblemMessage({ text, onRetry }: ProblemMessageProps) {
  const t = useT();
  return (
    <div role="alert">
      <MessageBar intent="error">
        <MessageBarBody>{text}</MessageBarBody>
        {onRetry && (
          <MessageBarActions>
            <Button onClick={onRetry}>{t('app.retry')}</Button>
          </MessageBarActions>
        )}
      </MessageBar>
    </div>
  );
}
