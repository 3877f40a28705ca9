import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildEnglishFile,
  buildManifest,
  LOCALIZATION_SCHEMA_URL,
  localizedStrings,
  MANIFEST_SCHEMA_URL,
  PERSONAL_TAB_ENTITY,
} from './build-manifest.ts';
import { parseManifestConfig } from './config.ts';
import { en, sv } from './strings.ts';
import { exampleEnv } from './test/example-env.ts';

const config = parseManifestConfig(exampleEnv);
const manifest = buildManifest(config);

// The schemas ship inside @microsoft/app-manifest: a test that reached for the network would fail here.
beforeAll(() => {
  vi.stubGlobal('fetch', () => Promise.reject(new Error('no network in tests')));
});
afterAll(() => {
  vi.unstubAllGlobals();
});

async function schemaErrors(document: object, schemaUrl: string): Promise<string[]> {
  const schema = await AppManifestUtils.fetchSchema(schemaUrl);
  return AppManifestUtils.validateAgainstSchema(document as AppManifest, repairPatterns(schema));
}

/**
 * The localization schema's keys for `activities.activityTypes[n]` close the index with a bare
 * `]`, which the validator's unicode regular expressions refuse to compile ("Lone quantifier
 * brackets"). Escaping that one bracket keeps the meaning Microsoft intended; nothing else changes.
 */
function repairPatterns<T>(schema: T): T {
  const patterns = (schema as { patternProperties?: Record<string, unknown> }).patternProperties;
  if (!patterns) return schema;
  const repaired = Object.fromEntries(Object.entries(patterns).map(([pattern, rule]) => [pattern.replaceAll('\\b]', '\\b\\]'), rule]));
  return { ...schema, patternProperties: repaired };
}

/** The value at a localization key such as `bots[0].commandLists[0].commands[1].title`. */
function valueAt(document: unknown, path: string): unknown {
  return path
    .split(/\.|\[(\d+)\]/u)
    .filter((part) => part !== undefined && part !== '')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
}

describe('the app manifest', () => {
  it('validates offline against the released schema bundled in @microsoft/app-manifest', async () => {
    expect(manifest.$schema).toBe(MANIFEST_SCHEMA_URL);
    expect(await schemaErrors(manifest, MANIFEST_SCHEMA_URL)).toEqual([]);
  });

  it('fails validation when a required part is missing, so the validation is real', async () => {
    const { developer: _developer, ...withoutDeveloper } = manifest;
    expect(await schemaErrors(withoutDeveloper, MANIFEST_SCHEMA_URL)).toEqual([expect.stringContaining('developer')]);
  });

  it('opens the channel tab on its configuration page and the personal tab on Mitt arbete', () => {
    expect(manifest.configurableTabs).toEqual([expect.objectContaining({ configurationUrl: 'https://diarium.ekby.se/tabs/config.html', scopes: ['team'] })]);
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({ entityId: PERSONAL_TAB_ENTITY, name: 'Mitt arbete', contentUrl: 'https://diarium.ekby.se/tabs/mine.html', scopes: ['personal'] }),
    ]);
  });

  it('offers the bot in personal chats, teams and group chats, with its four commands', () => {
    const [bot] = manifest.bots as { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
    expect(bot?.botId).toBe(exampleEnv.BOT_APP_ID);
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot?.commandLists[0]?.commands.map((c) => c.title)).toEqual(['status', 'mina ärenden', 'sök', 'hjälp']);
  });

  it('binds the message extension to the bot, with a search and link unfurling for the Diarium host', () => {
    expect(manifest.composeExtensions).toEqual([
      expect.objectContaining({
        botId: exampleEnv.BOT_APP_ID,
        commands: [expect.objectContaining({ id: 'searchCases', type: 'query' })],
        messageHandlers: [{ type: 'link', value: { domains: ['diarium.ekby.se'] } }],
      }),
    ]);
  });

  it('puts the Outlook task pane in read and compose windows, in shared mailboxes too', () => {
    const [extension] = manifest.extensions as { requirements: unknown; runtimes: { code: { page: string } }[]; ribbons: { contexts: string[] }[] }[];
    expect(extension?.requirements).toEqual({ scopes: ['mail'], capabilities: [{ name: 'Mailbox', minVersion: '1.8' }] });
    expect(extension?.runtimes[0]?.code.page).toBe('https://diarium.ekby.se/addin/taskpane.html');
    expect(extension?.ribbons.flatMap((r) => r.contexts)).toEqual(['mailRead', 'mailCompose']);
    expect(manifest.authorization).toEqual({
      permissions: { resourceSpecific: expect.arrayContaining([{ name: 'Mailbox.SharedFolder', type: 'Delegated' }]) },
    });
  });

  it('signs in with the Entra app registration and trusts only the Diarium host', () => {
    expect(manifest.webApplicationInfo).toEqual({ id: exampleEnv.ENTRA_CLIENT_ID, resource: `api://diarium.ekby.se/${exampleEnv.ENTRA_CLIENT_ID}` });
    expect(manifest.validDomains).toEqual(['diarium.ekby.se']);
  });

  it('is in Swedish, with an English language file', () => {
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'sv-SE', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
  });
});

describe('the English language file', () => {
  it('validates offline against the bundled localization schema', async () => {
    const english = buildEnglishFile();
    expect(english.$schema).toBe(LOCALIZATION_SCHEMA_URL);
    expect(await schemaErrors(english, LOCALIZATION_SCHEMA_URL)).toEqual([]);
  });

  it('would be refused with a key the schema does not allow, so the validation is real', async () => {
    const errors = await schemaErrors({ ...buildEnglishFile(), 'configurableTabs[0].name': 'Case' }, LOCALIZATION_SCHEMA_URL);
    expect(errors).toEqual([expect.stringContaining('additional properties')]);
  });

  it('replaces exactly the strings the Swedish manifest shows', () => {
    for (const [path, swedish] of Object.entries(localizedStrings(sv))) expect(valueAt(manifest, path), path).toBe(swedish);
    // The same manifest built in English agrees with the file, so no key points at the wrong string.
    const english = buildManifest(config, en);
    for (const [path, text] of Object.entries(localizedStrings(en))) expect(valueAt(english, path), path).toBe(text);
  });

  it('names the bot commands as the bot understands them in English', () => {
    const english = buildEnglishFile();
    const titles = [0, 1, 2, 3].map((i) => english[`bots[0].commandLists[0].commands[${i}].title`]);
    expect(titles).toEqual(['status', 'my cases', 'search', 'help']);
  });
});
