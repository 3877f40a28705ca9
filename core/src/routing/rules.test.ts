import { describe, expect, it } from 'vitest';
import { RoutingRuleSchema, type RoutingRuleInput } from './rules.ts';

const ID = '5d2b8f0e-3c4a-4e6b-9f1d-2a7c8e9b0c11';
const QUEUE_ID = '5d2b8f0e-3c4a-4e6b-9f1d-2a7c8e9b0c22';

function rule(overrides: Partial<Record<keyof RoutingRuleInput, unknown>>): unknown {
  return {
    id: ID,
    name: 'Bygglov',
    conditions: [{ type: 'recipient', address: 'bygglov@ekby.se' }],
    actions: [{ type: 'queue', queueId: QUEUE_ID }],
    ...overrides,
  };
}

function issuesOf(input: unknown) {
  const result = RoutingRuleSchema.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path, message: issue.message }));
}

describe('routing rule schema', () => {
  it('enables a rule and stops processing after it unless told otherwise', () => {
    expect(RoutingRuleSchema.parse(rule({}))).toMatchObject({ enabled: true, stopProcessing: true });
  });

  it('trims and lower-cases addresses and domains, and forgives a leading @ on a domain', () => {
    const parsed = RoutingRuleSchema.parse(
      rule({
        conditions: [
          { type: 'recipient', address: ' Bygglov@EKBY.se ' },
          { type: 'senderAddress', address: 'Karin.Lind@Gmail.com' },
          { type: 'senderDomain', domain: '@Bygg.Ekby.SE' },
          { type: 'senderDomain', domain: 'Malmö.se' },
        ],
      }),
    );
    expect(parsed.conditions).toEqual([
      { type: 'recipient', address: 'bygglov@ekby.se' },
      { type: 'senderAddress', address: 'karin.lind@gmail.com' },
      { type: 'senderDomain', domain: 'bygg.ekby.se' },
      { type: 'senderDomain', domain: 'malmö.se' },
    ]);
  });

  it.each(['ekby', 'ekby.', '.ekby.se', 'ekby..se', 'ek by.se', 'ekby.se/x', 'a@ekby.se', '-ekby.se', 'ekby.s3'])(
    'refuses the domain %j, naming the field',
    (domain) => {
      expect(issuesOf(rule({ conditions: [{ type: 'senderDomain', domain }] }))).toEqual([
        { path: ['conditions', 0, 'domain'], message: 'field.domain.format' },
      ]);
    },
  );

  it('refuses an address that is not an e-mail address', () => {
    expect(issuesOf(rule({ conditions: [{ type: 'recipient', address: 'bygglov' }] }))).toEqual([
      { path: ['conditions', 0, 'address'], message: 'field.email.format' },
    ]);
  });

  it('refuses an empty word list, an empty word, a word of punctuation only and too many words', () => {
    const words = (list: string[]) => rule({ conditions: [{ type: 'subjectWords', words: list, match: 'any' }] });
    expect(issuesOf(words([])).map((issue) => issue.path)).toEqual([['conditions', 0, 'words']]);
    expect(issuesOf(words(['bygglov', '  ']))).toEqual([{ path: ['conditions', 0, 'words', 1], message: 'field.subjectWords.noWord' }]);
    expect(issuesOf(words(['!!!']))).toEqual([{ path: ['conditions', 0, 'words', 0], message: 'field.subjectWords.noWord' }]);
    expect(issuesOf(words(['a'.repeat(61)])).map((issue) => issue.path)).toEqual([['conditions', 0, 'words', 0]]);
    expect(issuesOf(words(Array.from({ length: 21 }, (_, i) => `ord${i}`))).map((issue) => issue.path)).toEqual([
      ['conditions', 0, 'words'],
    ]);
  });

  it('refuses a word match other than any or all', () => {
    const input = rule({ conditions: [{ type: 'subjectWords', words: ['bygglov'], match: 'some' }] });
    expect(issuesOf(input).map((issue) => issue.path)).toEqual([['conditions', 0, 'match']]);
  });

  it('refuses an unknown condition type and an unknown action type, naming the field', () => {
    const input = rule({ conditions: [{ type: 'subjectRegex', pattern: '.*' }], actions: [{ type: 'delete' }] });
    expect(issuesOf(input).map((issue) => issue.path)).toEqual([
      ['conditions', 0, 'type'],
      ['actions', 0, 'type'],
    ]);
  });

  it('refuses unknown fields in a condition', () => {
    const input = rule({ conditions: [{ type: 'bulk', regex: '.*' }] });
    expect(issuesOf(input)).toMatchObject([{ path: ['conditions', 0] }]);
  });

  it('refuses a rule without conditions or actions, and one with too many', () => {
    expect(issuesOf(rule({ conditions: [], actions: [] })).map((issue) => issue.path)).toEqual([['conditions'], ['actions']]);
    const many = rule({
      conditions: Array.from({ length: 11 }, () => ({ type: 'bulk' })),
      actions: [
        { type: 'queue', queueId: QUEUE_ID },
        { type: 'assign', userId: QUEUE_ID },
        { type: 'suggestCase' },
        { type: 'flagUnimportant' },
        { type: 'assign', userId: ID },
        { type: 'suggestCase' },
      ],
    });
    expect(issuesOf(many).map((issue) => issue.path)).toContainEqual(['conditions']);
    expect(issuesOf(many).map((issue) => issue.path)).toContainEqual(['actions']);
  });

  it('refuses two actions of the same kind in one rule', () => {
    const input = rule({
      actions: [
        { type: 'queue', queueId: QUEUE_ID },
        { type: 'queue', queueId: ID },
      ],
    });
    expect(issuesOf(input)).toEqual([{ path: ['actions', 1], message: 'field.actions.duplicate' }]);
  });

  it('refuses a queue or user that is not an id, an empty name and a missing rule id', () => {
    const input = {
      ...(rule({ name: ' ', actions: [{ type: 'queue', queueId: 'bygglov' }, { type: 'assign', userId: 42 }] }) as object),
      id: undefined,
    };
    expect(issuesOf(input).map((issue) => issue.path)).toEqual([
      ['id'],
      ['name'],
      ['actions', 0, 'queueId'],
      ['actions', 1, 'userId'],
    ]);
  });
});
