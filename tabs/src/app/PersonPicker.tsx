import { useEffect, useState } from 'react';
import { Combobox, Field, Option, Text } from '@fluentui/react-components';
import type { User } from '@diarium/core';
import { problemText } from './problem.ts';
import { useServices } from './services.tsx';

const MIN_QUERY = 2;
const DEBOUNCE_MS = 250;

type Search = { status: 'idle' } | { status: 'searching' } | { status: 'done'; query: string; users: User[] } | { status: 'failed'; error: unknown };

export interface PersonPickerProps {
  /** The field's label: who is being chosen ("Ny handläggare", "Kollega"). */
  label: string;
  chosen: User | null;
  onChoose: (user: User | null) => void;
  /** Shown at the field when nobody is chosen and the form is sent. */
  validationMessage?: string | undefined;
}

/** A colleague found by name or e-mail as the user types (GET /users?q=); a late answer to an older query is dropped. */
export function PersonPicker({ label, chosen, onChoose, validationMessage }: PersonPickerProps) {
  const { client, t } = useServices();
  const [query, setQuery] = useState(chosen?.name ?? '');
  const [search, setSearch] = useState<Search>({ status: 'idle' });
  const [listOpen, setListOpen] = useState(false);
  const wanted = chosen && query === chosen.name ? '' : query.trim();

  useEffect(() => {
    if (wanted.length < MIN_QUERY) {
      setSearch({ status: 'idle' });
      return;
    }
    let current = true;
    setSearch({ status: 'searching' });
    const timer = setTimeout(() => {
      client.users(wanted).then(
        (users) => current && setSearch({ status: 'done', query: wanted, users }),
        (error: unknown) => current && setSearch({ status: 'failed', error }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, wanted]);
  // The list opens when the answer arrives, not on the keystroke before it.
  useEffect(() => setListOpen(search.status === 'done' && search.users.length > 0), [search]);

  const users = search.status === 'done' ? search.users : [];
  const status =
    search.status === 'searching'
      ? t('people.searching')
      : search.status === 'failed'
        ? t('people.searchFailed', { reason: problemText(search.error, t) })
        : search.status === 'done' && users.length === 0
          ? t('people.noMatch', { query: search.query })
          : '';

  return (
    <>
      <Field label={label} hint={t('people.searchHint')} required validationMessage={validationMessage}>
        <Combobox
          freeform
          open={listOpen}
          onOpenChange={(_, data) => setListOpen(data.open && users.length > 0)}
          value={query}
          selectedOptions={chosen ? [chosen.id] : []}
          onChange={(event) => {
            setQuery(event.target.value);
            onChoose(null);
          }}
          onOptionSelect={(_, data) => {
            const user = users.find((u) => u.id === data.optionValue) ?? null;
            onChoose(user);
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
        {status}
      </Text>
    </>
  );
}
