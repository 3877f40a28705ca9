import type { ReactNode } from 'react';
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { ApiProblem, type CaseFull } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { problemText } from '../../app/problem.ts';
import { useAsync } from '../../app/use-async.ts';
import { RestrictedCaseHeader } from './CaseHeader.tsx';
import { FullCase } from './FullCase.tsx';
import { ProblemMessage } from './ProblemMessage.tsx';

/** A part of the case view besides its documents and history, e.g. the channel's files. */
export interface CaseViewSection {
  id: string;
  label: string;
  render: (c: CaseFull, reload: () => void) => ReactNode;
}

export interface CaseViewProps {
  /** The case's id or number. */
  caseRef: string;
  sections?: CaseViewSection[];
}

const NO_SECTIONS: CaseViewSection[] = [];

/** The whole case: header, documents, history and actions. */
export function CaseView({ caseRef, sections = NO_SECTIONS }: CaseViewProps) {
  // Another case is another view: nothing of the last one (its tab, its dialogs) carries over.
  return <LoadedCase key={caseRef} caseRef={caseRef} sections={sections} />;
}

function LoadedCase({ caseRef, sections }: Required<CaseViewProps>) {
  const { client, t } = useServices();
  const [state, reload] = useAsync(() => client.getCase(caseRef), [client, caseRef]);
  if (state.status === 'loading') return <Spinner label={t('case.loading')} />;
  if (state.status === 'failed') {
    if (state.error instanceof ApiProblem && state.error.status === 404) {
      return (
        <div role="alert">
          <MessageBar intent="warning">
            <MessageBarBody>{t('case.notFound', { caseRef })}</MessageBarBody>
          </MessageBar>
        </div>
      );
    }
    return <ProblemMessage text={t('case.loadFailed', { reason: problemText(state.error, t) })} onRetry={reload} />;
  }
  const c = state.value;
  if (c.access === 'restricted') return <RestrictedCaseHeader c={c} />;
  return <FullCase c={c} reloadCase={reload} sections={sections} />;
}
