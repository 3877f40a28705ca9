import { useState } from 'react';
import { Badge, Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import type { DocumentFile, DocumentFull } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { formatSize } from '../../app/format.ts';
import { fileTypeLabel } from './file-types.ts';
import { saveBlob } from './object-url.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  file: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  facts: { color: tokens.colorNeutralForeground2, flexGrow: 1 },
  problem: { flexBasis: '100%' },
});

/** The document's files, each to download; the main document marked. */
export function DocumentFiles({ document: doc }: { document: DocumentFull }) {
  const { t } = useServices();
  const styles = useStyles();
  if (doc.files.length === 0) return <p>{t('document.files.none')}</p>;
  return (
    <ul className={styles.list}>
      {doc.files.map((file) => (
        <FileItem key={file.id} documentId={doc.id} file={file} />
      ))}
    </ul>
  );
}

function FileItem({ documentId, file }: { documentId: string; file: DocumentFile }) {
  const { client, t, locale } = useServices();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      saveBlob(await client.readFile(documentId, file.id), file.name);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={styles.file}>
      <span className={styles.name}>{file.name}</span>
      {file.main && <Badge appearance="outline">{t('document.files.main')}</Badge>}
      <span className={styles.facts}>
        {fileTypeLabel(file, t)} · {formatSize(locale, file.size)}
      </span>
      <Button
        icon={busy ? <Spinner size="tiny" /> : <ArrowDownload20Regular />}
        disabledFocusable={busy}
        aria-label={t('document.files.downloadName', { name: file.name })}
        onClick={() => void download()}
      >
        {t('document.files.download')}
      </Button>
      {error !== null && (
        <div className={styles.problem}>
          <ProblemAlert error={error} fileRead onRetry={() => void download()} />
        </div>
      )}
    </li>
  );
}
