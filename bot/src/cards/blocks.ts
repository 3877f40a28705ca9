/**
 * Building blocks of the bot's Adaptive Cards (schema 1.5). Every text from the register or the
 * user goes into a TextRun, which Teams never reads as markdown: a title such as
 * "[Klicka här](https://…)" stays a title.
 */

/** An Adaptive Card as plain JSON, ready for `CardFactory.adaptiveCard`. */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: '1.5'; body: CardElement[]; actions?: CardElement[] } & Record<string, unknown>;
export type CardElement = Record<string, unknown>;

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Teams refuses a card (with its activity) over 28 KB. */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCardJson {
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: '1.5', body, ...(actions.length > 0 ? { actions } : {}) };
}

type RunStyle = { weight?: 'Bolder'; size?: 'Medium' | 'Small'; color?: 'Attention' | 'Good' | 'Accent'; isSubtle?: boolean; fontType?: 'Monospace' };

export function run(text: string, style: RunStyle = {}): CardElement {
  return { type: 'TextRun', text, ...style };
}

/** One paragraph of plain text, in one style or as several runs. */
export function paragraph(content: string | CardElement[], options: RunStyle & { separator?: boolean; spacing?: 'Small' | 'Medium' } = {}): CardElement {
  const { separator, spacing, ...style } = options;
  const inlines = typeof content === 'string' ? [run(content, style)] : content;
  return { type: 'RichTextBlock', inlines, ...(separator ? { separator } : {}), ...(spacing ? { spacing } : {}) };
}

export function heading(text: string): CardElement {
  return paragraph(text, { weight: 'Bolder', size: 'Medium' });
}

/** "Label: value" on one line. */
export function fact(label: string, value: string): CardElement {
  return paragraph([run(`${label}: `, { weight: 'Bolder' }), run(value)], { spacing: 'Small' });
}

export function openUrl(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

/**
 * A button (or a tap on a container) that sends `command` to the bot as if the user had typed it.
 * Teams' messageBack shows the text in the chat; `diariumCommand` lets the adapter know the message
 * is for the bot even in a channel, where no @mention comes with it.
 */
export function sendCommand(command: string, title?: string): CardElement {
  return {
    type: 'Action.Submit',
    ...(title ? { title } : {}),
    data: { diariumCommand: command, msteams: { type: 'messageBack', text: command, displayText: command } },
  };
}

export function cardBytes(json: object): number {
  return new TextEncoder().encode(JSON.stringify(json)).length;
}
