import { describe, expect, it } from 'vitest';
import { CreateFunctionMailboxSchema, UpdateFunctionMailboxSchema } from './mailbox-admin.ts';

const QUEUE = '60000000-0000-4000-8000-000000000001';
const RULE = '90000000-0000-4000-8000-000000000001';
const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.path.join('.'));

describe('the configuration of a function mailbox', () => {
  it('takes a new mailbox with the defaults filled in and its address in lower case', () => {
    expect(CreateFunctionMailboxSchema.parse({ address: ' Bygglov@Ekby.se ', displayName: 'Bygglov', defaultQueueId: QUEUE })).toEqual({
      address: 'bygglov@ekby.se',
      displayName: 'Bygglov',
      unitId: null,
      defaultDiaryId: null,
      defaultQueueId: QUEUE,
      deadlineWorkingDays: 2,
      handledFolder: null,
      rules: [],
    });
  });

  it('names a rule whose id another rule already has, by its path', () => {
    const rule = { id: RULE, name: 'Nyhetsbrev', conditions: [{ type: 'bulk' }], actions: [{ type: 'flagUnimportant' }] };
    const result = UpdateFunctionMailboxSchema.safeParse({ rules: [rule, { ...rule, name: 'Kopia' }] });
    expect(paths(result)).toEqual(['rules.1.id']);
  });

  it('refuses a change of address and an empty change, each for what it is', () => {
    expect(paths(UpdateFunctionMailboxSchema.safeParse({ address: 'annan@ekby.se' }))).toEqual(['']);
    expect(UpdateFunctionMailboxSchema.safeParse({}).error?.issues[0]?.message).toBe('field.patch.empty');
    expect(UpdateFunctionMailboxSchema.safeParse({ deadlineWorkingDays: 0 }).success).toBe(false);
  });
});
