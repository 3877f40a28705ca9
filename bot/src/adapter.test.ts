import { TestAdapter, type Activity } from 'botbuilder';
import { personalCaseLink } from '@diarium/core';
import { describe, expect, it } from 'vitest';
import { DiariumBot } from './adapter.ts';
import { cardText, cases, fakeRegister, memoryConversations, people, stranger } from './test/fake-register.ts';

/**
 * The bot as Teams drives it: activities in through botbuilder's TestAdapter, the DiariumBot
 * handler, the conversation and cards, over a fake register that masks as the API does.
 */

const BOT = { id: '28:diarium-bot', name: 'Diarium' };
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type Person = { aadObjectId: string; name?: string };

function setUp() {
  const port = fakeRegister();
  const conversations = memoryConversations();
  const failures: unknown[] = [];
  const bot = new DiariumBot(port, conversations, (error) => failures.push(error));
  const adapter = new TestAdapter(async (context) => bot.run(context));
  return { port, conversations, failures, adapter };
}

function message(
  text: string,
  options: { from?: Person; conversationType?: 'personal' | 'channel' | 'groupChat'; locale?: string; mentions?: { id: string; name: string }[]; value?: object } = {},
): Partial<Activity> {
  const from: Person = options.from ?? people.anna;
  return {
    type: 'message',
    channelId: 'msteams',
    text,
    locale: options.locale,
    from: { id: `29:${from.aadObjectId}`, name: from.name ?? 'Teams user', aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: { id: 'c1', conversationType: options.conversationType ?? 'personal', isGroup: options.conversationType !== 'personal' } as Activity['conversation'],
    entities: (options.mentions ?? []).map((m) => ({ type: 'mention', mentioned: m, text: `<at>${m.name}</at>` })),
    ...(options.value ? { value: options.value } : {}),
  };
}

function invoke(name: string, value: object, from: Person = people.anna): Partial<Activity> {
  return {
    type: 'invoke',
    name,
    channelId: 'msteams',
    value,
    from: { id: `29:${from.aadObjectId}`, name: 'Teams user', aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: { id: 'c1', conversationType: 'personal' } as Activity['conversation'],
  };
}

/** The one adaptive card a reply carries, as text a user reads. */
function cardOf(activity: Partial<Activity>): { text: string; json: Record<string, unknown> } {
  expect(activity.type).toBe('message');
  expect(activity.attachments).toHaveLength(1);
  const attachment = activity.attachments![0]!;
  expect(attachment.contentType).toBe(ADAPTIVE);
  return { text: cardText(attachment.content), json: attachment.content as Record<string, unknown> };
}

/** Sends one activity and returns the bot's single reply. */
async function ask(adapter: TestAdapter, activity: Partial<Activity>): Promise<Partial<Activity>> {
  let reply: Partial<Activity> | undefined;
  await adapter.send(activity).assertReply((a) => {
    reply = a;
  });
  // The turn has run to its end by now: anything still queued is a second reply.
  expect(adapter.activeQueue).toEqual([]);
  return reply!;
}

/** Sends one activity and checks that the bot answers nothing (TestAdapter's assertNoReply waits seconds). */
async function expectSilence(adapter: TestAdapter, activity: Partial<Activity>): Promise<void> {
  await adapter.send(activity);
  expect(adapter.activeQueue).toEqual([]);
}

describe('the bot in a personal chat', () => {
  it('answers a case number with its status card', async () => {
    const { adapter, port } = setUp();
    const { text, json } = cardOf(await ask(adapter, message('status KS 2026/42')));
    expect(text).toContain('KS 2026/0042');
    expect(text).toContain('Detaljplan för kvarteret Rosen, Storgatan 12');
    expect(text).toContain('Handläggare: Anna Berg');
    expect(text).toContain('Enhet: Stadsbyggnadskontoret');
    expect(text).toContain('Handlingar: 7');
    expect(text).toContain('2026-11-20: Handling KS 2026/0042-7 registrerades (Anna Berg).');
    expect(json['actions']).toMatchObject([{ type: 'Action.OpenUrl', title: 'Öppna ärendet' }]);
    expect(port.calls).toEqual([{ method: 'caseStatus', user: people.anna.aadObjectId, arg: 'KS 2026/0042' }]);
  });

  it.each(['KS 2026/42', 'ks2026-0042', 'KS-2026-0042', '  läget   i ks 2026/42? ', 'status för KS 2026/0042'])('reads %j as the status of KS 2026/0042', async (text) => {
    const { adapter } = setUp();
    expect(cardOf(await ask(adapter, message(text))).text).toContain('Handläggare: Anna Berg');
  });

  it('finds a case by year and number alone when only one diary has it', async () => {
    const { adapter } = setUp();
    expect(cardOf(await ask(adapter, message('2026/107'))).text).toContain('BN 2026/0107');
  });

  it('says there is no case with an unknown number', async () => {
    const { adapter } = setUp();
    const { text } = cardOf(await ask(adapter, message('status KS 2026/9999')));
    expect(text).toContain('Inget ärende med numret KS 2026/9999');
  });

  it('asks for the diary when year and number alone name cases in two diaries', async () => {
    const { adapter } = setUp();
    const { text } = cardOf(await ask(adapter, message('2026/42')));
    expect(text).toContain('Inget ärende med numret 2026/0042');
    expect(text).toContain('KS 2026/0042');
  });

  it('says what a case number looks like when one cannot be', async () => {
    const { adapter, port } = setUp();
    expect(cardOf(await ask(adapter, message('status KS 2026/0'))).text).toContain('Det är inget diarienummer');
    expect(port.calls).toEqual([]);
  });

  it('lists my open cases, in Swedish and in English', async () => {
    const { adapter } = setUp();
    const sv = cardOf(await ask(adapter, message('mina ärnden', { from: people.erik })));
    expect(sv.text).toContain('Mina öppna ärenden (1)');
    expect(sv.text).toContain('BN 2026/0107 · Öppet');
    expect(sv.text).not.toContain('BN 2026/0042'); // closed
    const en = cardOf(await ask(adapter, message('my cases', { from: people.erik })));
    expect(en.text).toContain('My open cases (1)');
    expect(en.text).toContain('BN 2026/0107 · Open');
  });

  it('lets a tap on a listed case ask for its status', async () => {
    const { adapter } = setUp();
    const { json } = cardOf(await ask(adapter, message('mina ärenden', { from: people.erik })));
    const row = (json['body'] as Record<string, unknown>[]).find((e) => e['type'] === 'Container')!;
    expect(row['selectAction']).toEqual({
      type: 'Action.Submit',
      data: { diariumCommand: 'status BN 2026/0107', msteams: { type: 'messageBack', text: 'status BN 2026/0107', displayText: 'status BN 2026/0107' } },
    });
  });

  it('searches the register', async () => {
    const { adapter, port } = setUp();
    const { text } = cardOf(await ask(adapter, message('sök   bygglov')));
    expect(text).toContain('Sökträffar för ”bygglov” (2)');
    expect(text).toContain('BN 2026/0107');
    expect(text).toContain('Bygglov för tillbyggnad av garage, Ekgatan 9');
    expect(port.calls).toEqual([{ method: 'search', user: people.anna.aadObjectId, arg: 'bygglov' }]);
  });

  it('says when a search finds nothing', async () => {
    const { adapter } = setUp();
    expect(cardOf(await ask(adapter, message('search nothing-like-this'))).text).toContain('No cases matched ”nothing-like-this”.');
  });

  it('shows what it can do on help, in the language asked', async () => {
    const { adapter } = setUp();
    const en = cardOf(await ask(adapter, message('help')));
    expect(en.text).toContain('What I can do');
    expect(en.text).toContain('Status of a case: KS 2026/42 or status KS 2026/42');
    const sv = cardOf(await ask(adapter, message('hjälp')));
    expect(sv.text).toContain('Det här kan jag');
    expect(sv.text).toContain('Dina öppna ärenden: mina ärenden');
  });

  it('answers what it does not understand with the short help card, never silence', async () => {
    const { adapter } = setUp();
    const { text } = cardOf(await ask(adapter, message('hej, hur mår du?')));
    expect(text).toContain('Det där förstod jag inte.');
    expect(text).toContain('sök bygglov Storgatan');
  });

  it('answers in English to an English Teams client when the message does not tell', async () => {
    const { adapter } = setUp();
    expect(cardOf(await ask(adapter, message('blah', { locale: 'en-US' }))).text).toContain("I didn't understand that.");
  });

  it('tells a Teams user who is not in the register to contact the registry', async () => {
    const { adapter } = setUp();
    const reply = await ask(adapter, message('mina ärenden', { from: stranger }));
    expect(reply.text).toBe('Du är inte användare i Diarium. Kontakta registraturen om du behöver tillgång.');
    expect(reply.attachments ?? []).toEqual([]);
  });

  it('says something went wrong, and reports it, when the register fails', async () => {
    const { adapter, port, failures } = setUp();
    port.caseStatus = async () => {
      throw new Error('database is down');
    };
    const reply = await ask(adapter, message('KS 2026/42'));
    expect(reply.text).toBe('Något gick fel när jag frågade Diarium. Försök igen om en stund.');
    expect(failures).toHaveLength(1);
  });
});

describe('confidentiality', () => {
  const confidentialTitle = 'Orosanmälan gällande barn, Karl Karlsson (född 2015)';

  it('shows an outsider only the public title and the confidentiality mark', async () => {
    const { adapter } = setUp();
    const { text } = cardOf(await ask(adapter, message('status SN 2026/13', { from: people.olle })));
    expect(text).toContain('SN 2026/0013');
    expect(text).toContain('Orosanmälan enligt socialtjänstlagen');
    expect(text).toContain('Sekretess');
    expect(text).toContain('Ärendet omfattas av sekretess. Du ser bara den offentliga titeln.');
    for (const hidden of ['Karl Karlsson', 'Maria Sjöberg', 'Handläggare', 'Individ- och familjeomsorgen', 'Handlingar', 'Senaste händelser', 'SN 2026/0013-4']) {
      expect(text).not.toContain(hidden);
    }
    expect(confidentialTitle).toContain('Karl Karlsson');
  });

  it('shows the case in full to its officer, with the OSL provision', async () => {
    const { adapter } = setUp();
    const { text } = cardOf(await ask(adapter, message('status SN 2026/13', { from: people.maria })));
    expect(text).toContain(confidentialTitle);
    expect(text).toContain('Sekretess: OSL 26 kap. 1 §');
    expect(text).toContain('Handläggare: Maria Sjöberg');
    expect(text).toContain('Handlingar: 4');
  });

  it('lists a confidential case to an outsider by its public title, without officer', async () => {
    const { adapter } = setUp();
    const { text } = cardOf(await ask(adapter, message('sök orosanmälan', { from: people.olle })));
    expect(text).toContain('SN 2026/0013 · Öppet · Sekretess');
    expect(text).toContain('Orosanmälan enligt socialtjänstlagen');
    expect(text).not.toContain('Karl Karlsson');
    expect(text).not.toContain('Maria Sjöberg');
  });
});

describe('the bot in channels and group chats', () => {
  it('stays quiet when not @mentioned', async () => {
    const { adapter, port } = setUp();
    await expectSilence(adapter, message('status KS 2026/42', { conversationType: 'channel' }));
    await expectSilence(adapter, message('mina ärenden', { conversationType: 'groupChat', mentions: [{ id: '29:someone-else', name: 'Erik Lund' }] }));
    expect(port.calls).toEqual([]);
  });

  it('answers when @mentioned, reading the message without the mention', async () => {
    const { adapter, port } = setUp();
    const { text } = cardOf(await ask(adapter, message('<at>Diarium</at> status KS 2026/42', { conversationType: 'channel', mentions: [BOT] })));
    expect(text).toContain('Handläggare: Anna Berg');
    expect(port.calls).toEqual([{ method: 'caseStatus', user: people.anna.aadObjectId, arg: 'KS 2026/0042' }]);
    const group = cardOf(await ask(adapter, message('mina ärenden <at>Diarium</at>', { conversationType: 'groupChat', mentions: [BOT] })));
    expect(group.text).toContain('Mina öppna ärenden (1)');
  });

  it('shows the channel only what is public of a confidential case, even when its officer asks', async () => {
    const { adapter } = setUp();
    const inChannel = cardOf(await ask(adapter, message('<at>Diarium</at> SN 2026/13', { from: people.maria, conversationType: 'channel', mentions: [BOT] })));
    expect(inChannel.text).toContain('Orosanmälan enligt socialtjänstlagen');
    expect(inChannel.text).not.toContain('Karl Karlsson');
    // In the officer's own chat with the bot, the case in full.
    const alone = cardOf(await ask(adapter, message('SN 2026/13', { from: people.maria })));
    expect(alone.text).toContain('Karl Karlsson');
  });

  it('answers a tap on its own card without a mention', async () => {
    const { adapter } = setUp();
    const tap = message('status KS 2026/0042', { conversationType: 'channel', value: { diariumCommand: 'status KS 2026/0042' } });
    expect(cardOf(await ask(adapter, tap)).text).toContain('Handläggare: Anna Berg');
  });
});

describe('the message extension', () => {
  async function invokeBody(adapter: TestAdapter, activity: Partial<Activity>): Promise<Record<string, unknown>> {
    const reply = await ask(adapter, activity);
    expect(reply.type).toBe('invokeResponse');
    const value = reply.value as { status: number; body: Record<string, unknown> };
    expect(value.status).toBe(200);
    return value.body;
  }
  type Result = { composeExtension: { type: string; attachmentLayout: string; attachments: { contentType: string; content: unknown; preview: { contentType: string; content: { title: string; text: string } } }[]; text?: string } };

  it('finds cases by words, each with a preview and the card to insert', async () => {
    const { adapter } = setUp();
    const body = (await invokeBody(adapter, invoke('composeExtension/query', { commandId: 'searchCases', parameters: [{ name: 'query', value: 'bygglov' }] }))) as Result;
    expect(body.composeExtension.type).toBe('result');
    expect(body.composeExtension.attachmentLayout).toBe('list');
    expect(body.composeExtension.attachments.map((a) => a.preview.content.title)).toEqual(['BN 2026/0107', 'BN 2026/0042']);
    const first = body.composeExtension.attachments[0]!;
    expect(first.contentType).toBe(ADAPTIVE);
    expect(first.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(first.preview.content.text).toBe('Bygglov för nybyggnad av enbostadshus, Lindvägen 4');
    expect(cardText(first.content)).toContain('Handläggare: Erik Lund');
  });

  it('lists my open cases when first opened', async () => {
    const { adapter } = setUp();
    const body = (await invokeBody(adapter, invoke('composeExtension/query', { commandId: 'searchCases', parameters: [{ name: 'initialRun', value: 'true' }] }, people.erik))) as Result;
    expect(body.composeExtension.attachments.map((a) => a.preview.content.title)).toEqual(['BN 2026/0107']);
  });

  it('finds a case by number, masked for an outsider', async () => {
    const { adapter } = setUp();
    const body = (await invokeBody(adapter, invoke('composeExtension/query', { commandId: 'searchCases', parameters: [{ name: 'query', value: 'SN 2026/13' }] }, people.olle))) as Result;
    const [hit] = body.composeExtension.attachments;
    expect(hit!.preview.content).toMatchObject({ title: 'SN 2026/0013', text: 'Orosanmälan enligt socialtjänstlagen' });
    expect(cardText(hit!.content)).not.toContain('Karl Karlsson');
  });

  it('tells a Teams user who is not in the register to contact the registry', async () => {
    const { adapter } = setUp();
    const body = (await invokeBody(adapter, invoke('composeExtension/query', { commandId: 'searchCases', parameters: [{ name: 'query', value: 'bygglov' }] }, stranger))) as Result;
    expect(body.composeExtension).toEqual({ type: 'message', text: 'Du är inte användare i Diarium. Kontakta registraturen om du behöver tillgång.' });
  });

  it('unfurls a pasted link to a confidential case into a card with only what is public, since the whole conversation reads it', async () => {
    const { adapter } = setUp();
    const url = 'https://diarium.ekby.se/tabs/case.html?case=SN+2026%2F0013';
    const outsider = (await invokeBody(adapter, invoke('composeExtension/queryLink', { url }, people.olle))) as Result;
    const seen = cardText(outsider.composeExtension.attachments[0]!.content);
    expect(seen).toContain('Orosanmälan enligt socialtjänstlagen');
    expect(seen).not.toContain('Karl Karlsson');
    // Even its officer's link unfurls to the public card: the others in the chat may not read it.
    const officer = (await invokeBody(adapter, invoke('composeExtension/queryLink', { url }, people.maria))) as Result;
    const shown = cardText(officer.composeExtension.attachments[0]!.content);
    expect(shown).toContain('Orosanmälan enligt socialtjänstlagen');
    expect(shown).not.toContain('Karl Karlsson');
  });

  it('unfurls a Teams deep link into the personal tab', async () => {
    const { adapter } = setUp();
    const url = personalCaseLink({ appId: 'app', baseUrl: 'https://diarium.ekby.se' }, cases.bygglov);
    const body = (await invokeBody(adapter, invoke('composeExtension/queryLink', { url }))) as Result;
    expect(body.composeExtension.type).toBe('result');
    expect(cardText(body.composeExtension.attachments[0]!.content)).toContain('BN 2026/0107');
  });

  it('leaves other links, and links to no case, alone', async () => {
    const { adapter } = setUp();
    for (const url of ['https://www.ekby.se/bygglov', 'https://diarium.ekby.se/tabs/case.html?case=KS+2026%2F9999', 'not a url']) {
      const body = (await invokeBody(adapter, invoke('composeExtension/queryLink', { url }))) as Result;
      expect(body.composeExtension.attachments).toEqual([]);
    }
  });
});

describe('installation', () => {
  function conversationActivity(type: 'installationUpdate' | 'conversationUpdate', conversationType: 'personal' | 'channel', from: Person = people.anna): Partial<Activity> {
    return {
      type,
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      ...(type === 'installationUpdate' ? { action: 'add' } : { membersAdded: [BOT] }),
      from: { id: `29:${from.aadObjectId}`, name: 'Teams user', aadObjectId: from.aadObjectId },
      recipient: BOT,
      conversation: { id: `a:personal-${from.aadObjectId}`, conversationType } as Activity['conversation'],
    };
  }

  it('stores the conversation reference when a user installs the bot for themselves', async () => {
    const { adapter, conversations } = setUp();
    await expectSilence(adapter, conversationActivity('installationUpdate', 'personal'));
    expect(conversations.saved.get(people.anna.aadObjectId)).toMatchObject({
      bot: BOT,
      conversation: { id: `a:personal-${people.anna.aadObjectId}` },
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
    });
  });

  it('stores it too when Teams says so with a conversation update', async () => {
    const { adapter, conversations } = setUp();
    await expectSilence(adapter, conversationActivity('conversationUpdate', 'personal', people.erik));
    expect([...conversations.saved.keys()]).toEqual([people.erik.aadObjectId]);
  });

  it('stores nothing when the bot is added to a team', async () => {
    const { adapter, conversations } = setUp();
    await expectSilence(adapter, conversationActivity('installationUpdate', 'channel'));
    expect(conversations.saved.size).toBe(0);
  });
});

