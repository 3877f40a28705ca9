import type { Translate } from '../messages.ts';
import { card, heading, paragraph, run, sendCommand, type AdaptiveCardJson, type CardElement } from './blocks.ts';

const TOPICS = [
  ['help.status', 'help.status.example'],
  ['help.myCases', 'help.myCases.example'],
  ['help.search', 'help.search.example'],
  ['help.help', 'help.help.example'],
] as const;

/** What the bot understands, with an example of each. `notUnderstood` opens with "I didn't understand that". */
export function helpCard(t: Translate, options: { notUnderstood?: boolean } = {}): AdaptiveCardJson {
  const body: CardElement[] = [heading(t('help.title'))];
  if (options.notUnderstood) body.push(paragraph(t('help.notUnderstood'), { spacing: 'Small' }));
  for (const [topic, example] of TOPICS) {
    body.push(paragraph([run(`${t(topic)}: `, { weight: 'Bolder' }), run(t(example), { fontType: 'Monospace' })], { spacing: 'Small' }));
  }
  return card(body, [sendCommand(t('command.myCases'), t('help.button.myCases'))]);
}
