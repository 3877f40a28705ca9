import { http } from 'msw';
import type { Logger } from 'pino';
import type { BotEndpoint } from '@diarium/bot';
import { DEMO_TENANT_ID } from '../demo/organisation.ts';
import { createConnectorEmulator, type ConnectorEmulator, type Delivered } from '../dev/bot-connector.ts';
import { startTestGraph, TEST_APP, type TestGraph } from '../dev/graph/test-graph.ts';
import { hostBot } from '../http/bot-endpoint.ts';
import { botConversations } from '../services/bot-register.ts';
import type { LinkBase } from '../services/case-links.ts';
import type { Deps } from '../services/context.ts';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/**
 * Teams as the bot's notices meet it, behind msw: Entra ID issues the bot its token, and the Bot
 * Connector lets in only a token issued to the bot's own app id, keeping each user's personal
 * chat apart. Everything between is the real botbuilder path.
 */
export interface TestTeams {
  graph: TestGraph;
  connector: ConnectorEmulator;
  /** The bot as the API hosts it, registered in the demo tenant. */
  hostBot(deps: Deps, options: { links: LinkBase; logger: Logger }): BotEndpoint;
  /** The user installs Diarium for themselves: Teams sends the bot this conversation reference. */
  install(deps: Deps, objectId: string, locale?: string): Promise<void>;
  /** What the user's personal chat with the bot received, oldest first. */
  delivered(objectId: string): Delivered[];
  /** The same as the user reads it: each message's text, then its card's texts. */
  chat(objectId: string): string[];
  close(): void;
}

export function startTestTeams(): TestTeams {
  const graph = startTestGraph();
  const connector = createConnectorEmulator({
    authenticate: (authorization) => {
      const caller = graph.entra.callerOf(authorization?.replace(/^Bearer /u, '') ?? '');
      return caller?.kind === 'app' && caller.appId === TEST_APP.clientId;
    },
  });
  graph.server.use(http.all(`${SERVICE_URL}*`, ({ request }) => connector.handle(request, new URL(request.url).pathname.replace(/^\/emea/u, ''))));
  const conversationOf = (objectId: string) => `a:1personal-chat-${objectId}`;
  const delivered = (objectId: string) => connector.delivered(conversationOf(objectId));
  return {
    graph,
    connector,
    hostBot: (deps, options) =>
      hostBot(deps, {
        tenantId: DEMO_TENANT_ID,
        registration: { appId: TEST_APP.clientId, appPassword: TEST_APP.clientSecret, tenantId: DEMO_TENANT_ID },
        ...options,
      }),
    async install(deps, objectId, locale = 'sv-SE') {
      await botConversations(deps, { tenantId: DEMO_TENANT_ID }).save(objectId, {
        activityId: 'f:install-1',
        user: { id: `29:${objectId}`, aadObjectId: objectId, name: 'Teams user' },
        bot: { id: `28:${TEST_APP.clientId}`, name: 'Diarium' },
        conversation: { id: conversationOf(objectId), conversationType: 'personal', tenantId: DEMO_TENANT_ID },
        channelId: 'msteams',
        locale,
        serviceUrl: SERVICE_URL,
      });
    },
    delivered,
    chat: (objectId) =>
      delivered(objectId).map(({ activity }) => {
        const cards = ((activity['attachments'] as { content: unknown }[] | undefined) ?? []).map((a) => JSON.stringify(a.content));
        return [String(activity['text'] ?? ''), ...cards].join('\n');
      }),
    close: () => graph.close(),
  };
}
