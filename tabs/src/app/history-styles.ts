import { makeStyles, tokens } from '@fluentui/react-components';

/** A history as the tabs show it (a case's, a queue message's): one event a row, its time beneath. */
export const useHistoryStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  time: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});
