export * from './port.ts';
export { reply, searchCases, unfurl, caseNumberInLink, type BotMessage, type BotReply, type ExtensionHit, type ExtensionResult } from './conversation.ts';
export { understand, type Intent } from './intents.ts';
export { DiariumBot, createBotEndpoint, messageText, type BotEndpoint, type BotRegistration } from './adapter.ts';
export { noticeReply, type DeadlineItem, type DeadlineNotice, type Notice } from './notices.ts';
export { TEAMS_CARD_LIMIT_BYTES, cardBytes, type AdaptiveCardJson } from './cards/blocks.ts';
