import { screen, waitFor, act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { fakeApi, json } from '../test/fake-api.ts';
import { composeMail, fakeHost, readMail } from '../test/fake-host.ts';
import { caseFull, registrationRef } from '../test/fixtures.ts';
import { renderPane } from '../test/render.tsx';
import { fluentThemeOf } from './theme.ts';

const bygglov = caseFull(42, 'BN 2026/0042', 'Bygglov för nybyggnad av förråd');

describe('the pane', () => {
  it('speaks Swedish when Outlook does', async () => {
    const { host } = fakeHost({ displayLanguage: 'sv-SE' });
    renderPane(host, fakeApi().client);
    expect(await screen.findByRole('heading', { name: 'Diarieför mejlet' })).toBeTruthy();
    expect(screen.getByRole('radiogroup', { name: 'Ärende' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Registrera' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('sv');
  });

  it('speaks English when Outlook speaks anything else', async () => {
    const { host } = fakeHost({ displayLanguage: 'en-GB' });
    renderPane(host, fakeApi({}, 'en').client);
    expect(await screen.findByRole('heading', { name: 'Register this mail' })).toBeTruthy();
    expect(screen.getByRole('radiogroup', { name: 'Case' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: /New case/ })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Mark the document confidential' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Register' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('follows a pinned pane to the next mail, and to a mail being written', async () => {
    const first = readMail({ subject: 'Första mailet', internetMessageId: '<1@x>' });
    const second = readMail({ subject: 'Andra mailet', internetMessageId: '<2@x>' });
    const { host, selectItem } = fakeHost({ item: first });
    const api = fakeApi({
      'GET /mail/registrations': ({ query }) => json({ items: query.get('internetMessageId') === '<2@x>' ? [registrationRef(bygglov, 3)] : [] }),
    });
    renderPane(host, api.client);
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Titel' }) as HTMLInputElement).value).toBe('Första mailet'));

    act(() => selectItem(second));
    expect(await screen.findByText('BN 2026/0042-3 i ärende BN 2026/0042')).toBeTruthy();

    act(() => selectItem(null));
    expect(await screen.findByText('Välj ett mejl i Outlook för att diarieföra det.')).toBeTruthy();

    act(() => selectItem(composeMail().mail));
    expect(await screen.findByRole('heading', { name: 'Koppla mejlet till ett ärende' })).toBeTruthy();
  });

  it('takes Outlook’s theme: light, dark, or high contrast', () => {
    expect(fluentThemeOf({ dark: false, highContrast: false })).toBe(webLightTheme);
    expect(fluentThemeOf({ dark: true, highContrast: false })).toBe(webDarkTheme);
    expect(fluentThemeOf({ dark: true, highContrast: true })).toBe(teamsHighContrastTheme);
  });

  it('changes theme when Outlook does', async () => {
    const { host, changeTheme } = fakeHost();
    renderPane(host, fakeApi().client);
    await screen.findByRole('heading', { name: 'Diarieför mejlet' });
    // FluentProvider puts the theme's tokens in a CSS rule for its own class.
    const background = () => {
      const provider = document.querySelector('.fui-FluentProvider')!;
      const rules = [...document.querySelectorAll('style')].flatMap((s) => [...(s.sheet?.cssRules ?? [])].map((r) => r.cssText));
      const rule = rules.find((r) => [...provider.classList].some((c) => r.startsWith(`.${c}`)) && r.includes('--colorNeutralBackground1:'));
      return /--colorNeutralBackground1:\s*([^;]+);/.exec(rule ?? '')?.[1]?.trim();
    };
    expect(background()).toBe(webLightTheme.colorNeutralBackground1);
    act(() => changeTheme({ dark: true, highContrast: false }));
    await waitFor(() => expect(background()).toBe(webDarkTheme.colorNeutralBackground1));
  });
});
