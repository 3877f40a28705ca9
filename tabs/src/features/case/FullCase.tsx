import { lazy, Suspense, useId, useMemo, useRef, useState } from 'react';
import { Spinner, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import type { CaseFull, Document } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import type { CaseViewSection } from './CaseView.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { Loaded } from './Loaded.tsx';
import { CaseActions } from './actions/CaseActions.tsx';
import type { CaseChangeContext } from './actions/case-change.ts';
import { DocumentsPanel } from './documents/DocumentsPanel.tsx';
import { CaseHistory } from './history/CaseHistory.tsx';
import { useVisuallyHidden } from '../../app/visually-hidden.ts';

const DocumentViewer = lazy(() => import('../document/DocumentViewer.tsx').then((m) => ({ default: m.DocumentViewer })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface FullCaseProps {
  c: CaseFull;
  reloadCase: () => void;
  sections: CaseViewSection[];
}

/** A case the reader may see in full: header, actions, and its documents, history and sections as tabs. */
export function FullCase({ c, reloadCase, sections }: FullCaseProps) {
  const styles = useStyles();
  const hidden = useVisuallyHidden();
  const { client, t } = useServices();
  const id = useId();
  const [documents, reloadDocuments] = useAsync(() => client.caseDocuments(c.id), [client, c.id]);
  const [events, reloadEvents] = useAsync(() => client.caseEvents(c.id), [client, c.id]);
  const [me] = useAsync(() => client.me(), [client]);
  const [tab, setTab] = useState('documents');
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const [opened, setOpened] = useState<Document | null>(null);
  const openedFrom = useRef<HTMLElement | null>(null);

  const announce = (text: string) => setAnnouncement((a) => ({ text, n: a.n + 1 }));
  const reloadAll = () => {
    reloadCase();
    reloadDocuments();
    reloadEvents();
  };
  const context: CaseChangeContext = {
    c,
    reloadCase,
    onChanged: (text, options) => {
      reloadCase();
      reloadEvents();
      if (options?.documents) reloadDocuments();
      announce(text);
    },
  };

  function open(document: Document) {
    openedFrom.current = window.document.activeElement instanceof HTMLElement ? window.document.activeElement : null;
    setOpened(document);
  }
  function closeViewer() {
    setOpened(null);
    if (openedFrom.current?.isConnected) openedFrom.current.focus();
  }

  const knownDocuments = documents.status === 'done' ? documents.value : [];
  const tabs = useMemo(
    () => [
      { id: 'documents', label: t('case.tabs.documents'), heading: t('case.documents.heading') },
      { id: 'history', label: t('case.tabs.history'), heading: t('case.history.heading') },
      ...sections.map((s) => ({ id: `section-${s.id}`, label: s.label, heading: s.label })),
    ],
    [sections, t],
  );
  const selected = tabs.find((x) => x.id === tab) ?? tabs[0]!;

  return (
    <div className={styles.root}>
      <CaseHeader c={c} />
      <CaseActions context={context} me={me.status === 'done' ? me.value : null} announce={announce} />
      <div role="status">
        <span key={announcement.n}>{announcement.text}</span>
      </div>
      <TabList selectedValue={selected.id} onTabSelect={(_, data) => setTab(String(data.value))} aria-label={t('case.tabs.label')}>
        {tabs.map((x) => (
          <Tab key={x.id} value={x.id} id={`${id}-tab-${x.id}`} aria-controls={`${id}-panel-${x.id}`}>
            {x.label}
          </Tab>
        ))}
      </TabList>
      <section role="tabpanel" id={`${id}-panel-${selected.id}`} aria-labelledby={`${id}-tab-${selected.id}`} className={styles.panel}>
        <h2 className={hidden.root}>{selected.heading}</h2>
        {selected.id === 'documents' && (
          <Loaded state={documents} loadingText={t('case.documents.loading')} failedText={(reason) => t('case.documents.failed', { reason })} retry={reloadDocuments}>
            {(list) => <DocumentsPanel documents={list} onOpen={open} />}
          </Loaded>
        )}
        {selected.id === 'history' && (
          <Loaded state={events} loadingText={t('case.history.loading')} failedText={(reason) => t('case.history.failed', { reason })} retry={reloadEvents}>
            {(list) => <CaseHistory c={c} events={list} documents={knownDocuments} />}
          </Loaded>
        )}
        {sections.map((s) => selected.id === `section-${s.id}` && <div key={s.id}>{s.render(c, reloadAll)}</div>)}
      </section>
      {opened && (
        <Suspense fallback={<Spinner size="small" label={t('case.documents.viewerLoading')} />}>
          <DocumentViewer document={opened} onClose={closeViewer} />
        </Suspense>
      )}
    </div>
  );
}
