import type { ManifestConfig } from './config.ts';
import { en, sv, type Texts } from './strings.ts';

/**
 * The one Microsoft 365 app manifest (unified, with the Outlook add-in under `extensions`): the
 * channel tab, the personal tab "Mitt arbete", the bot, the message extension with link
 * unfurling, and the Outlook task pane for reading and writing mail.
 */

/** The released schema the manifest is written against; its copy ships in @microsoft/app-manifest. */
export const MANIFEST_VERSION = '1.22';
const SCHEMA_BASE = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}`;
export const MANIFEST_SCHEMA_URL = `${SCHEMA_BASE}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `${SCHEMA_BASE}/MicrosoftTeams.Localization.schema.json`;

/** The files of the app package besides the manifest. */
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
export const DEFAULT_LANGUAGE = 'sv-SE';
/** One English file for every English locale (en-US, en-GB, …). */
export const ENGLISH = { languageTag: 'en', file: 'en.json' } as const;

/** The personal tab's entity id; core's PERSONAL_TAB_ENTITY, which the deep links name. */
export const PERSONAL_TAB_ENTITY = 'mitt-arbete';
/** The message extension's search command; the bot reads its one parameter (bot/src/adapter.ts). */
export const SEARCH_COMMAND_ID = 'searchCases';

/** Diarium's colour: the accent behind the icon in Teams, and the colour icon's background. */
export const ACCENT_COLOR = '#1B4F72';

/** The Mailbox requirement set the pane needs: shared folders, internet headers and saved drafts' ids came in 1.8. */
export const MAILBOX_REQUIREMENT = '1.8';
const TASK_PANE_RUNTIME = 'TaskPaneRuntime';
const OPEN_PANE_ACTION = 'OpenDiariumPane';
/** Outlook's ribbon asks for its icons by address, in these sizes. */
export const RIBBON_ICON_SIZES = [16, 32, 80] as const;

type Json = { [key: string]: unknown };

const BOT_COMMANDS = [
  ['bot.status', 'bot.status.description'],
  ['bot.myCases', 'bot.myCases.description'],
  ['bot.search', 'bot.search.description'],
  ['bot.help', 'bot.help.description'],
] as const;

/** One ribbon button a mail window gets: Register when reading, Tie to a case when writing. */
const RIBBONS = [
  { context: 'mailRead', id: 'Read', label: 'addin.read.label', tipTitle: 'addin.read.tip.title', tipDescription: 'addin.read.tip.description' },
  {
    context: 'mailCompose',
    id: 'Compose',
    label: 'addin.compose.label',
    tipTitle: 'addin.compose.tip.title',
    tipDescription: 'addin.compose.tip.description',
  },
] as const;

/** The manifest for one installation, in Swedish (its default language). Pure: same config, same manifest. */
export function buildManifest(config: ManifestConfig, t: Texts = sv): Json {
  const base = config.baseUrl;
  const icons = RIBBON_ICON_SIZES.map((size) => ({ size, url: `${base}/addin/icon-${size}.png` }));
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: config.version,
    id: config.teamsAppId,
    localizationInfo: {
      defaultLanguageTag: DEFAULT_LANGUAGE,
      additionalLanguages: [{ languageTag: ENGLISH.languageTag, file: ENGLISH.file }],
    },
    developer: {
      name: config.publisher,
      websiteUrl: base,
      privacyUrl: config.privacyUrl,
      termsOfUseUrl: config.termsUrl,
    },
    name: { short: t['app.name.short'], full: t['app.name.full'] },
    description: { short: t['app.description.short'], full: t['app.description.full'] },
    icons: { color: COLOR_ICON, outline: OUTLINE_ICON },
    accentColor: ACCENT_COLOR,
    // A channel works on one case (the API binds team and channel to it): a channel tab, not a chat tab.
    configurableTabs: [
      {
        configurationUrl: `${base}/tabs/config.html`,
        canUpdateConfiguration: false,
        scopes: ['team'],
        context: ['channelTab'],
      },
    ],
    staticTabs: [
      {
        entityId: PERSONAL_TAB_ENTITY,
        name: t['tab.mine'],
        contentUrl: `${base}/tabs/mine.html`,
        websiteUrl: `${base}/tabs/mine.html`,
        scopes: ['personal'],
        context: ['personalTab'],
      },
    ],
    bots: [
      {
        botId: config.botAppId,
        scopes: ['personal', 'team', 'groupChat'],
        commandLists: [
          {
            scopes: ['personal', 'team', 'groupChat'],
            commands: BOT_COMMANDS.map(([title, description]) => ({ title: t[title], description: t[description] })),
          },
        ],
      },
    ],
    composeExtensions: [
      {
        botId: config.botAppId,
        composeExtensionType: 'botBased',
        commands: [
          {
            id: SEARCH_COMMAND_ID,
            type: 'query',
            title: t['search.title'],
            description: t['search.description'],
            // With no words yet, the bot lists the user's own open cases.
            initialRun: true,
            context: ['compose', 'commandBox'],
            parameters: [
              {
                name: 'query',
                title: t['search.parameter.title'],
                description: t['search.parameter.description'],
                inputType: 'text',
              },
            ],
          },
        ],
        // A pasted case link (…/tabs/case.html?case=…) becomes the case's card.
        messageHandlers: [{ type: 'link', value: { domains: [config.host] } }],
      },
    ],
    authorization: {
      permissions: {
        resourceSpecific: [
          // The pane writes the x-diarium-case header and saves drafts: read/write item.
          { name: 'MailboxItem.ReadWrite.User', type: 'Delegated' },
          // Function mailboxes are shared mailboxes and shared folders.
          { name: 'Mailbox.SharedFolder', type: 'Delegated' },
        ],
      },
    },
    extensions: [
      {
        requirements: {
          scopes: ['mail'],
          capabilities: [{ name: 'Mailbox', minVersion: MAILBOX_REQUIREMENT }],
        },
        runtimes: [
          {
            id: TASK_PANE_RUNTIME,
            type: 'general',
            code: { page: `${base}/addin/taskpane.html` },
            lifetime: 'short',
            actions: [{ id: OPEN_PANE_ACTION, type: 'openPage', displayName: t['addin.action'], pinnable: true }],
          },
        ],
        ribbons: RIBBONS.map((ribbon) => ({
          contexts: [ribbon.context],
          tabs: [
            {
              builtInTabId: 'TabDefault',
              groups: [
                {
                  id: `diarium${ribbon.id}Group`,
                  label: t['addin.group'],
                  icons,
                  controls: [
                    {
                      id: `diarium${ribbon.id}Button`,
                      type: 'button',
                      label: t[ribbon.label],
                      icons,
                      supertip: { title: t[ribbon.tipTitle], description: t[ribbon.tipDescription] },
                      actionId: OPEN_PANE_ACTION,
                    },
                  ],
                },
              ],
            },
          ],
        })),
      },
    ],
    webApplicationInfo: { id: config.entraClientId, resource: config.appIdUri },
    validDomains: [config.host],
  };
}

/**
 * The strings a language file replaces, by their path in the manifest (the keys the
 * localization schema allows). Built from the same lists as the manifest, so they cannot drift.
 */
export function localizedStrings(t: Texts): Record<string, string> {
  const strings: Record<string, string> = {
    'name.short': t['app.name.short'],
    'name.full': t['app.name.full'],
    'description.short': t['app.description.short'],
    'description.full': t['app.description.full'],
    'staticTabs[0].name': t['tab.mine'],
    'composeExtensions[0].commands[0].title': t['search.title'],
    'composeExtensions[0].commands[0].description': t['search.description'],
    'composeExtensions[0].commands[0].parameters[0].title': t['search.parameter.title'],
    'composeExtensions[0].commands[0].parameters[0].description': t['search.parameter.description'],
    'extensions[0].runtimes[0].actions[0].displayName': t['addin.action'],
  };
  BOT_COMMANDS.forEach(([title, description], i) => {
    strings[`bots[0].commandLists[0].commands[${i}].title`] = t[title];
    strings[`bots[0].commandLists[0].commands[${i}].description`] = t[description];
  });
  RIBBONS.forEach((ribbon, i) => {
    const group = `extensions[0].ribbons[${i}].tabs[0].groups[0]`;
    strings[`${group}.label`] = t['addin.group'];
    strings[`${group}.controls[0].label`] = t[ribbon.label];
    strings[`${group}.controls[0].supertip.title`] = t[ribbon.tipTitle];
    strings[`${group}.controls[0].supertip.description`] = t[ribbon.tipDescription];
  });
  return strings;
}

/** The English language file (`en.json` in the package). */
export function buildEnglishFile(): Json {
  return { $schema: LOCALIZATION_SCHEMA_URL, ...localizedStrings(en) };
}
