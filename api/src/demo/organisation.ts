import type { Role } from '@diarium/core';

// Ekby kommun: the believable, made-up municipality that `npm start`, the tests and the
// benchmark all work in. Ids are fixed so that demo tokens stay valid across restarts.

export const DEMO_TENANT_ID = '5e1f0c3a-7b2d-4c8e-9a61-0d2b3c4e5f60';
export const DEMO_ORGANISATION = 'Ekby kommun';

export const DEMO_DIARIES = [
  { prefix: 'KS', name: 'Kommunstyrelsen' },
  { prefix: 'BN', name: 'Byggnadsnämnden' },
  { prefix: 'SN', name: 'Socialnämnden' },
] as const;

export const DEMO_UNITS = [
  { name: 'Kommunledningskontoret', code: 'KLK' },
  { name: 'Stadsbyggnadskontoret', code: 'SBK' },
  { name: 'Socialförvaltningen', code: 'SOC' },
  { name: 'Servicekontoret', code: 'SEK' },
] as const;

export interface DemoUser {
  objectId: string;
  name: string;
  email: string;
  unit: (typeof DEMO_UNITS)[number]['name'];
  roles: ReadonlyArray<{ diary: (typeof DEMO_DIARIES)[number]['prefix']; role: Role }>;
  /** What this user shows in the demo, for the user switcher. */
  description: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000001',
    name: 'Karin Lindqvist',
    email: 'karin.lindqvist@ekby.se',
    unit: 'Kommunledningskontoret',
    roles: [
      { diary: 'KS', role: 'registrar' },
      { diary: 'BN', role: 'registrar' },
      { diary: 'SN', role: 'registrar' },
    ],
    description: 'Registrator i alla diarier',
  },
  {
    objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000002',
    name: 'Johan Berg',
    email: 'johan.berg@ekby.se',
    unit: 'Kommunledningskontoret',
    roles: [{ diary: 'KS', role: 'officer' }],
    description: 'Handläggare i KS',
  },
  {
    objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000003',
    name: 'Amira Haddad',
    email: 'amira.haddad@ekby.se',
    unit: 'Stadsbyggnadskontoret',
    roles: [{ diary: 'BN', role: 'officer' }],
    description: 'Bygglovshandläggare i BN',
  },
  {
    objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000004',
    name: 'Erik Nyström',
    email: 'erik.nystrom@ekby.se',
    unit: 'Socialförvaltningen',
    roles: [{ diary: 'SN', role: 'officer' }],
    description: 'Socialsekreterare i SN (sekretessärenden)',
  },
  {
    objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000005',
    name: 'Sofia Ek',
    email: 'sofia.ek@ekby.se',
    unit: 'Servicekontoret',
    roles: [
      { diary: 'KS', role: 'reader' },
      { diary: 'BN', role: 'reader' },
      { diary: 'SN', role: 'reader' },
    ],
    description: 'Läsare: ser bara offentliga uppgifter',
  },
  {
    objectId: '0b7e6a52-1c1d-4f4e-8d3a-2a1f00000006',
    name: 'Lars Holm',
    email: 'lars.holm@ekby.se',
    unit: 'Kommunledningskontoret',
    roles: [
      { diary: 'KS', role: 'admin' },
      { diary: 'BN', role: 'admin' },
      { diary: 'SN', role: 'admin' },
    ],
    description: 'Systemförvaltare',
  },
];
