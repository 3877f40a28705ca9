import { useId, type ReactNode } from 'react';
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { ApiProblem, type ApiClient, type Document, type DocumentFull, type MailView } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import { DocumentDetails, RestrictedDocument } from './DocumentDetails.tsx';
import { DocumentFiles } from './DocumentFiles.tsx';
import { FilePreview } from './FilePreview.tsx';
import { isMailFile, previewKindOf } from './file-types.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { RegisteredMail } from './RegisteredMail.tsx';

export interface DocumentViewerProps {
  document: Document;
  onClose: () => void;
}

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, paddingBottom: tokens.spacingVerticalXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

/** One document opened: its details, a preview, a registered mail's headers and body, downloads. */
export function DocumentViewer({ document, onClose }: DocumentViewerProps) {
  const { client, t } = useServices();
  const styles = useStyles();
  // Read afresh on opening: the API records the read of a confidential document, and access may have changed.
  const [state, reload] = useAsync(() => client.getDocument(document.id), [client, document.id]);
  const shown = state.status === 'done' ? state.value : document;
  const title = shown.access === 'full' ? shown.title : shown.publicTitle;

  return (
    <OverlayDrawer open position="end" size="large" onOpenChange={(_, data) => !data.open && onClose()}>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label={t('document.close')} icon={<Dismiss24Regular />} onClick={onClose} />}
        >
          {t('document.heading', { number: shown.documentNumber, title })}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {state.status === 'loading' && <Spinner label={t('document.loading')} />}
        {state.status === 'failed' && <ProblemAlert error={state.error} onRetry={reload} />}
        {state.status === 'done' &&
          (state.value.access === 'full' ? <FullDocument document={state.value} /> : <RestrictedDocument document={state.value} />)}
      </DrawerBody>
    </OverlayDrawer>
  );
}

/** The mail held by a document, or null when it holds none after all. */
async function mailOf(client: ApiClient, documentId: string): Promise<MailView | null> {
  try {
    return await client.getDocumentMail(documentId);
  } catch (error) {
    if (error instanceof ApiProblem && error.code === 'not_a_mail') return null;
    throw error;
  }
}

function FullDocument({ document: doc }: { document: DocumentFull }) {
  const { client, t } = useServices();
  const holdsMail = doc.kind === 'mail' || doc.files.some(isMailFile);
  const [mail, reloadMail] = useAsync(() => (holdsMail ? mailOf(client, doc.id) : Promise.resolve(null)), [client, doc.id, holdsMail]);
  const notAMail = mail.status === 'done' && mail.value === null;
  // A mail's .eml has no preview of its own; the mail view is its preview.
  const showPreview = doc.files.length > 0 && (!holdsMail || notAMail || doc.files.some((file) => previewKindOf(file) !== null));

  return (
    <>
      <Section heading={t('document.details.heading')}>
        <DocumentDetails document={doc} />
      </Section>
      {holdsMail && !notAMail && (
        <Section heading={t('document.mail.heading')}>
          {mail.status === 'loading' && <Spinner label={t('document.mail.loading')} />}
          {mail.status === 'failed' && <ProblemAlert error={mail.error} fileRead onRetry={reloadMail} />}
          {mail.status === 'done' && mail.value && <RegisteredMail mail={mail.value} />}
        </Section>
      )}
      <Section heading={t('document.files.heading')}>
        <DocumentFiles document={doc} />
      </Section>
      {showPreview && (
        <Section heading={t('document.preview.heading')}>
          <FilePreview document={doc} />
        </Section>
      )}
    </>
  );
}

function Section({ heading, children }: { heading: string; children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h3 id={id} className={styles.heading}>
        {heading}
      </h3>
      {children}
    </section>
  );
}

// For `React.lazy(() => import('…/DocumentViewer.tsx'))`, which takes the module's default export.
export default DocumentViewer;
