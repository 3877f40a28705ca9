import type { Locale, MessageKey } from '@diarium/core';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The start page of `npm start`: pick a demo user and search the register as them. It
 * shows what the API does; the real front ends are the add-in, the tabs and the bot.
 */
export function landingPage(locale: Locale, text: (key: MessageKey) => string): string {
  const strings = {
    empty: text('dev.search.empty'),
    restricted: text('access.restricted'),
    open: text('status.open'),
    closed: text('status.closed'),
    cancelled: text('status.cancelled'),
  };
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(text('dev.title'))}</title>
<style>
  :root { color-scheme: light dark; --fg: #242424; --bg: #ffffff; --muted: #616161; --accent: #0f6cbd; --button: #0f6cbd; --line: #d1d1d1; }
  @media (prefers-color-scheme: dark) { :root { --fg: #ffffff; --bg: #1f1f1f; --muted: #c7c7c7; --accent: #479ef5; --button: #115ea3; --line: #5c5c5c; } }
  @media (forced-colors: active) { button { border: 1px solid ButtonText; } }
  body { font: 16px/1.5 "Segoe UI", system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
  main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  select, input, button { font: inherit; padding: .4rem .6rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
  button { background: var(--button); color: #fff; border-color: var(--button); cursor: pointer; }
  :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  .hint { color: var(--muted); margin: .25rem 0 0; }
  ul { list-style: none; padding: 0; }
  li { border-bottom: 1px solid var(--line); padding: .5rem 0; }
  .number { font-weight: 600; margin-right: .5rem; }
  .badge { font-size: .85rem; border: 1px solid var(--line); border-radius: 1rem; padding: 0 .5rem; margin-left: .5rem; }
</style>
</head>
<body>
<main>
  <h1>${escape(text('dev.title'))}</h1>
  <p>${escape(text('dev.intro'))}</p>
  <label for="user">${escape(text('dev.switcher.label'))}</label>
  <select id="user" aria-describedby="user-hint"></select>
  <p id="user-hint" class="hint">${escape(text('dev.switcher.hint'))}</p>
  <form id="search" role="search">
    <label for="q">${escape(text('dev.search.label'))}</label>
    <input id="q" name="q" type="search" autocomplete="off" placeholder="bygglov, KS 2026/0042 …">
    <button type="submit">${escape(text('dev.search.button'))}</button>
  </form>
  <div aria-live="polite"><ul id="results" aria-busy="true"></ul></div>
  <h2>${escape(text('dev.links'))}</h2>
  <ul>
    <li><a href="/dev/teams">${escape(text('dev.teams'))}</a></li>
    <li><a href="/dev/outlook">${escape(text('dev.outlook'))}</a></li>
    <li><a href="/api/v1/openapi.json">${escape(text('dev.api'))}</a></li>
  </ul>
</main>
<script type="application/json" id="strings">${JSON.stringify(strings).replace(/</g, '\\u003c')}</script>
<script type="module" src="/dev/landing.js"></script>
</body>
</html>`;
}

/** The page's script: plain browser JavaScript, no build step. */
export const LANDING_SCRIPT = `
const strings = JSON.parse(document.getElementById('strings').textContent);
const select = document.getElementById('user');
const results = document.getElementById('results');
let token = null;
const users = (await (await fetch('/dev/users')).json()).items;
for (const u of users) select.add(new Option(u.name + ' – ' + u.description, u.email));
select.value = localStorage.getItem('diarium.devUser') || users[0].email;
async function signIn() {
  localStorage.setItem('diarium.devUser', select.value);
  const res = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: select.value }) });
  token = (await res.json()).access_token;
}
// Only the latest search is shown: an older answer arriving late is dropped.
let latest = 0;
async function search(q) {
  const mine = ++latest;
  results.setAttribute('aria-busy', 'true');
  try { await render(q, mine); } finally { if (mine === latest) results.setAttribute('aria-busy', 'false'); }
}
async function render(q, mine) {
  const res = await fetch('/api/v1/cases?' + new URLSearchParams(q ? { q } : {}), { headers: { authorization: 'Bearer ' + token } });
  const body = await res.json();
  if (mine !== latest) return;
  results.replaceChildren();
  if (!res.ok) { const li = document.createElement('li'); li.textContent = body.detail; results.append(li); return; }
  if (body.items.length === 0) { const li = document.createElement('li'); li.textContent = strings.empty; results.append(li); return; }
  for (const c of body.items) {
    const li = document.createElement('li');
    const n = document.createElement('span'); n.className = 'number'; n.textContent = c.caseNumber;
    const title = document.createElement('span'); title.textContent = c.title;
    const status = document.createElement('span'); status.className = 'badge'; status.textContent = strings[c.status];
    li.append(n, title, status);
    if (c.access === 'restricted') { const b = document.createElement('span'); b.className = 'badge'; b.textContent = strings.restricted; li.append(b); }
    results.append(li);
  }
}
select.addEventListener('change', async () => {
  results.setAttribute('aria-busy', 'true');
  await signIn();
  await search(document.getElementById('q').value);
});
document.getElementById('search').addEventListener('submit', (e) => { e.preventDefault(); search(document.getElementById('q').value); });
await signIn();
// A link such as /?q=KS%202026%2F0042 (the add-in's "open the case" in npm start) searches at once.
const initial = new URLSearchParams(location.search).get('q') ?? '';
document.getElementById('q').value = initial;
await search(initial);
`;
