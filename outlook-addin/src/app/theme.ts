import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import type { HostTheme } from '../host/mail-host.ts';

/** Outlook's theme as a Fluent theme: high contrast first, then dark, else light. */
export function fluentThemeOf(theme: HostTheme): Theme {
  if (theme.highContrast) return teamsHighContrastTheme;
  return theme.dark ? webDarkTheme : webLightTheme;
}
