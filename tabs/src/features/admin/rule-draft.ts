import type { FieldError, FunctionMailbox, RoutingAction, RoutingCondition, RoutingRuleInput, UserRef } from '@diarium/core';

// A function mailbox as the form holds it while the administrator types: text as typed, and each
// condition and action with every field it could have, so switching its type loses nothing.

export type ConditionType = RoutingCondition['type'];
export type ActionType = RoutingAction['type'];
export const CONDITION_TYPES: readonly ConditionType[] = ['recipient', 'senderAddress', 'senderDomain', 'subjectWords', 'referencesCase', 'bulk'];
export const ACTION_TYPES: readonly ActionType[] = ['queue', 'assign', 'suggestCase', 'flagUnimportant'];

export interface ConditionDraft {
  key: string;
  type: ConditionType;
  /** The address, the domain, or the words separated by commas. */
  value: string;
  match: 'any' | 'all';
}

export interface ActionDraft {
  key: string;
  type: ActionType;
  queueId: string;
  user: UserRef | null;
}

export interface RuleDraft {
  id: string;
  name: string;
  enabled: boolean;
  stopProcessing: boolean;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

export interface MailboxDraft {
  address: string;
  displayName: string;
  unitId: string;
  diaryId: string;
  queueId: string;
  deadline: string;
  handledFolder: string;
  /** Read new mail from the mailbox (off: paused). */
  active: boolean;
  rules: RuleDraft[];
}

const newKey = () => crypto.randomUUID();

export const newCondition = (): ConditionDraft => ({ key: newKey(), type: 'subjectWords', value: '', match: 'any' });
export const newAction = (): ActionDraft => ({ key: newKey(), type: 'queue', queueId: '', user: null });
export const newRule = (): RuleDraft => ({ id: crypto.randomUUID(), name: '', enabled: true, stopProcessing: true, conditions: [newCondition()], actions: [newAction()] });

function conditionDraft(condition: RoutingCondition): ConditionDraft {
  const draft = { ...newCondition(), type: condition.type };
  switch (condition.type) {
    case 'recipient':
    case 'senderAddress':
      return { ...draft, value: condition.address };
    case 'senderDomain':
      return { ...draft, value: condition.domain };
    case 'subjectWords':
      return { ...draft, value: condition.words.join(', '), match: condition.match };
    default:
      return draft;
  }
}

function actionDraft(action: RoutingAction, people: readonly UserRef[]): ActionDraft {
  const draft = { ...newAction(), type: action.type };
  if (action.type === 'queue') return { ...draft, queueId: action.queueId };
  if (action.type === 'assign') return { ...draft, user: people.find((p) => p.id === action.userId) ?? { id: action.userId, name: action.userId, email: '' } };
  return draft;
}

export function mailboxDraft(mailbox: FunctionMailbox | null): MailboxDraft {
  if (!mailbox) return { address: '', displayName: '', unitId: '', diaryId: '', queueId: '', deadline: '2', handledFolder: '', active: true, rules: [] };
  return {
    address: mailbox.address,
    displayName: mailbox.displayName,
    unitId: mailbox.unit?.id ?? '',
    diaryId: mailbox.defaultDiary?.id ?? '',
    queueId: mailbox.defaultQueue.id,
    deadline: String(mailbox.deadlineWorkingDays),
    handledFolder: mailbox.handledFolder ?? '',
    active: mailbox.active,
    rules: mailbox.rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      enabled: rule.enabled,
      stopProcessing: rule.stopProcessing,
      conditions: rule.conditions.map(conditionDraft),
      actions: rule.actions.map((action) => actionDraft(action, mailbox.assignees)),
    })),
  };
}

function conditionInput(c: ConditionDraft): RoutingCondition {
  switch (c.type) {
    case 'recipient':
    case 'senderAddress':
      return { type: c.type, address: c.value.trim() };
    case 'senderDomain':
      return { type: c.type, domain: c.value.trim() };
    case 'subjectWords':
      return { type: c.type, words: c.value.split(',').map((w) => w.trim()).filter(Boolean), match: c.match };
    default:
      return { type: c.type };
  }
}

function actionInput(a: ActionDraft): RoutingAction {
  switch (a.type) {
    case 'queue':
      return { type: a.type, queueId: a.queueId };
    case 'assign':
      return { type: a.type, userId: a.user?.id ?? '' };
    default:
      return { type: a.type };
  }
}

export function rulesInput(rules: RuleDraft[]): RoutingRuleInput[] {
  return rules.map((r) => ({
    id: r.id,
    name: r.name.trim(),
    enabled: r.enabled,
    stopProcessing: r.stopProcessing,
    conditions: r.conditions.map(conditionInput),
    actions: r.actions.map(actionInput),
  }));
}

/** The fields left empty that must not be, by the paths the API names them with. */
export function missingFields(draft: MailboxDraft, creating: boolean, required: string): FieldError[] {
  const missing: string[] = [];
  if (creating && !draft.address.trim()) missing.push('address');
  if (!draft.displayName.trim()) missing.push('displayName');
  if (!draft.queueId) missing.push('defaultQueueId');
  if (!draft.deadline.trim()) missing.push('deadlineWorkingDays');
  draft.rules.forEach((rule, r) => {
    if (!rule.name.trim()) missing.push(`rules.${r}.name`);
    rule.conditions.forEach((c, i) => {
      const field = { recipient: 'address', senderAddress: 'address', senderDomain: 'domain', subjectWords: 'words' }[c.type as string];
      if (field && !c.value.trim()) missing.push(`rules.${r}.conditions.${i}.${field}`);
    });
    rule.actions.forEach((a, i) => {
      if (a.type === 'queue' && !a.queueId) missing.push(`rules.${r}.actions.${i}.queueId`);
      if (a.type === 'assign' && !a.user) missing.push(`rules.${r}.actions.${i}.userId`);
    });
  });
  return missing.map((field) => ({ field, message: required }));
}

/** A field's first error: one named by its path, or by a path within it (`words.2` for `words`). */
export function errorAt(errors: readonly FieldError[], path: string): string | undefined {
  return errors.find((e) => e.field === path || e.field.startsWith(`${path}.`))?.message;
}

// The paths the form shows at a field; any other error is listed above the form.
const SHOWN =
  /^(address|displayName|unitId|defaultDiaryId|defaultQueueId|deadlineWorkingDays|handledFolder|active)$|^rules\.\d+\.(name|conditions\.\d+(\.(type|address|domain|words(\.\d+)?))?|actions\.\d+(\.(type|queueId|userId))?)$/u;

export function errorsNotShown(errors: readonly FieldError[]): FieldError[] {
  return errors.filter((e) => !SHOWN.test(e.field) && e.field !== 'If-Match');
}

/** Moves the item at `from` to `to`, leaving the others in their order. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}
