/**
 * Every string a user may read, Swedish first and English second. Components, cards and
 * problem documents look text up here by key; nothing user-visible is written inline.
 */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const sv = {
  'problem.validation_failed': 'Uppgifterna behöver rättas',
  'problem.validation_failed.detail': 'Rätta de markerade fälten och försök igen.',
  'problem.unauthenticated': 'Inloggning krävs',
  'problem.unauthenticated.detail': 'Logga in igen och försök på nytt.',
  'problem.forbidden': 'Behörighet saknas',
  'problem.forbidden.detail': 'Du har inte behörighet till detta. Kontakta registraturen om du behöver den.',
  'problem.not_found': 'Hittades inte',
  'problem.not_found.detail': 'Det du söker finns inte, eller så är adressen fel.',
  'problem.conflict': 'Krock med befintliga uppgifter',
  'problem.conflict.detail': 'Åtgärden krockar med något som redan är registrerat.',
  'problem.precondition_failed': 'Någon annan har ändrat uppgifterna',
  'problem.precondition_failed.detail':
    'Ärendet har ändrats sedan du öppnade det. Läs in det igen, gör om din ändring och spara.',
  'problem.precondition_required': 'Versionsuppgift saknas',
  'problem.precondition_required.detail': 'Skicka med If-Match med den version (ETag) du utgår från.',
  'problem.payload_too_large': 'Filen är för stor',
  'problem.payload_too_large.detail': 'Största tillåtna storlek är {limit}. Dela upp eller komprimera filen och försök igen.',
  'problem.payload_too_large.unknown_limit': 'Filen är för stor för att skickas. Dela upp eller komprimera den och försök igen.',
  'problem.unsupported_media_type': 'Fel format på förfrågan',
  'problem.unsupported_media_type.detail': 'Skicka JSON, eller multipart/form-data när filer ingår.',
  'problem.idempotency_key_reused': 'Idempotensnyckeln används redan',
  'problem.idempotency_key_reused.detail':
    'Samma Idempotency-Key har använts för en annan förfrågan. Använd en ny nyckel för en ny registrering.',
  'problem.integrity_failed': 'Filen är skadad',
  'problem.integrity_failed.detail': 'Filens kontrollsumma stämmer inte. Kontakta registraturen.',
  'problem.unavailable': 'Tjänsten är inte tillgänglig just nu',
  'problem.unavailable.detail': 'Försök igen om en stund.',
  'problem.internal': 'Något gick fel',
  'problem.internal.detail': 'Ett oväntat fel inträffade. Ange referensen {requestId} om du kontaktar supporten.',
  'problem.mail_not_found': 'Mejlet hittades inte',
  'problem.mail_not_found.detail': 'Mejlet hittades inte. Det kan ha flyttats eller tagits bort. Öppna det på nytt och försök igen.',
  'problem.already_registered_elsewhere': 'Mejlet är redan diariefört i ett annat ärende',
  'problem.already_registered_elsewhere.detail':
    'Mejlet är redan diariefört i ett annat ärende. Välj att diarieföra det även här om det hör till båda ärendena.',
  'problem.attachment_not_found': 'Bilagan finns inte i mejlet',
  'problem.attachment_not_found.detail': 'En vald bilaga finns inte i mejlet. Öppna mejlet på nytt och välj bilagorna igen.',
  'problem.upstream_failed': 'Microsoft 365 svarade inte som väntat',
  'problem.upstream_failed.detail': 'Det gick inte att hämta mejlet från Microsoft 365. Försök igen om en stund.',
  'problem.drive_item_not_found': 'Filen hittades inte',
  'problem.drive_item_not_found.detail': 'Filen finns inte längre i kanalens filer. Den kan ha flyttats eller tagits bort. Läs in listan igen.',
  'problem.not_a_mail': 'Handlingen är inget mejl',
  'problem.not_a_mail.detail': 'Handlingen innehåller inget diariefört mejl att visa. Öppna dess filer i stället.',
  'files.denied': 'Du har inte behörighet till kanalens filer.',
  'files.channel.notFound': 'Kanalen eller dess filmapp hittades inte i Teams.',
  'files.tooLarge': 'Filen {name} är för stor för att diarieföras. Största tillåtna storlek är {limit}.',
  'files.graph.off': 'Diarieföring från Teams är inte påslagen på den här servern. Kontakta IT-avdelningen.',
  'channelTab.notBound': 'Fliken i den här kanalen är inte kopplad till något ärende.',
  'field.channel.format': 'Teams team- eller kanal-id känns inte igen.',
  'field.itemId.folder': 'Det här är en mapp. Välj filerna i den i stället.',
  'field.eTag.changed': 'Filen har ändrats sedan listan lästes in. Läs in listan igen och välj versionen på nytt.',

  'field.json': 'Förfrågan är inte giltig JSON.',
  'field.unknown': 'Okänt fält. Ta bort det.',
  'field.diary.unknown': 'Diariet {diary} finns inte.',
  'field.officer.unknown': 'Handläggaren finns inte i organisationen.',
  'field.unit.unknown': 'Enheten finns inte i organisationen.',
  'field.publicTitle.required': 'Ange en offentlig titel när handlingen eller ärendet är sekretessmarkerat.',
  'field.caseNumber.format': 'Ange diarienumret som t.ex. KS 2026/0042.',
  'field.ifMatch.format': 'If-Match ska vara den ETag du fick när du läste ärendet.',
  'field.fileName': 'Filnamnet får inte innehålla sökvägar eller styrtecken och får vara högst 255 tecken.',
  'field.metadata.missing': 'Fältet metadata med handlingens uppgifter saknas.',
  'field.status.transition': 'Ett ärende med status {from} kan inte få status {to}.',
  'field.patch.empty': 'Ange minst en ändring.',
  'field.cursor': 'Ogiltig sidmarkör. Börja om sökningen från första sidan.',
  'field.text.control': 'Texten innehåller otillåtna styrtecken. Ta bort dem.',
  'field.provision.format': 'Ange bestämmelsen som t.ex. "OSL 26 kap. 1 §".',
  'field.classification.format': 'Ange klassificeringen som en kod, t.ex. 3.1.2.',
  'field.transition.one': 'Välj en av close, reopen och cancel.',
  'field.attachments.oneMain': 'Markera högst en bilaga som huvuddokument.',
  'field.mail.lookup': 'Ange internetMessageId eller conversationId.',
  'field.sourceRef.upload': 'En uppladdad fil har ingen källreferens. Ta bort sourceRef eller välj en annan källa.',
  'field.contentType': 'Skicka uppgifterna som application/json.',
  'field.multipart': 'Filerna gick inte att läsa. Kontrollera filnamnen och skicka igen.',
  'field.demoUser.unknown': 'Ingen demoanvändare har den e-postadressen. Se GET /dev/users.',
  'field.idempotencyKey.format': 'Ange en nyckel med 1–200 synliga ASCII-tecken, t.ex. ett UUID.',
  'field.files.tooMany': 'För många filer i samma förfrågan. Högst {max} filer.',

  'auth.token.missing': 'Förfrågan saknar åtkomsttoken.',
  'auth.token.invalid': 'Åtkomsttoken är ogiltig eller har gått ut.',
  'auth.scope.missing': 'Åtkomsttoken saknar behörighet för Diarium.',
  'access.register': 'Du behöver rollen registrator eller handläggare i diariet {diary} för att registrera.',
  'access.edit': 'Bara ärendets handläggare eller diariets registratorer kan ändra ärendet.',
  'access.restricted': 'Ärendet är sekretessmarkerat. Du ser bara den offentliga titeln.',
  'access.grant': 'Bara ärendets handläggare och diariets registratorer kan ge eller ta bort åtkomst.',
  'access.roles': 'Bara diariets administratörer kan ändra roller i diariet.',
  'field.user.unknown': 'Användaren finns inte i organisationen.',

  'mail.registeredElsewhere.known':
    'Mejlet är redan diariefört som {documentNumber}. Välj att diarieföra det även här om det hör till båda ärendena.',
  'mail.tooLarge': 'Mejlet är för stort för att diarieföras. Största tillåtna storlek är {limit}.',
  'mail.graph.unavailable': 'Microsoft 365 är överbelastat eller svarar inte just nu. Försök igen om en stund.',
  'mail.graph.off': 'Diarieföring av e-post är inte påslagen på den här servern. Kontakta IT-avdelningen.',
  'mail.graph.consent': 'Diarium saknar behörighet i Microsoft 365 att läsa din e-post eller kanalens filer. Be IT-avdelningen att godkänna Diarium i Microsoft 365.',
  'mail.graph.signIn': 'Microsoft 365 vill att du loggar in på nytt. Stäng och öppna Diarium och försök igen.',
  'mail.mailbox.denied': 'Du har inte behörighet till brevlådan där mejlet ligger.',
  'mail.category': 'Diarieförd {documentNumber}',
  'mail.noSubject': '(utan ämne)',
  'field.itemId.malformed': 'Mejlets id känns inte igen. Öppna mejlet på nytt och försök igen.',
  'field.itemId.notSaved': 'Utkastet är inte sparat än. Spara det och försök igen.',
  'field.attachments.unknown': 'Bilagan finns inte i mejlet. Välj den på nytt.',
  'field.alsoInOtherCase': 'Markera att mejlet ska diarieföras även i det här ärendet.',

  'role.registrar': 'Registrator',
  'role.officer': 'Handläggare',
  'role.reader': 'Läsare',
  'role.admin': 'Administratör',
  'status.open': 'Öppet',
  'status.closed': 'Avslutat',
  'status.cancelled': 'Makulerat',
  'direction.incoming': 'Inkommande',
  'direction.internal': 'Upprättad',
  'direction.outgoing': 'Utgående',

  'dev.title': 'Diarium – lokal utvecklingsmiljö',
  'dev.intro': 'Registret körs med inbäddad databas, lokal fillagring och demoanvändare.',
  'dev.switcher.label': 'Agera som',
  'dev.switcher.hint': 'Välj en demoanvändare för att se registret med dennes behörigheter.',
  'dev.links': 'Gränssnitt',
  'dev.search.label': 'Sök i registret',
  'dev.search.button': 'Sök',
  'dev.search.empty': 'Inga träffar. Prova ett annat ord eller ett diarienummer.',
  'dev.api': 'API-beskrivning (OpenAPI)',
  'dev.outlook': 'Diarium i en simulerad Outlook: diarieför mejl',
  'dev.teams': 'Diarium i en simulerad Teams: flikarna för kanalen och Mitt arbete',
} as const;

export type MessageKey = keyof typeof sv;

const en: Record<MessageKey, string> = {
  'problem.validation_failed': 'The input needs correcting',
  'problem.validation_failed.detail': 'Correct the marked fields and try again.',
  'problem.unauthenticated': 'Sign-in required',
  'problem.unauthenticated.detail': 'Sign in again and retry.',
  'problem.forbidden': 'Not permitted',
  'problem.forbidden.detail': 'You do not have access to this. Contact the registry office if you need it.',
  'problem.not_found': 'Not found',
  'problem.not_found.detail': 'What you asked for does not exist, or the address is wrong.',
  'problem.conflict': 'Conflicts with what is registered',
  'problem.conflict.detail': 'The action conflicts with something already registered.',
  'problem.precondition_failed': 'Someone else has changed this',
  'problem.precondition_failed.detail':
    'The case has changed since you opened it. Reload it, make your change again and save.',
  'problem.precondition_required': 'Version missing',
  'problem.precondition_required.detail': 'Send If-Match with the version (ETag) your change is based on.',
  'problem.payload_too_large': 'The file is too large',
  'problem.payload_too_large.detail': 'The largest size allowed is {limit}. Split or compress the file and try again.',
  'problem.payload_too_large.unknown_limit': 'The file is too large to send. Split or compress it and try again.',
  'problem.unsupported_media_type': 'Wrong request format',
  'problem.unsupported_media_type.detail': 'Send JSON, or multipart/form-data when files are included.',
  'problem.idempotency_key_reused': 'Idempotency key already used',
  'problem.idempotency_key_reused.detail':
    'This Idempotency-Key was used for a different request. Use a new key for a new registration.',
  'problem.integrity_failed': 'The file is damaged',
  'problem.integrity_failed.detail': "The file's checksum does not match. Contact the registry office.",
  'problem.unavailable': 'The service is unavailable right now',
  'problem.unavailable.detail': 'Try again in a moment.',
  'problem.internal': 'Something went wrong',
  'problem.internal.detail': 'An unexpected error occurred. Quote reference {requestId} if you contact support.',
  'problem.mail_not_found': 'The mail was not found',
  'problem.mail_not_found.detail': 'The mail was not found. It may have been moved or deleted. Open it again and retry.',
  'problem.already_registered_elsewhere': 'The mail is already registered in another case',
  'problem.already_registered_elsewhere.detail':
    'The mail is already registered in another case. Choose to register it here as well if it belongs to both cases.',
  'problem.attachment_not_found': 'The attachment is not in the mail',
  'problem.attachment_not_found.detail': 'An attachment you chose is not in the mail. Open the mail again and choose the attachments again.',
  'problem.upstream_failed': 'Microsoft 365 did not answer as expected',
  'problem.upstream_failed.detail': 'The mail could not be fetched from Microsoft 365. Try again in a moment.',
  'problem.drive_item_not_found': 'The file was not found',
  'problem.drive_item_not_found.detail': "The file is no longer in the channel's files. It may have been moved or deleted. Reload the list.",
  'problem.not_a_mail': 'The document is not a mail',
  'problem.not_a_mail.detail': 'The document holds no registered mail to show. Open its files instead.',
  'files.denied': "You do not have access to the channel's files.",
  'files.channel.notFound': 'The channel or its files folder was not found in Teams.',
  'files.tooLarge': 'The file {name} is too large to register. The largest size allowed is {limit}.',
  'files.graph.off': 'Registering from Teams is not switched on for this server. Contact the IT department.',
  'channelTab.notBound': 'The tab in this channel is not linked to a case.',
  'field.channel.format': 'The Teams team or channel id is not recognised.',
  'field.itemId.folder': 'This is a folder. Choose the files in it instead.',
  'field.eTag.changed': 'The file has changed since the list was loaded. Reload the list and choose the version again.',

  'field.json': 'The request is not valid JSON.',
  'field.unknown': 'Unknown field. Remove it.',
  'field.diary.unknown': 'The diary {diary} does not exist.',
  'field.officer.unknown': 'The officer is not in the organisation.',
  'field.unit.unknown': 'The unit is not in the organisation.',
  'field.publicTitle.required': 'Give a public title when the document or case is marked confidential.',
  'field.caseNumber.format': 'Write the case number like KS 2026/0042.',
  'field.ifMatch.format': 'If-Match must be the ETag you received when you read the case.',
  'field.fileName': 'The file name must not contain paths or control characters, and may be at most 255 characters.',
  'field.metadata.missing': "The metadata field with the document's details is missing.",
  'field.status.transition': 'A case with status {from} cannot get status {to}.',
  'field.patch.empty': 'Give at least one change.',
  'field.cursor': 'Invalid page cursor. Start the search again from the first page.',
  'field.text.control': 'The text contains control characters that are not allowed. Remove them.',
  'field.provision.format': 'Write the provision like "OSL 26 kap. 1 §".',
  'field.classification.format': 'Write the classification as a code, e.g. 3.1.2.',
  'field.transition.one': 'Choose one of close, reopen and cancel.',
  'field.attachments.oneMain': 'Mark at most one attachment as the main document.',
  'field.mail.lookup': 'Give internetMessageId or conversationId.',
  'field.sourceRef.upload': 'An uploaded file has no source reference. Remove sourceRef or choose another source.',
  'field.contentType': 'Send the details as application/json.',
  'field.multipart': 'The files could not be read. Check the file names and send again.',
  'field.demoUser.unknown': 'No demo user has that e-mail address. See GET /dev/users.',
  'field.idempotencyKey.format': 'Give a key of 1–200 visible ASCII characters, e.g. a UUID.',
  'field.files.tooMany': 'Too many files in one request. At most {max} files.',

  'auth.token.missing': 'The request has no access token.',
  'auth.token.invalid': 'The access token is invalid or has expired.',
  'auth.scope.missing': 'The access token does not grant access to Diarium.',
  'access.register': 'You need the registrar or officer role in the diary {diary} to register.',
  'access.edit': "Only the case's officer or the diary's registrars can change the case.",
  'access.restricted': 'The case is marked confidential. You see only its public title.',
  'access.grant': "Only the case's officer and the diary's registrars can grant or remove access.",
  'access.roles': "Only the diary's administrators can change roles in the diary.",
  'field.user.unknown': 'The user is not in the organisation.',

  'mail.registeredElsewhere.known':
    'The mail is already registered as {documentNumber}. Choose to register it here as well if it belongs to both cases.',
  'mail.tooLarge': 'The mail is too large to register. The largest size allowed is {limit}.',
  'mail.graph.unavailable': 'Microsoft 365 is overloaded or not answering right now. Try again in a moment.',
  'mail.graph.off': 'Registering mail is not switched on for this server. Contact the IT department.',
  'mail.graph.consent': 'Diarium may not read your mail or the channel’s files in Microsoft 365. Ask the IT department to approve Diarium in Microsoft 365.',
  'mail.graph.signIn': 'Microsoft 365 wants you to sign in again. Close and reopen Diarium and retry.',
  'mail.mailbox.denied': 'You do not have access to the mailbox the mail is in.',
  'mail.category': 'Registered {documentNumber}',
  'mail.noSubject': '(no subject)',
  'field.itemId.malformed': "The mail's id is not recognised. Open the mail again and retry.",
  'field.itemId.notSaved': 'The draft is not saved yet. Save it and retry.',
  'field.attachments.unknown': 'The attachment is not in the mail. Choose it again.',
  'field.alsoInOtherCase': 'Mark that the mail is to be registered in this case as well.',

  'role.registrar': 'Registrar',
  'role.officer': 'Case officer',
  'role.reader': 'Reader',
  'role.admin': 'Administrator',
  'status.open': 'Open',
  'status.closed': 'Closed',
  'status.cancelled': 'Cancelled',
  'direction.incoming': 'Incoming',
  'direction.internal': 'Drawn up',
  'direction.outgoing': 'Outgoing',

  'dev.title': 'Diarium – local development',
  'dev.intro': 'The register runs with an embedded database, local file storage and demo users.',
  'dev.switcher.label': 'Act as',
  'dev.switcher.hint': "Choose a demo user to see the register with that user's rights.",
  'dev.links': 'Front ends',
  'dev.search.label': 'Search the register',
  'dev.search.button': 'Search',
  'dev.search.empty': 'No matches. Try another word or a case number.',
  'dev.api': 'API description (OpenAPI)',
  'dev.outlook': 'Diarium in a simulated Outlook: register mail',
  'dev.teams': 'Diarium in a simulated Teams: the channel tab and My work',
};

export const catalogue: Record<Locale, Record<MessageKey, string>> = { sv, en };

/** The text for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogue[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Picks Swedish or English from an Accept-Language header or a Teams/Office locale; Swedish first. */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'sv';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    if (lang === 'sv' || lang === 'en') return lang;
    if (lang === 'nb' || lang === 'nn' || lang === 'no' || lang === 'da') return 'sv';
  }
  return 'sv';
}
