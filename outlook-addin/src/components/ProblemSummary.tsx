import type { Ref } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { FieldError } from '@diarium/core';
import type { ProblemView } from './problem.ts';

export interface ProblemSummaryProps {
  heading: string;
  problem: ProblemView;
  /** Field errors that belong to no field on the form. */
  unplaced: FieldError[];
  /** Focus lands here after a failed submit, so the reader hears what went wrong first. */
  ref?: Ref<HTMLDivElement>;
}

/** What went wrong and what to do next, above the form; the fields carry their own errors. */
export function ProblemSummary({ heading, problem, unplaced, ref }: ProblemSummaryProps) {
  return (
    <MessageBar intent="error" layout="multiline" ref={ref} tabIndex={-1}>
      <MessageBarBody>
        <MessageBarTitle>{heading}</MessageBarTitle>
        <p>{problem.message}</p>
        {problem.detail && problem.detail !== problem.message && <p>{problem.detail}</p>}
        {unplaced.length > 0 && (
          <ul>
            {unplaced.map((e) => (
              <li key={`${e.field}:${e.message}`}>{e.message}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
