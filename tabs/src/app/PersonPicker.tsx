import type { User } from '@diarium/core';
import { problemText } from './problem.ts';
import { SearchPicker } from './SearchPicker.tsx';
import { useServices } from './services.tsx';

export interface PersonPickerProps {
  /** The field's label: who is being chosen ("Ny handläggare", "Kollega"). */
  label: string;
  chosen: User | null;
  onChoose: (user: User | null) => void;
  /** Shown at the field when nobody is chosen and the form is sent. */
  validationMessage?: string | undefined;
  /** Optional fields say what nobody chosen means, before the search hint. */
  optional?: { noneMeans: string };
}

/** A colleague found by name or e-mail as the user types (GET /users?q=). */
export function PersonPicker({ label, chosen, onChoose, validationMessage, optional }: PersonPickerProps) {
  const { client, t } = useServices();
  return (
    <SearchPicker
      label={label}
      hint={optional ? `${t('people.searchHint')} ${optional.noneMeans}` : t('people.searchHint')}
      required={!optional}
      chosen={chosen}
      onChoose={onChoose}
      validationMessage={validationMessage}
      find={(query) => client.users(query)}
      textOf={(user) => user.name}
      labelOf={(user) => `${user.name} (${user.email})`}
      says={{
        searching: t('people.searching'),
        failed: (error) => t('people.searchFailed', { reason: problemText(error, t) }),
        noMatch: (query) => t('people.noMatch', { query }),
      }}
    />
  );
}
