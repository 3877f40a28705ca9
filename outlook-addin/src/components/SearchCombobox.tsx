import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Field, Input, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { useT } from '../app/services.tsx';
import { problemText } from './problem.ts';

const useStyles = makeStyles({
  wrapper: { position: 'relative' },
  listbox: {
    position: 'absolute',
    zIndex: 10,
    left: 0,
    right: 0,
    margin: `${tokens.spacingVerticalXXS} 0 0`,
    padding: tokens.spacingVerticalXS,
    listStyle: 'none',
    maxHeight: '18rem',
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
  },
  option: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: `-${tokens.strokeWidthThick}`,
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Highlight', color: 'HighlightText' },
  },
  status: { minHeight: '1.25em', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface SearchComboboxProps<T> {
  label: string;
  hint?: string;
  placeholder?: string;
  /** Looks the query up; a late answer to an older query is dropped. */
  search: (query: string) => Promise<T[]>;
  optionKey: (item: T) => string;
  /** What an option shows; its text is the option's accessible name. */
  renderOption: (item: T) => ReactNode;
  /** What is announced once an option is chosen. */
  pickedText: (item: T) => string;
  onPick: (item: T) => void;
  validationMessage?: string;
  minLength?: number;
  debounceMs?: number;
}

type SearchState<T> =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; query: string; items: T[] }
  | { status: 'failed'; error: unknown };

/**
 * A search box with a list of matches, after the ARIA combobox pattern: type, browse with the
 * arrow keys, Enter to choose, Escape to close. Enter never submits the surrounding form.
 */
export function SearchCombobox<T>(props: SearchComboboxProps<T>) {
  const { search, minLength = 2, debounceMs = 250 } = props;
  const t = useT();
  const styles = useStyles();
  const listboxId = useId();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState<T>>({ status: 'idle' });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [picked, setPicked] = useState<string | null>(null);
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    const q = query.trim();
    if (q.length < minLength) {
      setState({ status: 'idle' });
      setOpen(false);
      return;
    }
    let current = true;
    setState({ status: 'searching' });
    const timer = setTimeout(() => {
      searchRef.current(q).then(
        (items) => {
          if (!current) return;
          setState({ status: 'done', query: q, items });
          setActive(-1);
          setOpen(items.length > 0);
        },
        (error: unknown) => current && setState({ status: 'failed', error }),
      );
    }, debounceMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, minLength, debounceMs]);

  const items = state.status === 'done' ? state.items : [];
  const expanded = open && items.length > 0;

  function pick(item: T) {
    props.onPick(item);
    setPicked(props.pickedText(item));
    setQuery('');
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (items.length === 0) return;
        setOpen(true);
        setActive((i) => (expanded ? (i + 1) % items.length : 0));
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (items.length === 0) return;
        setOpen(true);
        setActive((i) => (expanded && i > 0 ? i - 1 : items.length - 1));
        return;
      case 'Enter': {
        // A search box that submitted the registration would be a trap.
        event.preventDefault();
        const item = expanded ? items[active] : undefined;
        if (item !== undefined) pick(item);
        return;
      }
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          setQuery('');
        }
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  }

  const statusText =
    state.status === 'searching'
      ? t('search.searching')
      : state.status === 'failed'
        ? t('search.failed', { detail: problemText(state.error, t) })
        : state.status === 'done'
          ? items.length === 0
            ? t('search.empty', { query: state.query })
            : items.length === 1
              ? t('search.oneResult')
              : t('search.results', { count: items.length })
          : (picked ?? '');

  return (
    <div className={styles.wrapper}>
      <Field label={props.label} hint={props.hint} validationMessage={props.validationMessage}>
        <Input
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? `${listboxId}-${active}` : undefined}
          contentBefore={<Search20Regular aria-hidden />}
          placeholder={props.placeholder}
          value={query}
          onChange={(_, data) => {
            setQuery(data.value);
            setPicked(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => items.length > 0 && setOpen(true)}
        />
      </Field>
      <ul id={listboxId} role="listbox" aria-label={props.label} className={styles.listbox} hidden={!expanded}>
        {expanded &&
          items.map((item, index) => (
            <li
              key={props.optionKey(item)}
              id={`${listboxId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={mergeClasses(styles.option, index === active && styles.active)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(item)}
              onMouseMove={() => setActive(index)}
            >
              {props.renderOption(item)}
            </li>
          ))}
      </ul>
      <div role="status" aria-live="polite" className={styles.status}>
        {statusText}
      </div>
    </div>
  );
}
