import { render } from '@testing-library/react';
import type { ApiClient } from '@diarium/core';
import { Pane } from '../app/Pane.tsx';
import { caseLinks } from '../app/links.ts';
import type { MailHost } from '../host/mail-host.ts';

/** The whole pane, as Outlook would show it, over a fake host and a fake API. */
export function renderPane(host: MailHost, client: ApiClient, options: { teamsAppId?: string } = {}) {
  const links = caseLinks(
    { teamsAppId: options.teamsAppId, caseUrl: '/tabs/case.html?case={caseNumber}' },
    'http://diarium.test',
  );
  return render(<Pane host={host} client={client} links={links} />);
}
