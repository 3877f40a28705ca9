import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AppBasedLinkQuery,
  type ConversationReference,
  type MessagingExtensionAttachment,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type Request as BotRequest,
  type Response as BotResponse,
} from 'botbuilder';
import { reply, searchCases, unfurl, type BotReply, type ExtensionHit } from './conversation.ts';
import { localeLanguage } from './intents.ts';
import { translator } from './messages.ts';
import { ConversationGoneError, isUnknownBotUserError, type BotUser, type ConversationStore, type RegisterPort } from './port.ts';

/**
 * The one module that knows botbuilder: it turns Teams activities into the plain calls of
 * conversation.ts and their answers back into activities. Moving to the Teams SDK replaces this
 * file only.
 */
export class DiariumBot extends TeamsActivityHandler {
  constructor(
    private readonly port: RegisterPort,
    private readonly conversations: ConversationStore,
    /** Where an unexpected failure goes (the user is told something went wrong). */
    private readonly report: (error: unknown) => void = (error) => console.error(error),
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
    // Teams also says "the bot was added" as a conversationUpdate; in a personal chat that is an install.
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await this.remember(context);
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const text = messageText(activity);
    if (text === null) return;
    const user = botUser(activity);
    if (!user) return;
    let replies: BotReply[];
    try {
      // In a channel or group chat everyone reads the answer.
      const shared = (activity.conversation.conversationType ?? 'personal') !== 'personal';
      replies = await reply({ text, user, locale: activity.locale, shared }, this.port);
    } catch (error) {
      this.report(error);
      replies = [{ text: translator(localeLanguage(activity.locale))('error.failed') }];
    }
    for (const r of replies) await context.sendActivity(messageOf(r));
  }

  /** Stores where to reach the user later (notifications), when they install the bot for themselves. */
  private async remember(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.conversation.conversationType !== 'personal' || !activity.from.aadObjectId) return;
    await this.conversations.save(activity.from.aadObjectId, TurnContext.getConversationReference(activity));
  }

  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const user = botUser(context.activity);
    if (!user) return result([]);
    const initialRun = query.parameters?.some((p) => p.name === 'initialRun');
    const words = initialRun ? '' : String(query.parameters?.find((p) => p.name !== 'initialRun')?.value ?? '');
    const found = await searchCases(words, user, this.port, context.activity.locale);
    if (found.message) return { composeExtension: { type: 'message', text: found.message } };
    return result(found.cards.map(attachment));
  }

  protected override async handleTeamsAppBasedLinkQuery(context: TurnContext, query: AppBasedLinkQuery): Promise<MessagingExtensionResponse> {
    const user = botUser(context.activity);
    if (!user || !query.url) return result([]);
    try {
      const hit = await unfurl(query.url, user, this.port, context.activity.locale);
      return result(hit ? [attachment(hit)] : []);
    } catch (error) {
      if (isUnknownBotUserError(error)) return result([]);
      throw error;
    }
  }
}

/**
 * The text of a message meant for the bot, or null when it is not for the bot. In a channel or a
 * group chat that is only when the bot is @mentioned (the mention is removed), or when the message
 * comes from one of the bot's own card buttons. In a personal chat every message is.
 */
export function messageText(activity: Activity): string | null {
  const command = (activity.value as { diariumCommand?: unknown } | undefined)?.diariumCommand;
  if (typeof command === 'string') return command;
  const type = activity.conversation?.conversationType;
  const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
  if (!mentioned) return type === 'channel' || type === 'groupChat' ? null : (activity.text ?? '');
  return stripAllMentions(TurnContext.removeRecipientMention(activity) ?? '', activity);
}

/** Teams may mention the bot more than once ("@Diarium status … @Diarium"); removeRecipientMention removes the first. */
function stripAllMentions(text: string, activity: Activity): string {
  let rest = text;
  for (const mention of TurnContext.getMentions(activity)) {
    if (mention.mentioned?.id === activity.recipient.id && mention.text) rest = rest.split(mention.text).join(' ');
  }
  return rest.trim();
}

function messageOf(reply: BotReply): Partial<Activity> {
  return {
    type: 'message',
    ...(reply.text ? { text: reply.text } : {}),
    ...(reply.card ? { attachments: [CardFactory.adaptiveCard(reply.card)] } : {}),
  };
}

function botUser(activity: Activity): BotUser | null {
  const id = activity.from?.aadObjectId;
  return id ? { aadObjectId: id, ...(activity.from.name ? { name: activity.from.name } : {}) } : null;
}

function attachment(hit: ExtensionHit): MessagingExtensionAttachment {
  return { ...CardFactory.adaptiveCard(hit.card), preview: CardFactory.thumbnailCard(escapeHtml(hit.preview.title), escapeHtml(hit.preview.text)) };
}

function result(attachments: MessagingExtensionAttachment[]): MessagingExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

/** A thumbnail card's title and text are read as HTML by Teams; a case title is not HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** The Azure Bot registration Diarium answers as; none means local emulation (`npm start` only). */
export interface BotRegistration {
  appId: string;
  appPassword: string;
  tenantId: string;
}

/** What the API mounts at /api/messages, and how it speaks first. */
export interface BotEndpoint {
  process(req: BotRequest, res: BotResponse): Promise<void>;
  /**
   * Sends a message nobody asked for (a notification) into a conversation whose reference was
   * stored at install. Throws ConversationGoneError when Teams says the conversation is gone.
   */
  send(reference: object, reply: BotReply): Promise<void>;
}

/**
 * The bot behind Bot Framework authentication: activities must carry a token the Bot Connector
 * signed for our app id (single tenant). Without a registration the adapter checks nothing and
 * answers activities with `deliveryMode: "expectReplies"` in the HTTP response: the local
 * emulation of `npm start` and the tests.
 */
export function createBotEndpoint(options: {
  registration: BotRegistration | null;
  port: RegisterPort;
  conversations: ConversationStore;
  report?: (error: unknown) => void;
}): BotEndpoint {
  const { registration } = options;
  const auth = new ConfigurationBotFrameworkAuthentication(
    registration
      ? {
          MicrosoftAppId: registration.appId,
          MicrosoftAppPassword: registration.appPassword,
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppTenantId: registration.tenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  const bot = new DiariumBot(options.port, options.conversations, options.report);
  return {
    process: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
    async send(reference, reply) {
      try {
        await adapter.continueConversationAsync(registration?.appId ?? '', reference as Partial<ConversationReference>, async (context) => {
          await context.sendActivity(messageOf(reply));
        });
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        if (status === 403 || status === 404) throw new ConversationGoneError(status);
        throw error;
      }
    },
  };
}
