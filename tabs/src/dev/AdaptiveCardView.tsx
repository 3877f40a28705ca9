import { useEffect, useRef } from 'react';
import { AdaptiveCard, HostConfig, OpenUrlAction, SubmitAction } from 'adaptivecards';

export interface AdaptiveCardViewProps {
  card: object;
  dark: boolean;
  /** An `Action.Submit`: what Teams would send back to the bot. */
  onSubmit: (data: unknown) => void;
}

const hostConfig = (dark: boolean) =>
  new HostConfig({
    fontFamily: '"Segoe UI", system-ui, sans-serif',
    containerStyles: {
      default: {
        backgroundColor: dark ? '#292929' : '#ffffff',
        foregroundColors: {
          default: { default: dark ? '#ffffff' : '#242424', subtle: dark ? '#d6d6d6' : '#616161' },
          accent: { default: dark ? '#7f85f5' : '#4f52b2', subtle: dark ? '#7f85f5' : '#4f52b2' },
          attention: { default: dark ? '#f9b1b3' : '#b10e1c', subtle: dark ? '#f9b1b3' : '#b10e1c' },
          good: { default: dark ? '#92c353' : '#237b4b', subtle: dark ? '#92c353' : '#237b4b' },
          warning: { default: dark ? '#f8d22a' : '#8a3707', subtle: dark ? '#f8d22a' : '#8a3707' },
        },
      },
      emphasis: { backgroundColor: dark ? '#1f1f1f' : '#f5f5f5' },
    },
  });

/** A card as Teams renders it, with the Adaptive Cards renderer Teams is built on. */
export function AdaptiveCardView({ card, dark, onSubmit }: AdaptiveCardViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const submit = useRef(onSubmit);
  submit.current = onSubmit;
  useEffect(() => {
    const adaptive = new AdaptiveCard();
    adaptive.hostConfig = hostConfig(dark);
    adaptive.onExecuteAction = (action) => {
      if (action instanceof OpenUrlAction && action.url) window.open(action.url, '_blank', 'noopener');
      else if (action instanceof SubmitAction) submit.current(action.data);
    };
    adaptive.parse(card);
    const element = adaptive.render();
    if (element) host.current?.replaceChildren(element);
  }, [card, dark]);
  return <div ref={host} />;
}
