import { tokens, type GriffelStyle } from '@fluentui/react-components';

/** A part of a page as the tabs show it: a card with its h2, spread into a component's makeStyles. */
export const SECTION_STYLES = {
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    // High contrast drops shadows; the border keeps the sections apart.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
} satisfies Record<string, GriffelStyle>;

/** The small line of facts under a list row's title (a case's, a queue message's), spread into makeStyles. */
export const ROW_META_STYLES = {
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
} satisfies Record<string, GriffelStyle>;
