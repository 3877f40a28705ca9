import { useEffect, useState } from 'react';
import { Combobox, Field, Option, Text } from '@fluentui/react-components';
import { PersonSwap20Regular } from '@fluentui/react-icons';
import type { User } from '@diarium/core';
import { useServices } from '../../../app/services.tsx';
import { problemText } from '../../../app/problem.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { useCaseChange, type CaseChangeContext } from './case-change.ts';

const MIN_QUERY = 2;
const DEBOUNCE_MS = 250;

type Search = { status: 'idle' } | { status: 'searching' } | { status: 'done'; query: string; users: User[] } | { status: 'failed'; error: unknown };

/** Finds colleagues as the user types; a late answer to an older query is dropped. */
function useUserSearch(query: string): Search {
  const { client } = useServices();
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  useEffect(() => {
    const q = query.trim();
    if (q.length < MIN_QUERY) {
      setSearch({ status: 'idle' });
      return;
    }
    let current = true;
    setSearch({ status: 'searching' });
    const timer = setTimeout(() => {
      client.users(q).then(
        (users) => current && setSearch({ status: 'done', query: q, users }),
        (error: unknown) => current && setSearch({ status: 'failed', error }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, query]);
  return search;
}

/** Hands the case to another officer, found by name or e-mail. */
export function ChangeOfficerDialog({ context }: { context: CaseChangeContext }) {
  const { client, t } = useServices();
  const { c } = context;
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<User | null>(null);
  const search = useUserSearch(chosen && query === chosen.name ? '' : query);
  // The list opens when the answer arrives, not on the keystroke before it.
  const [listOpen, setListOpen] = useState(false);
  useEffect(() => setListOpen(search.status === 'done' && search.users.length > 0), [search]);
  const change = useCaseChange(context, () => {
    setQuery('');
    setChosen(null);
  });

  function submit() {
    const invalid: Record<string, string> = chosen ? {} : { officerId: t('case.officer.pick') };
    void change.submit(
      invalid,
      () => client.updateCase(context.c, { officerId: chosen!.id }),
      () => t('case.officer.done', { name: chosen!.name }),
    );
  }

  const users = search.status === 'done' ? search.users : [];
  const searchText =
    search.status === 'searching'
      ? t('case.officer.searching')
      : search.status === 'failed'
        ? t('case.officer.searchFailed', { reason: problemText(search.error, t) })
        : search.status === 'done' && users.length === 0
          ? t('case.officer.noMatch', { query: search.query })
          : '';

  return (
    <ActionDialog
      change={change}
      buttonLabel={t('case.officer.button')}
      icon={<PersonSwap20Regular />}
      heading={t('case.officer.heading')}
      submitLabel={t('case.officer.save')}
      onSubmit={submit}
    >
      <Text as="p">{c.officer ? t('case.officer.current', { name: c.officer.name }) : t('case.officer.currentNone')}</Text>
      <Field label={t('case.officer.search')} hint={t('case.officer.searchHint')} required validationMessage={change.errors.officerId}>
        <Combobox
          freeform
          open={listOpen}
          onOpenChange={(_, data) => setListOpen(data.open && users.length > 0)}
          value={query}
          selectedOptions={chosen ? [chosen.id] : []}
          onChange={(event) => {
            setQuery(event.target.value);
            setChosen(null);
          }}
          onOptionSelect={(_, data) => {
            const user = users.find((u) => u.id === data.optionValue) ?? null;
            setChosen(user);
            setListOpen(false);
            if (user) setQuery(user.name);
          }}
        >
          {users.map((user) => (
            <Option key={user.id} value={user.id} text={user.name}>
              {`${user.name} (${user.email})`}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Text as="p" aria-live="polite">
        {searchText}
      </Text>
    </ActionDialog>
  );
}
