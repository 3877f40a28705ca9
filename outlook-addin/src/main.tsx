import { naaTokenSource } from './auth/naa.ts';
import { apiScopeOf, loadRuntimeConfig } from './config/runtime-config.ts';
import { createOfficeHost } from './host/office-host.ts';
import { showStartMessage, startPane } from './app/start.tsx';
import { devTokenSource } from '@diarium/core';

// The task pane inside Outlook: Office.js comes from Microsoft's CDN (see taskpane.html).
const element = document.getElementById('root')!;

async function main() {
  const ready = typeof Office === 'undefined' ? null : await Office.onReady();
  if (!ready || ready.host !== Office.HostType.Outlook) {
    showStartMessage(element, navigator.language, (t) => t('app.outsideOutlook'));
    return;
  }
  const host = createOfficeHost(Office);
  let config;
  try {
    config = await loadRuntimeConfig();
  } catch (error) {
    showStartMessage(element, host.displayLanguage, (t) => t('app.config.failed', { reason: String(error) }));
    return;
  }
  if (config.auth === 'dev') {
    // Sideloaded against `npm start`: the dev issuer signs a token for the mailbox's own user.
    startPane({ host, config, element, tokens: devTokenSource(host.userEmail ?? '', { baseUrl: config.apiBaseUrl }) });
    return;
  }
  if (!config.clientId) {
    showStartMessage(element, host.displayLanguage, (t) => t('app.config.failed', { reason: 'clientId' }));
    return;
  }
  const tokens = naaTokenSource({
    clientId: config.clientId,
    authority: config.authority,
    scope: apiScopeOf(config, window.location.host),
    loginHint: host.userEmail,
  });
  startPane({ host, config, element, tokens });
}

main().catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  showStartMessage(element, navigator.language, (t) => t('app.failed', { reason }));
});
