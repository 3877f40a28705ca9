import { messageCatalogue, type TranslateWith } from '@diarium/core';
import * as app from './app/messages.ts';
import * as admin from './features/admin/messages.ts';
import * as chat from './dev/chat-messages.ts';
import * as dev from './dev/messages.ts';
import * as caseView from './features/case/messages.ts';
import * as channel from './features/channel/messages.ts';
import * as documentView from './features/document/messages.ts';
import * as mine from './features/mine/messages.ts';
import * as queues from './features/queues/messages.ts';

/**
 * Every string the tabs show, Swedish first and English second: one catalogue, assembled from
 * each part's own (keys are prefixed by the part). Problem texts from the API come already
 * translated (the client sends the locale).
 */
const sv = { ...app.sv, ...caseView.sv, ...channel.sv, ...documentView.sv, ...mine.sv, ...queues.sv, ...admin.sv, ...dev.sv, ...chat.sv } as const;
const en: Record<keyof typeof sv, string> = { ...app.en, ...caseView.en, ...channel.en, ...documentView.en, ...mine.en, ...queues.en, ...admin.en, ...dev.en, ...chat.en };

export const { catalogue, translate, translator } = messageCatalogue(sv, en);
export type MessageKey = keyof typeof sv;
export type Translate = TranslateWith<typeof sv>;
export { localeOf, type Locale } from '@diarium/core';
