import { devTokenSource } from '@diarium/core';
import { RuntimeConfigSchema, loadRuntimeConfig } from '../config/runtime-config.ts';
import { createOfficeHost } from '../host/office-host.ts';
import { showStartMessage, startPane } from '../app/start.tsx';
import { createFakeOffice, type FakeTheme } from './fake-office.ts';
import { createDraft } from './graph.ts';
import { isDevMessage, type DevMessage } from './protocol.ts';

// The task pane inside the simulated Outlook: the same pane as in Outlook, on a fake Office.js
// that the page fills from the emulated Graph, with a token from the dev issuer.

const element = document.getElementById('root')!;
const params = new URLSearchParams(window.location.search);
const user = { email: params.get('user') ?? '', name: params.get('name') ?? params.get('user') ?? '' };
const displayLanguage = params.get('lang') ?? 'sv-SE';
const tokens = devTokenSource(user.email);
const toPage = (message: DevMessage) => window.parent.postMessage(message, window.location.origin);

const fake = createFakeOffice({
  user,
  displayLanguage,
  theme: (params.get('theme') as FakeTheme | null) ?? 'light',
  async saveDraft(draft, sharedMailbox) {
    // Outlook saves a draft to Exchange; here the emulated Graph keeps it, when it can.
    const id = await createDraft(await tokens.getToken(), sharedMailbox, draft);
    return id ?? `dev-draft-${crypto.randomUUID()}`;
  },
  onHeaders: (headers) => toPage({ type: 'diarium-dev:headers', headers }),
  onSaved: (id) => toPage({ type: 'diarium-dev:draft-saved', id }),
  openUrl: (url) => window.open(url, '_blank', 'noopener'),
});

/** Listens to the page for items, compose changes and themes; resolves once the first item is there. */
function connectToPage(): Promise<void> {
  return new Promise((resolve) => {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.origin !== window.location.origin || !isDevMessage(event.data)) return;
      const message = event.data;
      if (message.type === 'diarium-dev:item') {
        fake.setItem(message.item);
        resolve();
      } else if (message.type === 'diarium-dev:compose') {
        fake.updateCompose(message.patch);
      } else if (message.type === 'diarium-dev:theme') {
        fake.setTheme(message.theme);
      }
    });
    toPage({ type: 'diarium-dev:ready' });
    // Opened on its own, outside the page: start with no item rather than wait for ever.
    setTimeout(resolve, 2000);
  });
}

async function main() {
  await connectToPage();
  const config = await loadRuntimeConfig().catch(() => RuntimeConfigSchema.parse({}));
  startPane({ host: createOfficeHost(fake.office), tokens, config: { ...config, auth: 'dev' }, element });
}

main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  showStartMessage(element, displayLanguage, (t) => t('app.failed', { reason }));
});
