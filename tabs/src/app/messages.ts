/** The tabs' shared words: start-up, problems, statuses, directions. Swedish first, English second. */
export const sv = {
  'app.name': 'Diarium',
  'app.loading': 'Läser in …',
  'app.outsideTeams': 'Den här sidan är en flik i Microsoft Teams. Öppna Diarium i Teams.',
  'app.config.failed': 'Fliken är inte konfigurerad. Kontakta it-supporten. ({reason})',
  'app.failed': 'Fliken kunde inte starta: {reason}',
  'app.retry': 'Försök igen',
  'casePage.noCase': 'Inget ärende angivet. Öppna ärendet från en länk, en kanal eller Mitt arbete.',

  'status.open': 'Öppet',
  'status.closed': 'Avslutat',
  'status.cancelled': 'Makulerat',
  'direction.incoming': 'Inkommande',
  'direction.internal': 'Upprättad',
  'direction.outgoing': 'Utgående',
  'confidential.badge': 'Sekretess',
  'confidential.restricted': 'Du har inte behörighet att se sekretessbelagda uppgifter. Endast den offentliga titeln visas.',

  'problem.signIn': 'Inloggningen misslyckades: {reason}. Ladda om fliken och försök igen.',
  'problem.network': 'Diarium svarar inte. Kontrollera nätverket och försök igen.',
  'problem.fields': 'Rätta de markerade fälten och försök igen. Det du skrev finns kvar.',
  'problem.conflict':
    'Någon annan har ändrat ärendet sedan du öppnade det. Ärendet är nu inläst på nytt; gör om din ändring och spara.',
  'problem.host': 'Teams kunde inte göra det: {reason}',
  'problem.unknown': 'Något gick fel: {reason}',

  'people.searchHint': 'Skriv minst två tecken av namnet eller e-postadressen.',
  'people.searching': 'Söker …',
  'people.noMatch': 'Ingen kollega matchar ”{query}”.',
  'people.searchFailed': 'Sökningen misslyckades. {reason}',
} as const;

export const en: Record<keyof typeof sv, string> = {
  'app.name': 'Diarium',
  'app.loading': 'Loading …',
  'app.outsideTeams': 'This page is a tab in Microsoft Teams. Open Diarium in Teams.',
  'app.config.failed': 'The tab is not configured. Contact IT support. ({reason})',
  'app.failed': 'The tab could not start: {reason}',
  'app.retry': 'Try again',
  'casePage.noCase': 'No case given. Open the case from a link, a channel or My work.',

  'status.open': 'Open',
  'status.closed': 'Closed',
  'status.cancelled': 'Cancelled',
  'direction.incoming': 'Incoming',
  'direction.internal': 'Internal',
  'direction.outgoing': 'Outgoing',
  'confidential.badge': 'Confidential',
  'confidential.restricted': 'You may not see confidential details. Only the public title is shown.',

  'problem.signIn': 'Signing in failed: {reason}. Reload the tab and try again.',
  'problem.network': 'Diarium does not answer. Check the network and try again.',
  'problem.fields': 'Correct the marked fields and try again. What you entered is kept.',
  'problem.conflict': 'Someone else changed the case after you opened it. The case has been reloaded; make your change again and save.',
  'problem.host': 'Teams could not do it: {reason}',
  'problem.unknown': 'Something went wrong: {reason}',

  'people.searchHint': 'Type at least two characters of the name or e-mail address.',
  'people.searching': 'Searching …',
  'people.noMatch': 'No colleague matches “{query}”.',
  'people.searchFailed': 'The search failed. {reason}',
};
