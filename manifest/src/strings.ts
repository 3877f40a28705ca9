/**
 * Every text the app package shows: in Teams' app store and app bar, the bot's command menu, the
 * message extension and Outlook's ribbon. Swedish is the manifest's own language; English is its
 * additional language file. The bot understands its commands in both languages (bot/src/intents.ts).
 */
export const sv = {
  'app.name.short': 'Diarium',
  'app.name.full': 'Diarium – kommunens diarium i Outlook och Teams',
  'app.description.short': 'Registrera e-post i ärenden och följ diariet i Outlook och Teams.',
  'app.description.full':
    'Diarium är kommunens ärenderegister. Registrera inkommande e-post och dess bilagor i ett ärende direkt i Outlook, även i funktionsbrevlådor, och koppla ett mejl du skriver till ett ärende så registreras den skickade kopian som utgående. Arbeta med ett projektärende i kanalens flik, se dina ärenden under Mitt arbete, fråga boten om ett ärendes status och dela ärenden i samtal.',
  'tab.mine': 'Mitt arbete',
  'bot.status': 'status',
  'bot.status.description': 'Läget i ett ärende, t.ex. status KS 2026/42',
  'bot.myCases': 'mina ärenden',
  'bot.myCases.description': 'Dina öppna ärenden',
  'bot.search': 'sök',
  'bot.search.description': 'Sök i diariet, t.ex. sök bygglov Storgatan',
  'bot.help': 'hjälp',
  'bot.help.description': 'Det här kan du fråga om',
  'search.title': 'Sök ärenden',
  'search.description': 'Hitta ett ärende och dela det i samtalet',
  'search.parameter.title': 'Diarienummer eller sökord',
  'search.parameter.description': 'T.ex. KS 2026/42 eller bygglov Storgatan',
  'addin.action': 'Öppna Diarium',
  'addin.group': 'Diarium',
  'addin.read.label': 'Registrera',
  'addin.read.tip.title': 'Registrera i Diarium',
  'addin.read.tip.description': 'Registrera meddelandet och de bilagor du väljer i ett ärende, eller se var det redan är registrerat.',
  'addin.compose.label': 'Koppla till ärende',
  'addin.compose.tip.title': 'Koppla till ett ärende',
  'addin.compose.tip.description': 'Koppla meddelandet till ett ärende, så registreras den skickade kopian som utgående.',
} as const;

export type Texts = Record<keyof typeof sv, string>;

export const en: Texts = {
  'app.name.short': 'Diarium',
  'app.name.full': "Diarium – the municipality's case register in Outlook and Teams",
  'app.description.short': 'Register mail into cases and follow the case register in Outlook and Teams.',
  'app.description.full':
    "Diarium is the municipality's case register. Register incoming mail and its attachments into a case straight from Outlook, in function mailboxes too, and tie a mail you write to a case so that its sent copy is registered as outgoing. Work on a project case in the channel's tab, see your cases under My work, ask the bot for a case's status and share cases in conversations.",
  'tab.mine': 'My work',
  'bot.status': 'status',
  'bot.status.description': 'The state of a case, e.g. status KS 2026/42',
  'bot.myCases': 'my cases',
  'bot.myCases.description': 'Your open cases',
  'bot.search': 'search',
  'bot.search.description': 'Search the register, e.g. search building permit',
  'bot.help': 'help',
  'bot.help.description': 'What you can ask',
  'search.title': 'Search cases',
  'search.description': 'Find a case and share it in the conversation',
  'search.parameter.title': 'Case number or words',
  'search.parameter.description': 'E.g. KS 2026/42 or building permit',
  'addin.action': 'Open Diarium',
  'addin.group': 'Diarium',
  'addin.read.label': 'Register',
  'addin.read.tip.title': 'Register in Diarium',
  'addin.read.tip.description': 'Register the message and the attachments you choose into a case, or see where it is registered already.',
  'addin.compose.label': 'Tie to a case',
  'addin.compose.tip.title': 'Tie to a case',
  'addin.compose.tip.description': 'Tie the message to a case, and its sent copy is registered as outgoing.',
};
