import { useState } from 'react';
import { Field, Select, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { DocumentFile, DocumentFull } from '@diarium/core';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import { previewKindOf, type PreviewKind } from './file-types.ts';
import { useObjectUrl } from './object-url.ts';
import { ProblemAlert } from './ProblemAlert.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  frame: {
    width: '100%',
    height: '70vh',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  image: { maxWidth: '100%', height: 'auto', alignSelf: 'flex-start' },
});

/** The main file (or the first that can be shown) as the browser shows it; a choice when several can be. */
export function FilePreview({ document: doc }: { document: DocumentFull }) {
  const { t } = useServices();
  const styles = useStyles();
  const previewable = doc.files.filter((file) => previewKindOf(file) !== null);
  const first = previewable.find((file) => file.main) ?? previewable[0];
  const [chosenId, setChosenId] = useState(first?.id);
  const chosen = previewable.find((file) => file.id === chosenId) ?? first;
  if (!chosen) return <p>{t('document.preview.unsupported')}</p>;
  return (
    <div className={styles.root}>
      {previewable.length > 1 && (
        <Field label={t('document.preview.choose')}>
          <Select value={chosen.id} onChange={(_, data) => setChosenId(data.value)}>
            {previewable.map((file) => (
              <option key={file.id} value={file.id}>
                {file.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <PreviewOf key={chosen.id} documentId={doc.id} file={chosen} kind={previewKindOf(chosen)!} />
    </div>
  );
}

function PreviewOf({ documentId, file, kind }: { documentId: string; file: DocumentFile; kind: PreviewKind }) {
  const { client, t } = useServices();
  const styles = useStyles();
  const [state, reload] = useAsync(async () => {
    const blob = await client.readFile(documentId, file.id);
    // The type is ours, not the server's: a blob: URL is of this origin, so it must never be HTML.
    return new Blob([blob], { type: kind === 'pdf' ? 'application/pdf' : file.mediaType });
  }, [client, documentId, file.id, kind]);
  const url = useObjectUrl(state.status === 'done' ? state.value : null);
  const label = t('document.preview.frameTitle', { name: file.name });

  if (state.status === 'failed') return <ProblemAlert error={state.error} fileRead onRetry={reload} />;
  if (!url) return <Spinner label={t('document.preview.loading')} />;
  // The browser's PDF viewer does not run in a sandboxed frame; the blob is typed application/pdf above.
  if (kind === 'pdf') return <iframe className={styles.frame} src={url} title={label} />;
  return <img className={styles.image} src={url} alt={label} />;
}
