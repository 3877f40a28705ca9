import { useEffect, useRef, useState } from 'react';
import { Combobox, Field, Option, Text } from '@fluentui/react-components';

const MIN_QUERY = 2;
const DEBOUNCE_MS = 250;

type Search<T> = { status: 'idle' } | { status: 'searching' } | { status: 'done'; query: string; found: T[] } | { status: 'failed'; error: unknown };

export interface SearchPickerProps<T extends { id: string }> {
  label: string;
  hint: string;
  chosen: T | null;
  onChoose: (chosen: T | null) => void;
  /** Shown at the field when nothing is chosen and the form is sent. */
  validationMessage?: string | undefined;
  /** Whether the form needs a choice here (the default); emptying an optional field chooses none. */
  required?: boolean;
  /** Asks the API for what matches the words typed (at least two characters). */
  find: (query: string) => Promise<T[]>;
  /** What the field shows once one is chosen, and the option's text for the list's own typing. */
  textOf: (found: T) => string;
  /** How an option reads in the list. */
  labelOf: (found: T) => string;
  /** What the live region says while searching, on a failure (with its reason) and when nothing matched. */
  says: { searching: string; failed: (error: unknown) => string; noMatch: (query: string) => string };
}

/**
 * A field that finds what the user means as they type: the search waits for a pause, a late
 * answer to an older query is dropped, the list opens when the answer arrives, and the live
 * region says what is going on. The person and case pickers are this, with their own search.
 */
export function SearchPicker<T extends { id: string }>({ label, hint, chosen, onChoose, validationMessage, required = true, find, textOf, labelOf, says }: SearchPickerProps<T>) {
  const [query, setQuery] = useState(chosen ? textOf(chosen) : '');
  const [search, setSearch] = useState<Search<T>>({ status: 'idle' });
  const [listOpen, setListOpen] = useState(false);
  const wanted = chosen && query === textOf(chosen) ? '' : query.trim();
  // The caller's search as it is now: a new function each render does not search again.
  const findNow = useRef(find);
  findNow.current = find;

  useEffect(() => {
    if (wanted.length < MIN_QUERY) {
      setSearch({ status: 'idle' });
      return;
    }
    let current = true;
    setSearch({ status: 'searching' });
    const timer = setTimeout(() => {
      findNow.current(wanted).then(
        (found) => current && setSearch({ status: 'done', query: wanted, found }),
        (error: unknown) => current && setSearch({ status: 'failed', error }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [wanted]);
  // The list opens when the answer arrives, not on the keystroke before it.
  useEffect(() => setListOpen(search.status === 'done' && search.found.length > 0), [search]);

  const found = search.status === 'done' ? search.found : [];
  const status =
    search.status === 'searching'
      ? says.searching
      : search.status === 'failed'
        ? says.failed(search.error)
        : search.status === 'done' && found.length === 0
          ? says.noMatch(search.query)
          : '';

  return (
    <>
      <Field label={label} hint={hint} required={required} validationMessage={validationMessage}>
        <Combobox
          freeform
          open={listOpen}
          onOpenChange={(_, data) => setListOpen(data.open && found.length > 0)}
          value={query}
          selectedOptions={chosen ? [chosen.id] : []}
          onChange={(event) => {
            setQuery(event.target.value);
            onChoose(null);
          }}
          onOptionSelect={(_, data) => {
            const picked = found.find((f) => f.id === data.optionValue) ?? null;
            onChoose(picked);
            setListOpen(false);
            if (picked) setQuery(textOf(picked));
          }}
        >
          {found.map((f) => (
            <Option key={f.id} value={f.id} text={textOf(f)}>
              {labelOf(f)}
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
