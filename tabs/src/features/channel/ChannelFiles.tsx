import { useMemo, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiProblem, type CaseFull, type ChannelFile, type Direction, type FileFromDrive } from '@diarium/core';
import { formatDateTime, formatSize } from '../../app/format.ts';
import { describeProblem, fieldMessages, type ProblemView } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useVisuallyHidden } from '../../app/visually-hidden.ts';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalM },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    maxWidth: '44rem',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  newer: { color: tokens.colorPaletteDarkOrangeForeground1 },
  selectColumn: { width: '3rem' },
});

const keyOf = (f: ChannelFile) => `${f.driveId}/${f.itemId}`;
const withoutExtension = (name: string) => name.replace(/\.[^.]+$/, '') || name;
/** A file may be filed when it is a file not filed yet, or one SharePoint holds a newer version of. */
const fileable = (f: ChannelFile) => !f.folder && (f.registration === null || f.registration.newerVersion);

export interface ChannelFilesProps {
  teamId: string;
  channelId: string;
  caseFile: CaseFull;
  /** After filing: the case's documents and history change. */
  onFiled: () => void;
}

/** The channel's files folder: which files are in the case, which have newer versions, and filing the chosen ones. */
export function ChannelFiles({ teamId, channelId, caseFile, onFiled }: ChannelFilesProps) {
  const styles = useStyles();
  const hidden = useVisuallyHidden();
  const { client, locale, t } = useServices();
  const [files, reload] = useAsync(() => client.channelFiles(teamId, channelId), [client, teamId, channelId]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [titles, setTitles] = useState<Record<string, string>>({});
  const [direction, setDirection] = useState<Direction>('internal');
  const [confidential, setConfidential] = useState(false);
  const [provision, setProvision] = useState('');
  const [publicTitle, setPublicTitle] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<ProblemView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // One key per batch: a retry after a lost answer files nothing twice.
  const idempotencyKey = useRef(crypto.randomUUID());
  const problemRef = useRef<HTMLDivElement>(null);

  const items = files.status === 'done' ? files.value : [];
  const chosen = useMemo(() => items.filter((f) => selected.has(keyOf(f)) && fileable(f)), [items, selected]);

  function toggle(f: ChannelFile, on: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(keyOf(f));
      else next.delete(keyOf(f));
      return next;
    });
    setDone(null);
    idempotencyKey.current = crypto.randomUUID();
  }

  async function submit() {
    setSubmitting(true);
    setProblem(null);
    const input: FileFromDrive = {
      items: chosen.map((f) => ({
        driveId: f.driveId,
        itemId: f.itemId,
        ...(f.eTag ? { eTag: f.eTag } : {}),
        direction,
        title: (titles[keyOf(f)] ?? withoutExtension(f.name)).trim(),
        ...(confidential ? { confidentiality: { provision: provision.trim() }, publicTitle: publicTitle.trim() } : {}),
      })),
    };
    try {
      const result = await client.fileFromDrive(caseFile.id, input, idempotencyKey.current);
      const numbers = (already: boolean) =>
        result.items
          .filter((i) => i.alreadyRegistered === already)
          .map((i) => i.document.documentNumber)
          .join(', ');
      setDone([numbers(false) && t('channel.file.done', { numbers: numbers(false) }), numbers(true) && t('channel.file.already', { numbers: numbers(true) })].filter(Boolean).join(' '));
      setSelected(new Set());
      setTitles({});
      idempotencyKey.current = crypto.randomUUID();
      reload();
      onFiled();
    } catch (error) {
      const view = describeProblem(error, t);
      // A file changed after the list was read: show the list as it is now, keep the rest.
      if (error instanceof ApiProblem && error.status === 409) {
        setProblem({ message: t('channel.file.changed'), detail: null, fieldErrors: [] });
        reload();
      } else setProblem(view);
      requestAnimationFrame(() => problemRef.current?.focus());
    } finally {
      setSubmitting(false);
    }
  }

  const errors = fieldMessages(problem?.fieldErrors.map((e) => ({ ...e, field: e.field.replace(/^items\.\d+\./, '') })) ?? []);
  return (
    <section className={styles.section} aria-labelledby="channel-files-heading">
      <h2 id="channel-files-heading">{t('channel.files.heading')}</h2>
      <Text>{t('channel.files.intro')}</Text>
      <div role="status">{done}</div>
      {files.status === 'loading' && <Spinner size="small" label={t('channel.files.loading')} />}
      {files.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{describeProblem(files.error, t).message}</MessageBarBody>
        </MessageBar>
      )}
      {files.status !== 'loading' && (
        <div>
          <Button onClick={reload}>{t('channel.files.reload')}</Button>
        </div>
      )}
      {files.status === 'done' && items.length === 0 && <Text>{t('channel.files.empty')}</Text>}
      {items.length > 0 && (
        <Table aria-labelledby="channel-files-heading" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.selectColumn}>
                <span className={hidden.root}>{t('channel.files.choose')}</span>
              </TableHeaderCell>
              <TableHeaderCell>{t('channel.files.name')}</TableHeaderCell>
              <TableHeaderCell>{t('channel.files.modified')}</TableHeaderCell>
              <TableHeaderCell>{t('channel.files.size')}</TableHeaderCell>
              <TableHeaderCell>{t('channel.files.status')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((f) => (
              <TableRow key={keyOf(f)}>
                <TableCell>
                  {f.folder ? null : (
                    <Checkbox
                      aria-label={t('channel.files.select', { name: f.name })}
                      checked={selected.has(keyOf(f)) && fileable(f)}
                      disabled={!fileable(f)}
                      onChange={(_, data) => toggle(f, data.checked === true)}
                    />
                  )}
                </TableCell>
                <TableCell>
                  {f.webUrl ? (
                    <Link href={f.webUrl} target="_blank" rel="noopener noreferrer">
                      {f.name}
                    </Link>
                  ) : (
                    f.name
                  )}
                </TableCell>
                <TableCell>
                  {f.lastModifiedAt
                    ? f.lastModifiedBy
                      ? t('channel.files.by', { when: formatDateTime(locale, f.lastModifiedAt), name: f.lastModifiedBy })
                      : formatDateTime(locale, f.lastModifiedAt)
                    : ''}
                </TableCell>
                <TableCell>{f.folder ? '' : formatSize(locale, f.size)}</TableCell>
                <TableCell>
                  {f.folder ? (
                    t('channel.files.folder')
                  ) : f.registration === null ? (
                    t('channel.files.notFiled')
                  ) : f.registration.newerVersion ? (
                    <span className={styles.newer}>{t('channel.files.newer', { documentNumber: f.registration.documentNumber })}</span>
                  ) : (
                    t('channel.files.filed', { documentNumber: f.registration.documentNumber })
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {chosen.length > 0 && (
        <form
          className={styles.form}
          aria-labelledby="channel-file-heading"
          // Our own messages say what is missing; the browser's would be in another language.
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h3 id="channel-file-heading">{chosen.length === 1 ? t('channel.file.headingOne') : t('channel.file.heading', { count: chosen.length })}</h3>
          {problem && (
            <MessageBar intent="error" layout="multiline" ref={problemRef} tabIndex={-1}>
              <MessageBarBody>
                <MessageBarTitle>{t('channel.file.failed')}</MessageBarTitle>
                {problem.message}
                {problem.detail && problem.detail !== problem.message ? ` ${problem.detail}` : ''}
              </MessageBarBody>
            </MessageBar>
          )}
          <Field label={t('channel.file.direction')}>
            <Select value={direction} onChange={(_, data) => setDirection(data.value as Direction)}>
              <option value="internal">{t('direction.internal')}</option>
              <option value="incoming">{t('direction.incoming')}</option>
              <option value="outgoing">{t('direction.outgoing')}</option>
            </Select>
          </Field>
          {chosen.map((f) => (
            <Field key={keyOf(f)} label={t('channel.file.titleOf', { name: f.name })} required validationMessage={errors.title}>
              <Input value={titles[keyOf(f)] ?? withoutExtension(f.name)} onChange={(_, data) => setTitles((previous) => ({ ...previous, [keyOf(f)]: data.value }))} />
            </Field>
          ))}
          <Checkbox checked={confidential} onChange={(_, data) => setConfidential(data.checked === true)} label={t('channel.file.confidential')} />
          {confidential && (
            <>
              <Field label={t('channel.file.provision')} hint={t('channel.file.provisionHint')} required validationMessage={errors.confidentiality}>
                <Input value={provision} onChange={(_, data) => setProvision(data.value)} />
              </Field>
              <Field label={t('channel.file.publicTitle')} hint={t('channel.file.publicTitleHint')} required validationMessage={errors.publicTitle}>
                <Input value={publicTitle} onChange={(_, data) => setPublicTitle(data.value)} />
              </Field>
            </>
          )}
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={submitting}>
              {submitting ? t('channel.file.submitting') : t('channel.file.submit')}
            </Button>
            <Button onClick={() => setSelected(new Set())} disabled={submitting}>
              {t('channel.file.clear')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
