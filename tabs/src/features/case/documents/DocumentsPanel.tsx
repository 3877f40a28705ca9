import { useMemo, useState } from 'react';
import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { DirectionSchema, type Direction, type Document } from '@diarium/core';
import { useServices } from '../../../app/services.tsx';
import { DocumentTable } from './DocumentTable.tsx';
import { filterDocuments, nextSort, sortDocuments, type DocumentFilter, type DocumentSort } from './document-list.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  text: { flexGrow: 1, minWidth: '14rem', maxWidth: '30rem' },
  count: { margin: 0, color: tokens.colorNeutralForeground2 },
});

export interface DocumentsPanelProps {
  documents: Document[];
  onOpen: (document: Document) => void;
}

/** The case's documents: filter by text and direction, sort by any column, open one. */
export function DocumentsPanel({ documents, onOpen }: DocumentsPanelProps) {
  const styles = useStyles();
  const { t, locale } = useServices();
  const [filter, setFilter] = useState<DocumentFilter>({ text: '', direction: 'all' });
  const [sort, setSort] = useState<DocumentSort>({ key: 'number', direction: 'ascending' });
  const rows = useMemo(
    () => sortDocuments(filterDocuments(documents, filter), sort, (d) => t(`direction.${d}`), locale),
    [documents, filter, sort, t, locale],
  );

  return (
    <div className={styles.root}>
      <div className={styles.filters}>
        <Field label={t('case.documents.filter')} hint={t('case.documents.filterHint')} className={styles.text}>
          <Input
            type="search"
            contentBefore={<Search20Regular aria-hidden />}
            value={filter.text}
            onChange={(_, data) => setFilter((f) => ({ ...f, text: data.value }))}
          />
        </Field>
        <Field label={t('case.documents.direction')}>
          <Select value={filter.direction} onChange={(_, data) => setFilter((f) => ({ ...f, direction: data.value as Direction | 'all' }))}>
            <option value="all">{t('case.documents.directionAll')}</option>
            {DirectionSchema.options.map((d) => (
              <option key={d} value={d}>
                {t(`direction.${d}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <p className={styles.count} aria-live="polite">
        {t('case.documents.count', { shown: rows.length, total: documents.length })}
        {documents.length > 0 && rows.length === 0 && ` ${t('case.documents.noMatch')}`}
      </p>
      {documents.length === 0 ? (
        <p>{t('case.documents.empty')}</p>
      ) : (
        <DocumentTable rows={rows} sort={sort} onSort={(key) => setSort((s) => nextSort(s, key))} onOpen={onOpen} />
      )}
    </div>
  );
}
