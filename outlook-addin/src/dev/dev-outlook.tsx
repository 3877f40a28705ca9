import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  Button,
  Caption1,
  Field,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { ArrowReply20Regular, Attach16Regular, Compose20Regular, Send20Regular } from '@fluentui/react-icons';
import { devTokenSource } from '@diarium/core';
import { formatDateTime, formatSize } from '../components/format.ts';
import { useAsync } from '../components/use-async.ts';
import { translator, type Locale } from '../messages.ts';
import type { ComposeState, FakeItem, FakeTheme } from './fake-office.ts';
import { bodyText, createDraft, fetchMessages, sendDraft, type GraphMessage, type GraphRecipient } from './graph.ts';
import { isDevMessage, type DevMessage } from './protocol.ts';
import { sanitizedMailDocument } from './sanitize.ts';

// The simulated Outlook on the web of `npm start` (/dev/outlook): the sample mail of the
// emulated Graph on the left and in the middle, the real task pane in a frame on the right.

const SHARED_MAILBOX = 'registrator@ekby.se';

interface DemoUser {
  email: string;
  name: string;
  description: string;
}

const useStyles = makeStyles({
  page: { height: '100vh', display: 'grid', gridTemplateRows: 'auto 1fr', backgroundColor: tokens.colorNeutralBackground2 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { color: tokens.colorNeutralForegroundOnBrand, marginRight: 'auto', alignSelf: 'center' },
  toolbarField: { '& label': { color: tokens.colorNeutralForegroundOnBrand } },
  columns: { display: 'grid', gridTemplateColumns: 'minmax(14rem, 22rem) minmax(20rem, 1fr) 360px', minHeight: 0 },
  list: { overflowY: 'auto', borderRight: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  listHeading: { padding: tokens.spacingHorizontalM, display: 'block' },
  mails: { listStyle: 'none', margin: 0, padding: 0 },
  mail: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    background: 'none',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, ':hover': { backgroundColor: tokens.colorBrandBackground2Hover } },
  mailFrom: { fontWeight: tokens.fontWeightSemibold, display: 'block' },
  mailSubject: { display: 'block' },
  preview: { display: 'block', color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  reading: {
    overflowY: 'auto',
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  headers: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0 },
  attachments: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, listStyle: 'none', padding: 0, margin: 0 },
  attachment: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
  },
  bodyFrame: { width: '100%', minHeight: '24rem', flexGrow: 1, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: '#fff' },
  bodyText: { whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 },
  pane: { display: 'flex', flexDirection: 'column', borderLeft: `1px solid ${tokens.colorNeutralStroke1}`, minHeight: 0 },
  paneTitle: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, backgroundColor: tokens.colorNeutralBackground3 },
  paneFrame: { flexGrow: 1, border: 'none', width: '100%' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

const address = (r: GraphRecipient | null | undefined) =>
  r ? (r.emailAddress.name ? `${r.emailAddress.name} <${r.emailAddress.address ?? ''}>` : (r.emailAddress.address ?? '')) : '';

const stored = (key: string, fallback: string) => window.localStorage.getItem(key) ?? fallback;

function DevOutlook() {
  const styles = useStyles();
  const [locale, setLocale] = useState<Locale>(() => (stored('diarium.devLang', 'sv') === 'en' ? 'en' : 'sv'));
  const t = useMemo(() => translator(locale), [locale]);
  const [user, setUser] = useState(() => stored('diarium.devUser', ''));
  const [mailbox, setMailbox] = useState<string | null>(null);
  const [theme, setTheme] = useState<FakeTheme>('light');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [compose, setCompose] = useState<ComposeState | null>(null);
  const [headers, setHeaders] = useState<Record<string, string>>({});
  const [draftId, setDraftId] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [reload, setReload] = useState(0);
  const paneRef = useRef<HTMLIFrameElement>(null);

  const users = useAsync(async (): Promise<DemoUser[]> => {
    const res = await fetch('/dev/users');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return ((await res.json()) as { items: DemoUser[] }).items;
  }, []);
  const userList = users.status === 'done' ? users.value : [];
  const currentUser = userList.find((u) => u.email === user) ?? userList[0] ?? null;
  const tokens_ = useMemo(() => (currentUser ? devTokenSource(currentUser.email) : null), [currentUser]);
  const messages = useAsync(
    async () => (tokens_ ? fetchMessages(await tokens_.getToken(), mailbox) : []),
    [tokens_, mailbox, reload],
  );
  const messageList = messages.status === 'done' ? messages.value : [];
  const selected = messageList.find((m) => m.id === selectedId) ?? null;

  useEffect(() => {
    if (messages.status === 'done' && selectedId === null && compose === null && messageList[0]) setSelectedId(messageList[0].id);
  }, [messages]);

  const item: FakeItem | null = useMemo(
    () =>
      compose
        ? { mode: 'compose', compose: { ...compose }, sharedMailbox: mailbox }
        : selected
          ? { mode: 'read', message: selected, sharedMailbox: mailbox }
          : null,
    // Typing in the compose form is sent as a patch, not as a new item.
    [compose === null, compose?.conversationId, selected, mailbox],
  );
  const itemRef = useRef(item);
  itemRef.current = item;

  const toPane = useCallback((message: DevMessage) => paneRef.current?.contentWindow?.postMessage(message, window.location.origin), []);

  useEffect(() => toPane({ type: 'diarium-dev:item', item }), [item, toPane]);
  useEffect(() => {
    function onMessage(event: MessageEvent<unknown>) {
      if (event.origin !== window.location.origin || event.source !== paneRef.current?.contentWindow || !isDevMessage(event.data)) return;
      if (event.data.type === 'diarium-dev:ready') {
        toPane({ type: 'diarium-dev:item', item: itemRef.current });
      } else if (event.data.type === 'diarium-dev:headers') {
        setHeaders(event.data.headers);
      } else if (event.data.type === 'diarium-dev:draft-saved') {
        setDraftId(event.data.id);
      }
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [toPane]);

  function chooseUser(email: string) {
    window.localStorage.setItem('diarium.devUser', email);
    setUser(email);
    setSelectedId(null);
    setCompose(null);
  }
  function chooseLocale(next: Locale) {
    window.localStorage.setItem('diarium.devLang', next);
    setLocale(next);
  }
  function startCompose(reply: GraphMessage | null) {
    setHeaders({});
    setDraftId(null);
    setNotice(null);
    setSelectedId(reply?.id ?? null);
    setCompose(
      reply
        ? {
            subject: t('dev.replyPrefix', { subject: reply.subject ?? '' }),
            body: `\n\n${t('dev.quote', { date: formatDateTime(locale, reply.receivedDateTime ?? new Date()), name: reply.from?.emailAddress.name ?? '' })}\n${bodyText(reply.body)
              .split('\n')
              .map((line) => `> ${line}`)
              .join('\n')}`,
            to: reply.from?.emailAddress.address ? [reply.from.emailAddress.address] : [],
            conversationId: reply.conversationId ?? null,
          }
        : { subject: '', body: '', to: [], conversationId: null },
    );
  }
  /** Sends as Outlook would: the draft the pane saved (and stamped), or a new one. */
  async function send() {
    if (!compose || !tokens_) return;
    try {
      const token = await tokens_.getToken();
      const id = draftId ?? (await createDraft(token, mailbox, { ...compose, headers }));
      if (!id) throw new Error('POST messages');
      await sendDraft(token, mailbox, id);
      setCompose(null);
      setDraftId(null);
      setSelectedId(null);
      setNotice({ intent: 'success', text: t('dev.sent') });
      setReload((r) => r + 1);
    } catch (error) {
      setNotice({ intent: 'error', text: t('dev.sendFailed', { detail: error instanceof Error ? error.message : String(error) }) });
    }
  }
  function editCompose(patch: Partial<ComposeState>) {
    setCompose((c) => (c ? { ...c, ...patch } : c));
    toPane({ type: 'diarium-dev:compose', patch });
  }

  const paneSrc = currentUser
    ? `dev-taskpane.html?${new URLSearchParams({ user: currentUser.email, name: currentUser.name, lang: locale === 'sv' ? 'sv-SE' : 'en-US', theme })}`
    : null;

  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <div className={styles.page}>
        <header className={styles.toolbar}>
          <Subtitle2 as="h1" block className={styles.brand}>
            {t('dev.title')}
          </Subtitle2>
          <Field label={t('dev.user')} className={styles.toolbarField}>
            <Select value={currentUser?.email ?? ''} onChange={(_, d) => chooseUser(d.value)}>
              {userList.map((u) => (
                <option key={u.email} value={u.email}>
                  {u.name} – {u.description}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('dev.mailbox')} className={styles.toolbarField}>
            <Select
              value={mailbox ?? ''}
              onChange={(_, d) => {
                setMailbox(d.value || null);
                setSelectedId(null);
                setCompose(null);
              }}
            >
              <option value="">{t('dev.mailbox.own')}</option>
              <option value={SHARED_MAILBOX}>{t('dev.mailbox.shared', { address: SHARED_MAILBOX })}</option>
            </Select>
          </Field>
          <Field label={t('dev.language')} className={styles.toolbarField}>
            <Select value={locale} onChange={(_, d) => chooseLocale(d.value === 'en' ? 'en' : 'sv')}>
              <option value="sv">Svenska (sv-SE)</option>
              <option value="en">English (en-US)</option>
            </Select>
          </Field>
          <Field label={t('dev.theme')} className={styles.toolbarField}>
            <Select
              value={theme}
              onChange={(_, d) => {
                const next = d.value as FakeTheme;
                setTheme(next);
                toPane({ type: 'diarium-dev:theme', theme: next });
              }}
            >
              <option value="light">{t('dev.theme.light')}</option>
              <option value="dark">{t('dev.theme.dark')}</option>
              <option value="highContrast">{t('dev.theme.highContrast')}</option>
            </Select>
          </Field>
          <Button icon={<Compose20Regular />} onClick={() => startCompose(null)}>
            {t('dev.compose')}
          </Button>
        </header>

        {users.status === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>{t('dev.users.failed', { detail: String(users.error) })}</MessageBarBody>
          </MessageBar>
        )}

        <div className={styles.columns}>
          <nav className={styles.list} aria-labelledby="dev-mails">
            <Subtitle2 as="h2" block id="dev-mails" className={styles.listHeading}>
              {t('dev.mails')}
            </Subtitle2>
            {messages.status === 'loading' && <Spinner size="tiny" label={t('dev.mails.loading')} />}
            {messages.status === 'failed' && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>{t('dev.mails.failed', { detail: String(messages.error) })}</MessageBarBody>
              </MessageBar>
            )}
            {messages.status === 'done' && messageList.length === 0 && <Text>{t('dev.mails.empty')}</Text>}
            <ul className={styles.mails}>
              {messageList.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    className={mergeClasses(styles.mail, m.id === selectedId && compose === null && styles.selected)}
                    aria-current={m.id === selectedId && compose === null ? 'true' : undefined}
                    onClick={() => {
                      setCompose(null);
                      setNotice(null);
                      setSelectedId(m.id);
                    }}
                  >
                    <span className={styles.mailFrom}>
                      {m.from?.emailAddress.name ?? m.from?.emailAddress.address} {m.attachments.length > 0 && <Attach16Regular aria-hidden />}
                    </span>
                    <span className={styles.mailSubject}>{m.subject || t('dev.untitled')}</span>
                    <span className={styles.preview}>{m.bodyPreview}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>

          <main className={styles.reading} aria-label={t('dev.reading')}>
            <div aria-live="polite">
              {notice && (
                <MessageBar intent={notice.intent}>
                  <MessageBarBody>{notice.text}</MessageBarBody>
                </MessageBar>
              )}
            </div>
            {compose ? (
              <ComposeForm compose={compose} onChange={editCompose} onSend={() => void send()} headers={headers} t={t} />
            ) : selected ? (
              <ReadingPane message={selected} locale={locale} t={t} onReply={() => startCompose(selected)} />
            ) : (
              <Text>{t('dev.reading.none')}</Text>
            )}
          </main>

          <aside className={styles.pane} aria-label={t('dev.pane')}>
            <Caption1 className={styles.paneTitle}>{t('dev.pane')}</Caption1>
            {paneSrc && <iframe key={paneSrc} ref={paneRef} className={styles.paneFrame} src={paneSrc} title={t('dev.pane')} />}
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}

type T = ReturnType<typeof translator>;

function ReadingPane({ message, locale, t, onReply }: { message: GraphMessage; locale: Locale; t: T; onReply: () => void }) {
  const styles = useStyles();
  const html = message.body?.contentType.toLowerCase() === 'html';
  const document_ = useMemo(() => (html ? sanitizedMailDocument(message.body!.content) : null), [message, html]);
  const rows: Array<[string, string]> = [
    [t('dev.from'), address(message.from)],
    [t('dev.to'), message.toRecipients.map(address).join('; ')],
    ...(message.ccRecipients.length > 0 ? [[t('dev.cc'), message.ccRecipients.map(address).join('; ')] as [string, string]] : []),
    [t('dev.date'), message.receivedDateTime ? formatDateTime(locale, message.receivedDateTime) : ''],
  ];
  return (
    <>
      <Subtitle2 as="h2" block>{message.subject || t('dev.untitled')}</Subtitle2>
      <dl className={styles.headers}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.detail}>{value}</dd>
          </div>
        ))}
      </dl>
      {message.attachments.length > 0 && (
        <section aria-label={t('dev.attachments')}>
          <ul className={styles.attachments}>
            {message.attachments.map((a) => (
              <li key={a.id} className={styles.attachment}>
                <Attach16Regular aria-hidden /> {a.name} <Caption1>({formatSize(t, locale, a.size)})</Caption1>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className={styles.actions}>
        <Button icon={<ArrowReply20Regular />} onClick={onReply}>
          {t('dev.reply')}
        </Button>
      </div>
      {document_ !== null ? (
        // No scripts, no same origin, no remote images: a mail is not to be trusted.
        <iframe className={styles.bodyFrame} sandbox="" srcDoc={document_} title={t('dev.body.frame')} />
      ) : (
        <pre className={styles.bodyText}>{message.body?.content ?? message.bodyPreview ?? ''}</pre>
      )}
    </>
  );
}

function ComposeForm(props: {
  compose: ComposeState;
  onChange: (patch: Partial<ComposeState>) => void;
  onSend: () => void;
  headers: Record<string, string>;
  t: T;
}) {
  const { compose, onChange, onSend, headers, t } = props;
  const styles = useStyles();
  const entries = Object.entries(headers);
  return (
    <>
      <Subtitle2 as="h2" block>{t('dev.compose.heading')}</Subtitle2>
      <Caption1>{t('dev.compose.hint')}</Caption1>
      <Field label={t('dev.to')}>
        <Input value={compose.to.join('; ')} onChange={(_, d) => onChange({ to: d.value.split(/[;,]\s*/).filter(Boolean) })} />
      </Field>
      <Field label={t('dev.subject')}>
        <Input value={compose.subject} onChange={(_, d) => onChange({ subject: d.value })} />
      </Field>
      <Field label={t('dev.body')}>
        <Textarea value={compose.body} rows={12} resize="vertical" onChange={(_, d) => onChange({ body: d.value })} />
      </Field>
      <div>
        <Button appearance="primary" icon={<Send20Regular />} onClick={onSend}>
          {t('dev.send')}
        </Button>
      </div>
      <section aria-label={t('dev.headers')}>
        <Caption1>{t('dev.headers')}</Caption1>
        {entries.length === 0 ? (
          <Text as="p" block>{t('dev.headers.none')}</Text>
        ) : (
          <dl className={styles.headers} aria-live="polite">
            {entries.map(([name, value]) => (
              <div key={name} style={{ display: 'contents' }}>
                <dt className={styles.term}>{name}</dt>
                <dd className={styles.detail}>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<DevOutlook />);
