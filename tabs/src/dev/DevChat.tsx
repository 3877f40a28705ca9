import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Field, FluentProvider, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { z } from 'zod';
import { fluentThemeOf } from '../app/theme.ts';
import type { HostTheme } from '../host/tab-host.ts';
import { translator, type Locale } from '../messages.ts';
import { AdaptiveCardView } from './AdaptiveCardView.tsx';

const UsersSchema = z.object({ items: z.array(z.object({ email: z.string(), name: z.string(), objectId: z.string(), description: z.string() })) });
type DemoUser = z.infer<typeof UsersSchema>['items'][number];
const RepliesSchema = z.object({
  activities: z.array(
    z.object({
      type: z.string(),
      text: z.string().optional(),
      attachments: z.array(z.object({ contentType: z.string(), content: z.unknown() })).optional(),
    }),
  ),
});

interface Entry {
  id: number;
  from: 'me' | 'bot';
  text?: string;
  cards?: object[];
}

const DeliveredSchema = z.object({ items: z.array(z.object({ seq: z.number(), activity: RepliesSchema.shape.activities.element })) });

const BOT = { id: '28:diarium-dev', name: 'Diarium' };
/** The emulated Bot Connector the API serves under `npm start`: where the bot's notifications go. */
const CONNECTOR = '/dev/connector';
const POLL_MS = 2_000;
const personalConversation = (objectId: string) => `dev-chat:personal:${objectId}`;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

const useStyles = makeStyles({
  page: { maxWidth: '52rem', margin: '0 auto', padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end' },
  log: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, listStyle: 'none', padding: 0, margin: 0 },
  me: {
    alignSelf: 'flex-end',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorBrandBackground2,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
  },
  bot: { alignSelf: 'flex-start', maxWidth: '100%', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  grow: { flexGrow: 1 },
});

/**
 * A stand-in for a Teams chat, for `npm start`: it posts real Bot Framework activities to
 * /api/messages (deliveryMode expectReplies, so the replies come back in the answer) and shows
 * the replies' Adaptive Cards with the renderer Teams uses.
 */
export function DevChat() {
  const styles = useStyles();
  const start = new URL(window.location.href).searchParams;
  const [locale, setLocale] = useState<Locale>(start.get('lang') === 'en' ? 'en' : 'sv');
  const theme: HostTheme = start.get('theme') === 'dark' ? 'dark' : start.get('theme') === 'contrast' ? 'contrast' : 'light';
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [user, setUser] = useState(start.get('user') ?? 'johan.berg@ekby.se');
  const [where, setWhere] = useState<'personal' | 'channel'>('personal');
  const [mention, setMention] = useState(true);
  const [text, setText] = useState('');
  const [log, setLog] = useState<Entry[]>([]);
  const [sending, setSending] = useState(false);
  const next = useRef(1);
  const t = translator(locale);

  useEffect(() => {
    fetch('/dev/users')
      .then((r) => r.json())
      .then((body) => setUsers(UsersSchema.parse(body).items))
      .catch((error: unknown) => append({ from: 'bot', text: t('chat.failed', { reason: String(error) }) }));
    // Once, when the page opens.
  }, []);

  function append(entry: Omit<Entry, 'id'>) {
    setLog((previous) => [...previous, { ...entry, id: next.current++ }]);
  }

  function botEntry(reply: z.infer<typeof RepliesSchema>['activities'][number]): Omit<Entry, 'id'> {
    const cards = (reply.attachments ?? []).filter((a) => a.contentType === ADAPTIVE).map((a) => a.content as object);
    return { from: 'bot', ...(reply.text ? { text: reply.text } : {}), cards };
  }

  // The chosen user has Diarium installed: Teams tells the bot so (it keeps the conversation for
  // notifications), and the chat shows what the bot later sends there unasked.
  const me = users.find((u) => u.email === user);
  useEffect(() => {
    if (!me) return;
    const conversation = personalConversation(me.objectId);
    let after = 0;
    let ready = false;
    let stopped = false;
    const install = fetch('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'installationUpdate',
        action: 'add',
        id: crypto.randomUUID(),
        channelId: 'msteams',
        serviceUrl: `${window.location.origin}${CONNECTOR}`,
        deliveryMode: 'expectReplies',
        locale: locale === 'sv' ? 'sv-SE' : 'en-GB',
        from: { id: `29:${me.objectId}`, aadObjectId: me.objectId, name: me.name },
        recipient: BOT,
        conversation: { id: conversation, conversationType: 'personal' },
      }),
    });
    const poll = async () => {
      if (!ready) return;
      const res = await fetch(`${CONNECTOR}/conversations/${encodeURIComponent(conversation)}/activities?after=${after}`);
      if (!ready || !res.ok || stopped) return;
      for (const { seq, activity } of DeliveredSchema.parse(await res.json()).items) {
        after = Math.max(after, seq);
        if (activity.type === 'message') append(botEntry(activity));
      }
    };
    // What was sent before the page opened is old news: start after it.
    void install
      .then(() => fetch(`${CONNECTOR}/conversations/${encodeURIComponent(conversation)}/activities`))
      .then(async (res) => {
        if (res.ok) after = Math.max(0, ...DeliveredSchema.parse(await res.json()).items.map((d) => d.seq));
        ready = true;
      })
      .catch(() => undefined);
    const timer = setInterval(() => void poll().catch(() => undefined), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [me?.objectId, locale]);

  async function send(message: string, value?: unknown) {
    const me = users.find((u) => u.email === user);
    if (!me || (!message.trim() && value === undefined)) return;
    const mentioned = where === 'channel' && mention;
    append({ from: 'me', text: mentioned ? `@Diarium ${message}` : message });
    setSending(true);
    const activity = {
      type: 'message',
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: `${window.location.origin}${CONNECTOR}`,
      deliveryMode: 'expectReplies',
      locale: locale === 'sv' ? 'sv-SE' : 'en-GB',
      from: { id: `29:${me.objectId}`, aadObjectId: me.objectId, name: me.name },
      recipient: BOT,
      conversation: { id: where === 'personal' ? personalConversation(me.objectId) : `dev-chat:channel:${me.objectId}`, conversationType: where, isGroup: where === 'channel' },
      text: mentioned ? `<at>Diarium</at> ${message}` : message,
      ...(value === undefined ? {} : { value }),
      entities: mentioned ? [{ type: 'mention', mentioned: BOT, text: '<at>Diarium</at>' }] : [],
    };
    try {
      const res = await fetch('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const { activities } = RepliesSchema.parse(await res.json());
      const replies = activities.filter((a) => a.type === 'message');
      if (replies.length === 0) append({ from: 'bot', text: t('chat.noReply') });
      for (const reply of replies) append(botEntry(reply));
    } catch (error) {
      append({ from: 'bot', text: t('chat.failed', { reason: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setSending(false);
    }
  }

  const submitted = (data: unknown) => {
    const said = (data as { msteams?: { text?: string; value?: unknown } } | null)?.msteams;
    if (said?.text) void send(said.text, said.value);
    else void send('', data);
  };

  return (
    <FluentProvider theme={fluentThemeOf(theme)}>
      <main className={styles.page}>
        <h1>{t('chat.heading')}</h1>
        <Text>{t('chat.intro')}</Text>
        <div className={styles.controls}>
          <Field label={t('chat.user')}>
            <Select value={user} onChange={(_, d) => setUser(d.value)}>
              {users.map((u) => (
                <option key={u.email} value={u.email}>{`${u.name} – ${u.description}`}</option>
              ))}
            </Select>
          </Field>
          <Field label={t('chat.where')}>
            <Select value={where} onChange={(_, d) => setWhere(d.value as 'personal' | 'channel')}>
              <option value="personal">{t('chat.where.personal')}</option>
              <option value="channel">{t('chat.where.channel')}</option>
            </Select>
          </Field>
          {where === 'channel' && <Checkbox checked={mention} onChange={(_, d) => setMention(d.checked === true)} label={t('chat.mention')} />}
          <Field label={t('chat.language')}>
            <Select value={locale} onChange={(_, d) => setLocale(d.value as Locale)}>
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </Select>
          </Field>
        </div>
        <div role="log" aria-live="polite" aria-label={t('chat.log')}>
          <ol className={styles.log}>
            {log.map((entry) => (
              <li key={entry.id} className={entry.from === 'me' ? styles.me : styles.bot}>
                <Text weight="semibold">{entry.from === 'me' ? t('chat.you') : t('chat.bot')}</Text>
                {entry.text && <Text>{entry.text}</Text>}
                {entry.cards?.map((card, i) => <AdaptiveCardView key={i} card={card} dark={theme !== 'light'} onSubmit={submitted} />)}
              </li>
            ))}
          </ol>
        </div>
        <form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            const message = text;
            setText('');
            void send(message);
          }}
        >
          <Field label={t('chat.message')} className={styles.grow}>
            <Input value={text} onChange={(_, d) => setText(d.value)} autoFocus />
          </Field>
          <Button type="submit" appearance="primary" disabled={sending || users.length === 0}>
            {t('chat.send')}
          </Button>
        </form>
      </main>
    </FluentProvider>
  );
}
