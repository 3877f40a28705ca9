import type { ReactNode } from 'react';
import { Spinner } from '@fluentui/react-components';
import { useT } from '../../app/services.tsx';
import { problemText } from '../../app/problem.ts';
import type { AsyncState } from '../../app/use-async.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

export interface LoadedProps<T> {
  state: AsyncState<T>;
  loadingText: string;
  /** The failure in words, given the API's explanation. */
  failedText: (reason: string) => string;
  retry: () => void;
  children: (value: T) => ReactNode;
}

/** A spinner while loading, the failure with a retry, else the value. */
export function Loaded<T>({ state, loadingText, failedText, retry, children }: LoadedProps<T>) {
  const t = useT();
  if (state.status === 'loading') return <Spinner size="small" label={loadingText} />;
  if (state.status === 'failed') return <ProblemMessage text={failedText(problemText(state.error, t))} onRetry={retry} />;
  return <>{children(state.value)}</>;
}
