import { describe, expect, it } from 'vitest';
import { canActOnQueueItem, canChangeStatus, canEditCase, canHandleQueue, canReadCase, canReadDocument, canRegisterIn, type Principal } from './access.ts';

const KS = 'ks-diary';
const BN = 'bn-diary';
const registrar: Principal = { userId: 'reg', roles: [{ diaryId: KS, role: 'registrar' }] };
const officer: Principal = { userId: 'off', roles: [{ diaryId: KS, role: 'officer' }] };
const reader: Principal = { userId: 'read', roles: [{ diaryId: KS, role: 'reader' }] };
const otherRegistrar: Principal = { userId: 'reg2', roles: [{ diaryId: BN, role: 'registrar' }] };
const confidential = { diaryId: KS, officerId: 'off', confidential: true };
const open = { diaryId: KS, officerId: 'off', confidential: false };

describe('access rules', () => {
  it('lets registrars and officers of the diary register, and no one else', () => {
    expect(canRegisterIn(registrar, KS)).toBe(true);
    expect(canRegisterIn(officer, KS)).toBe(true);
    expect(canRegisterIn(reader, KS)).toBe(false);
    expect(canRegisterIn(otherRegistrar, KS)).toBe(false);
  });

  it('lets everyone read a public case', () => {
    for (const p of [registrar, officer, reader, otherRegistrar]) expect(canReadCase(p, open)).toBe(true);
  });

  it("keeps a confidential case to its officer, the diary's registrars and those granted access", () => {
    expect(canReadCase(officer, confidential)).toBe(true);
    expect(canReadCase(registrar, confidential)).toBe(true);
    expect(canReadCase(reader, confidential)).toBe(false);
    expect(canReadCase(otherRegistrar, confidential)).toBe(false);
    expect(canReadCase(reader, { ...confidential, grantedUserIds: ['read'] })).toBe(true);
  });

  it('keeps a confidential document in a public case from readers', () => {
    expect(canReadDocument(reader, open, true)).toBe(false);
    expect(canReadDocument(reader, open, false)).toBe(true);
    expect(canReadDocument(officer, open, true)).toBe(true);
  });

  it("lets the case's officer and registrars edit, not other officers", () => {
    expect(canEditCase(officer, open)).toBe(true);
    expect(canEditCase(registrar, open)).toBe(true);
    expect(canEditCase({ userId: 'x', roles: [{ diaryId: KS, role: 'officer' }] }, open)).toBe(false);
  });

  it('closes and cancels open cases, reopens closed ones, and never revives a cancelled one', () => {
    expect(canChangeStatus('open', 'closed')).toBe(true);
    expect(canChangeStatus('open', 'cancelled')).toBe(true);
    expect(canChangeStatus('closed', 'open')).toBe(true);
    expect(canChangeStatus('cancelled', 'open')).toBe(false);
    expect(canChangeStatus('closed', 'cancelled')).toBe(false);
  });
});

describe('queues', () => {
  const member = { userId: 'u-member', roles: [] };
  const registrar = { userId: 'u-registrar', roles: [{ diaryId: 'd-ks', role: 'registrar' as const }] };
  const officer = { userId: 'u-officer', roles: [{ diaryId: 'd-ks', role: 'officer' as const }] };
  const queue = { memberIds: ['u-member'] };

  it('let members and registrars handle a queue, and nobody else', () => {
    expect([member, registrar, officer].map((p) => canHandleQueue(p, queue))).toEqual([true, true, false]);
  });

  it('change an item only while it waits, and take back only one set aside', () => {
    expect(canActOnQueueItem('waiting', 'assign')).toBe(true);
    expect(canActOnQueueItem('registered', 'forward')).toBe(false);
    expect(canActOnQueueItem('set_aside', 'setAside')).toBe(false);
    expect(canActOnQueueItem('set_aside', 'restore')).toBe(true);
    expect(canActOnQueueItem('waiting', 'restore')).toBe(false);
  });
});
