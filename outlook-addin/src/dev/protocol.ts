import type { ComposeState, FakeItem, FakeTheme } from './fake-office.ts';

/** What the simulated Outlook page and the pane in its frame tell each other (same origin only). */
export type DevMessage =
  | { type: 'diarium-dev:ready' }
  | { type: 'diarium-dev:item'; item: FakeItem | null }
  | { type: 'diarium-dev:compose'; patch: Partial<ComposeState> }
  | { type: 'diarium-dev:theme'; theme: FakeTheme }
  | { type: 'diarium-dev:headers'; headers: Record<string, string> }
  | { type: 'diarium-dev:draft-saved'; id: string };

export function isDevMessage(data: unknown): data is DevMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string' && (data as { type: string }).type.startsWith('diarium-dev:');
}
