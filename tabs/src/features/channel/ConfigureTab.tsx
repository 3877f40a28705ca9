import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { CaseSummary, Diary } from '@diarium/core';
import { describeProblem, fieldMessages, type ProblemView } from '../../app/problem.ts';
import { useServices } from '../../app/services.tsx';
import { useAsync } from '../../app/use-async.ts';
import type { TabConfigurator } from '../../host/tab-host.ts';
import { useChannelBinding } from './binding.ts';
import { tabInstanceFor } from './tab-instance.ts';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '44rem' },
  results: { maxHeight: '16rem', overflowY: 'auto' },
});

type Mode = 'existing' | 'new';

/** The search as the user types: a short pause, then the API's search (numbers and Swedish words). */
function useCaseSearch(query: string) {
  const { client } = useServices();
  const [state, setState] = useState<{ status: 'idle' | 'searching' | 'done' | 'failed'; items: CaseSummary[]; error?: unknown }>({ status: 'idle', items: [] });
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setState({ status: 'idle', items: [] });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, status: 'searching' }));
    const timer = setTimeout(() => {
      client.searchCases({ q, limit: 10 }).then(
        (result) => current && setState({ status: 'done', items: result.items.filter((c) => c.access === 'full') }),
        (error: unknown) => current && setState({ status: 'failed', items: [], error }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query]);
  return state;
}

/**
 * The channel tab's configuration page: pick the case the channel works on, or register a new
 * project case. Save (Teams' button, or ours in a plain browser) binds the channel to it.
 */
export function ConfigureTab({ configurator }: { configurator: TabConfigurator }) {
  const styles = useStyles();
  const { client, host, t } = useServices();
  const { team, channel } = host.context();
  const [mode, setMode] = useState<Mode>('existing');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<CaseSummary | null>(null);
  const [diary, setDiary] = useState('');
  const [title, setTitle] = useState(channel?.name ?? '');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ProblemView | null>(null);
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const search = useCaseSearch(query);
  const [diaries] = useAsync(() => client.diaries(), [client]);
  const [binding] = useChannelBinding();
  const registrable: Diary[] = diaries.status === 'done' ? diaries.value.filter((d) => d.myRoles.some((r) => r !== 'reader')) : [];
  const chosenDiary = diary || registrable[0]?.prefix || '';
  const valid = mode === 'existing' ? chosen !== null : chosenDiary !== '' && title.trim() !== '';

  // Save reads the form as it is when pressed.
  const form = useRef({ mode, chosen, diary: chosenDiary, title });
  form.current = { mode, chosen, diary: chosenDiary, title };

  async function save() {
    if (!team || !channel) throw new Error(t('channel.config.noChannel'));
    setSaving(true);
    setProblem(null);
    try {
      const f = form.current;
      const target = f.mode === 'new' ? await client.registerCase({ diary: f.diary, title: f.title.trim() }, idempotencyKey) : f.chosen!;
      await client.bindChannelTab(team.id, channel.id, target.id);
      const search = host.kind === 'browser' ? window.location.search : '';
      return tabInstanceFor(target, window.location.origin, search);
    } catch (error) {
      setProblem(describeProblem(error, t));
      throw error;
    } finally {
      setSaving(false);
    }
  }
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => configurator.onSave(() => saveRef.current()), [configurator]);
  useEffect(() => configurator.setValid(valid && !saving), [configurator, valid, saving]);

  if (!team || !channel) {
    return (
      <main className={styles.page}>
        <h1>{t('channel.config.heading')}</h1>
        <MessageBar intent="warning">
          <MessageBarBody>{t('channel.config.noChannel')}</MessageBarBody>
        </MessageBar>
      </main>
    );
  }

  const errors = fieldMessages(problem?.fieldErrors ?? []);
  return (
    <main className={styles.page}>
      <h1>{t('channel.config.heading')}</h1>
      <Text>{t('channel.config.intro', { channel: channel.name ?? channel.id })}</Text>
      {binding.status === 'done' && binding.value && <Text>{t('channel.config.current', { caseNumber: binding.value.caseNumber })}</Text>}
      <Field label={t('channel.config.mode')}>
        <RadioGroup value={mode} onChange={(_, data) => setMode(data.value as Mode)} layout="horizontal">
          <Radio value="existing" label={t('channel.config.existing')} />
          <Radio value="new" label={t('channel.config.new')} />
        </RadioGroup>
      </Field>
      {mode === 'existing' ? (
        <>
          <Field label={t('channel.config.search')} hint={t('channel.config.searchHint')}>
            <Input type="search" value={query} onChange={(_, data) => setQuery(data.value)} autoFocus />
          </Field>
          <div role="status">
            {search.status === 'searching' && <Spinner size="tiny" label={t('channel.config.searching')} />}
            {search.status === 'done' && (search.items.length > 0 ? t('channel.config.results', { count: search.items.length }) : t('channel.config.noResults'))}
          </div>
          {search.status === 'failed' && (
            <MessageBar intent="error">
              <MessageBarBody>{describeProblem(search.error, t).message}</MessageBarBody>
            </MessageBar>
          )}
          {search.items.length > 0 && (
            <div className={styles.results}>
              <RadioGroup
                aria-label={t('channel.config.search')}
                value={chosen?.id ?? ''}
                onChange={(_, data) => setChosen(search.items.find((c) => c.id === data.value) ?? null)}
              >
                {search.items.map((c) => (
                  <Radio key={c.id} value={c.id} label={`${c.caseNumber} ${c.title}`} />
                ))}
              </RadioGroup>
            </div>
          )}
          {chosen && <Text weight="semibold">{t('channel.config.chosen', { caseNumber: chosen.caseNumber, title: chosen.title })}</Text>}
        </>
      ) : diaries.status === 'loading' ? (
        <Spinner size="tiny" label={t('app.loading')} />
      ) : registrable.length === 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('channel.config.noDiary')}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Field label={t('channel.config.diary')} validationMessage={errors.diary}>
            <Select value={chosenDiary} onChange={(_, data) => setDiary(data.value)}>
              {registrable.map((d) => (
                <option key={d.prefix} value={d.prefix}>{`${d.prefix} – ${d.name}`}</option>
              ))}
            </Select>
          </Field>
          <Field label={t('channel.config.title')} required validationMessage={errors.title}>
            <Input value={title} onChange={(_, data) => setTitle(data.value)} />
          </Field>
        </>
      )}
      {problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('channel.config.failed')}</MessageBarTitle>
            {problem.message}
            {problem.detail && problem.detail !== problem.message ? ` ${problem.detail}` : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      {configurator.saveButton === 'page' && (
        <div>
          <Button
            appearance="primary"
            disabled={!valid || saving}
            onClick={() => {
              save().then(
                (instance) => window.location.assign(instance.contentUrl),
                () => undefined,
              );
            }}
          >
            {saving ? t('channel.config.saving') : t('channel.config.save')}
          </Button>
        </div>
      )}
    </main>
  );
}
