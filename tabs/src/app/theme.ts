import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { HostTheme } from '../host/tab-host.ts';

/** Teams' theme as a Fluent theme. */
export function fluentThemeOf(theme: HostTheme): Theme {
  if (theme === 'contrast') return teamsHighContrastTheme;
  return theme === 'dark' ? teamsDarkTheme : teamsLightTheme;
}
