import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Field, FluentProvider, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { z } from 'zod';
import { fluentThemeOf } from '../app/theme.ts';
import type { DevTeamsMessage } from '../host/browser-host.ts';
import type { HostTheme } from '../host/tab-host.ts';
import { translator, type Locale } from '../messages.ts';

const UsersSchema = z.object({ items: z.array(z.object({ email: z.string(), name: z.string(), description: z.string() })) });
const TeamsSchema = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), channels: z.array(z.object({ id: z.string(), displayName: z.string() })) })),
});
type Team = z.infer<typeof TeamsSchema>['items'][number];
type Channel = Team['channels'][number];

/** What the frame shows: the personal tab, a channel's tab, its configuration page, or its remove page. */
type View = { kind: 'mine' } | { kind: 'channel' | 'configure' | 'remove'; team: Team; channel: Channel };

const useStyles = makeStyles({
  shell: { display: 'grid', gridTemplateRows: 'auto 1fr', gridTemplateColumns: '16rem 1fr', height: '100vh' },
  header: {
    gridColumn: '1 / 3',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'end',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, marginRight: 'auto', alignSelf: 'center' },
  nav: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalM, backgroundColor: tokens.colorNeutralBackground3 },
  team: { margin: `${tokens.spacingVerticalM} 0 0`, fontSize: tokens.fontSizeBase300 },
  navButton: { justifyContent: 'flex-start', textAlign: 'start' },
  main: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  bar: { display: 'flex', gap: tokens.spacingHorizontalS, padding: tokens.spacingHorizontalS, justifyContent: 'flex-end' },
  frame: { flexGrow: 1, border: 'none', width: '100%' },
});

const THEMES: HostTheme[] = ['light', 'dark', 'contrast'];

/**
 * A stand-in for Teams, for `npm start` and the browser tests: it frames the real tab pages and
 * talks to them as Teams does (theme changes, Save and Remove for the configuration page).
 */
export function DevTeams() {
  const styles = useStyles();
  const start = new URL(window.location.href).searchParams;
  const [locale, setLocale] = useState<Locale>(start.get('lang') === 'en' ? 'en' : 'sv');
  const [theme, setTheme] = useState<HostTheme>(THEMES.find((x) => x === start.get('theme')) ?? 'light');
  const [users, setUsers] = useState<z.infer<typeof UsersSchema>['items']>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [user, setUser] = useState(start.get('user') ?? 'johan.berg@ekby.se');
  const [view, setView] = useState<View>({ kind: 'mine' });
  const [valid, setValid] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  // Stable per language, so the message listener below is not set up anew on every render.
  const t = useMemo(() => translator(locale), [locale]);

  useEffect(() => {
    Promise.all([fetch('/dev/users').then((r) => r.json()), fetch('/dev/teams.json').then((r) => r.json())]).then(
      ([u, tm]) => {
        setUsers(UsersSchema.parse(u).items);
        const parsed = TeamsSchema.parse(tm).items;
        setTeams(parsed);
        const channelId = start.get('channel');
        const team = parsed.find((x) => x.channels.some((c) => c.id === channelId));
        const channel = team?.channels.find((c) => c.id === channelId);
        if (team && channel) setView({ kind: 'channel', team, channel });
      },
      (error: unknown) => setProblem(t('dev.loadFailed', { reason: String(error) })),
    );
    // Once, from the address the page was opened with.
  }, []);

  // What the tab says back: validity, saved, removed.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== frame.current?.contentWindow) return;
      const message = event.data as DevTeamsMessage;
      if (message.diarium === 'valid') setValid(message.valid);
      if (message.diarium === 'saved' && view.kind === 'configure') setView({ ...view, kind: 'channel' });
      if (message.diarium === 'removed' && view.kind === 'remove') setView({ ...view, kind: 'channel' });
      if (message.diarium === 'saveFailed' || message.diarium === 'removeFailed') setProblem(t('dev.saveFailed', { reason: message.reason }));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [view, t]);

  // Teams changes the theme of a tab that is open, without reloading it.
  useEffect(() => {
    frame.current?.contentWindow?.postMessage({ diarium: 'theme', theme } satisfies DevTeamsMessage, window.location.origin);
  }, [theme]);

  const send = (message: DevTeamsMessage) => {
    setProblem(null);
    frame.current?.contentWindow?.postMessage(message, window.location.origin);
  };

  const page = { mine: 'mine.html', channel: 'channel.html', configure: 'config.html', remove: 'config.html' }[view.kind];
  const frameKey = `${page}:${user}:${locale}:${view.kind}:${view.kind === 'mine' ? '' : view.channel.id}`;
  // A tab starts in the theme of the moment it loads; later changes are sent to it live.
  const loaded = useRef({ key: '', theme });
  if (loaded.current.key !== frameKey) loaded.current = { key: frameKey, theme };
  const params = new URLSearchParams({ user, lang: locale === 'sv' ? 'sv-SE' : 'en-GB', theme: loaded.current.theme });
  if (view.kind !== 'mine') {
    params.set('team', view.team.id);
    params.set('teamName', view.team.displayName);
    params.set('channel', view.channel.id);
    params.set('channelName', view.channel.displayName);
  }
  const caseParam = start.get('case');
  if (caseParam && view.kind !== 'configure') params.set('case', caseParam);
  if (view.kind === 'remove') params.set('remove', '1');
  const src = `/tabs/${page}?${params}`;

  return (
    <FluentProvider theme={fluentThemeOf(theme)}>
      <div className={styles.shell}>
        <header className={styles.header}>
          <h1 className={styles.title}>{t('dev.heading')}</h1>
          <Field label={t('dev.user')}>
            <Select value={user} onChange={(_, d) => setUser(d.value)}>
              {users.map((u) => (
                <option key={u.email} value={u.email}>{`${u.name} – ${u.description}`}</option>
              ))}
            </Select>
          </Field>
          <Field label={t('dev.theme')}>
            <Select value={theme} onChange={(_, d) => setTheme(d.value as HostTheme)}>
              {THEMES.map((x) => (
                <option key={x} value={x}>
                  {t(`dev.theme.${x}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('dev.language')}>
            <Select value={locale} onChange={(_, d) => setLocale(d.value as Locale)}>
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </Select>
          </Field>
        </header>
        <nav className={styles.nav} aria-label={t('dev.nav')}>
          <Button className={styles.navButton} appearance={view.kind === 'mine' ? 'primary' : 'subtle'} onClick={() => setView({ kind: 'mine' })}>
            {t('dev.mine')}
          </Button>
          {teams.map((team) => (
            <div key={team.id}>
              <h2 className={styles.team}>{team.displayName}</h2>
              {team.channels.map((channel) => (
                <Button
                  key={channel.id}
                  className={styles.navButton}
                  appearance={view.kind !== 'mine' && view.channel.id === channel.id ? 'primary' : 'subtle'}
                  onClick={() => setView({ kind: 'channel', team, channel })}
                >
                  {t('dev.channel', { name: channel.displayName })}
                </Button>
              ))}
            </div>
          ))}
        </nav>
        <main className={styles.main}>
          {problem && (
            <MessageBar intent="error">
              <MessageBarBody>{problem}</MessageBarBody>
            </MessageBar>
          )}
          {view.kind !== 'mine' && (
            <div className={styles.bar}>
              {view.kind === 'channel' && <Button onClick={() => setView({ ...view, kind: 'configure' })}>{t('dev.settings')}</Button>}
              {view.kind === 'channel' && <Button onClick={() => setView({ ...view, kind: 'remove' })}>{t('dev.removeTab')}</Button>}
              {view.kind === 'configure' && (
                <Button appearance="primary" disabled={!valid} onClick={() => send({ diarium: 'save' })}>
                  {t('dev.save')}
                </Button>
              )}
              {view.kind === 'remove' && (
                <Button appearance="primary" onClick={() => send({ diarium: 'remove' })}>
                  {t('dev.confirmRemove')}
                </Button>
              )}
              {(view.kind === 'configure' || view.kind === 'remove') && <Button onClick={() => setView({ ...view, kind: 'channel' })}>{t('dev.cancel')}</Button>}
            </div>
          )}
          {users.length > 0 && <iframe ref={frame} key={frameKey} className={styles.frame} title={t('dev.frame')} src={src} />}
        </main>
      </div>
    </FluentProvider>
  );
}
