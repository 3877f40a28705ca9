import { useEffect, useState } from 'react';
import { FluentProvider, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '@diarium/core';
import type { MailHost, MailItem } from '../host/mail-host.ts';
import { localeOf, translator } from '../messages.ts';
import { RegisterMailPane } from '../features/register-mail/RegisterMailPane.tsx';
import { TieOutgoingPane } from '../features/tie-outgoing/TieOutgoingPane.tsx';
import type { CaseLinks } from './links.ts';
import { ServicesProvider, useT } from './services.tsx';
import { fluentThemeOf } from './theme.ts';

const useStyles = makeStyles({
  provider: { minHeight: '100vh', boxSizing: 'border-box' },
  main: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '40rem',
  },
  // Outlook's pane title shows the name; screen readers still get a first heading.
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

export interface PaneProps {
  host: MailHost;
  client: ApiClient;
  links: CaseLinks;
}

/** The task pane: Outlook's theme and language, and the form for the item open now. */
export function Pane({ host, client, links }: PaneProps) {
  const styles = useStyles();
  const locale = localeOf(host.displayLanguage);
  const [theme, setTheme] = useState(() => host.theme());
  // A pinned pane stays open while the user moves between mails: each item gets a fresh form.
  const [current, setCurrent] = useState<{ item: MailItem | null; generation: number }>(() => ({ item: host.currentItem(), generation: 0 }));

  // Outlook may change the item or theme between the first render and the moment the
  // listeners are in place: read both again once listening, so that no change is missed.
  useEffect(() => {
    const stop = host.onThemeChanged(setTheme);
    setTheme(host.theme());
    return stop;
  }, [host]);
  useEffect(() => {
    const stop = host.onItemChanged(() => setCurrent((previous) => ({ item: host.currentItem(), generation: previous.generation + 1 })));
    const now = host.currentItem();
    setCurrent((previous) => (sameItem(previous.item, now) ? previous : { item: now, generation: previous.generation + 1 }));
    return stop;
  }, [host]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <FluentProvider theme={fluentThemeOf(theme)} className={styles.provider} lang={locale}>
      <ServicesProvider client={client} host={host} links={links} locale={locale}>
        <main className={styles.main}>
          <h1 className={styles.visuallyHidden}>{translator(locale)('app.name')}</h1>
          <ItemView key={current.generation} item={current.item} />
        </main>
      </ServicesProvider>
    </FluentProvider>
  );
}

function sameItem(a: MailItem | null, b: MailItem | null): boolean {
  if (a === null || b === null) return a === b;
  return a.mode === b.mode && (a.mode === 'read' && b.mode === 'read' ? a.itemId === b.itemId : true);
}

function ItemView({ item }: { item: MailItem | null }) {
  const t = useT();
  if (!item) return <Text>{t('app.noItem')}</Text>;
  return item.mode === 'read' ? <RegisterMailPane mail={item} /> : <TieOutgoingPane mail={item} />;
}
