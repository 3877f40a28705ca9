import { createBotEndpoint, type BotEndpoint, type BotRegistration } from '@diarium/bot';
import type { Logger } from 'pino';
import { botConversations, botRegister } from '../services/bot-register.ts';
import type { LinkBase } from '../services/case-links.ts';
import type { Deps } from '../services/context.ts';

/**
 * The bot as the API hosts it: the register answers for the Teams user who wrote, in the tenant
 * the bot serves. Without a registration it runs in local emulation, which only the dev issuer's
 * setups may do (anyone could otherwise write as anyone).
 */
export function hostBot(deps: Deps, options: { tenantId: string; registration: BotRegistration | null; links: LinkBase; logger: Logger }): BotEndpoint {
  return createBotEndpoint({
    registration: options.registration,
    port: botRegister(deps, { tenantId: options.tenantId, links: options.links }),
    conversations: botConversations(deps, { tenantId: options.tenantId }),
    report: (err) => options.logger.error({ err }, 'the bot failed to answer'),
  });
}
