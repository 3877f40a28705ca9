import type { ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';

/** A failure the administrator must notice now: an error message bar, announced as an alert. */
export function AdminProblem({ text, onRetry, retryLabel, children }: { text: string; onRetry?: () => void; retryLabel?: string; children?: ReactNode }) {
  const t = useT();
  return (
    <div role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          {text}
          {children}
        </MessageBarBody>
        {onRetry && (
          <MessageBarActions>
            <Button onClick={onRetry}>{retryLabel ?? t('admin.retry')}</Button>
          </MessageBarActions>
        )}
      </MessageBar>
    </div>
  );
}
