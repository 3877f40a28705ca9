import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';

/** A failure or a change the user must notice now: a message bar, announced as an alert. */
export function QueueProblem({ text, intent = 'error', onRetry }: { text: string; intent?: 'error' | 'warning'; onRetry?: () => void }) {
  const t = useT();
  return (
    <div role="alert">
      <MessageBar intent={intent} layout="multiline">
        <MessageBarBody>{text}</MessageBarBody>
        {onRetry && (
          <MessageBarActions>
            <Button onClick={onRetry}>{t('queues.retry')}</Button>
          </MessageBarActions>
        )}
      </MessageBar>
    </div>
  );
}
