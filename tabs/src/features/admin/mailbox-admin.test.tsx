import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderTab } from '../../test/render.tsx';
import { problemBody, useTestServer } from '../../test/server.ts';
import { AdminEntry } from './AdminEntry.tsx';
import { BUILDING, REGISTRY, serveAdmin } from './test-data.ts';

const server = useTestServer();

// As in a browser, what the user clicks has focus.
const press = (element: HTMLElement) => {
  element.focus();
  fireEvent.click(element);
};
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });
const rule = (n: number) => screen.getByRole('group', { name: new RegExp(`^Regel ${n}:`) });

/** Opens the settings as an administrator, and the form of Ekby kommun. */
async function openKommunen(options: Parameters<typeof serveAdmin>[0] = {}) {
  const api = serveAdmin(options);
  server.use(...api.handlers);
  renderTab(<AdminEntry />);
  press(await screen.findByRole('button', { name: 'Funktionsbrevlådor' }));
  press(await screen.findByRole('button', { name: 'Ändra Ekby kommun' }));
  await screen.findByRole('form', { name: 'Ändra Ekby kommun' });
  return api;
}

describe('the settings of function mailboxes, for administrators', () => {
  it('is not offered to those who administer no diary', async () => {
    const api = serveAdmin({ roles: ['registrar'] });
    server.use(...api.handlers);
    renderTab(<AdminEntry />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Funktionsbrevlådor' })).toBeNull();
  });

  it('lists each mailbox with where its sync stands and what it does by default', async () => {
    server.use(...serveAdmin().handlers);
    renderTab(<AdminEntry />);
    press(await screen.findByRole('button', { name: 'Funktionsbrevlådor' }));

    const list = await screen.findByRole('list', { name: 'Funktionsbrevlådorna' });
    const [item] = within(list).getAllByRole('listitem');
    expect(within(item!).getByText('Ekby kommun <kommunen@ekby.se>')).toBeTruthy();
    expect(within(item!).getByText('Senast synkad 23 nov. 2026 09:00')).toBeTruthy();
    expect(within(item!).getByText('Synkningen misslyckades: GraphError: 503 Service Unavailable')).toBeTruthy();
    expect(within(item!).getByText('Standardkö: Registraturen. Tidsfrist: 2 arbetsdagar. Regler: 1.')).toBeTruthy();
    const members = screen.getByRole('list', { name: 'Medlemmar i Registraturen' });
    expect(within(members).getByText('Karin Lindqvist (karin.lindqvist@ekby.se)')).toBeTruthy();
  });

  it('removes a queue after asking, and says why one a mailbox sends to stays', async () => {
    const api = serveAdmin();
    server.use(...api.handlers);
    renderTab(<AdminEntry />);
    press(await screen.findByRole('button', { name: 'Funktionsbrevlådor' }));
    const queues = await screen.findByRole('list', { name: 'Köerna' });

    press(within(queues).getByRole('button', { name: 'Ta bort kön Registraturen' }));
    const confirm = within(queues).getByRole('group', { name: 'Ta bort kön' });
    expect(confirm.textContent).toContain('Ta bort kön Registraturen? Dess medlemmar tas bort ur den.');
    press(within(confirm).getByRole('button', { name: 'Ja, ta bort' }));
    expect(await within(queues).findByText('Kön är standardkö för Ekby kommun. Välj en annan standardkö där först.')).toBeTruthy();

    press(within(queues).getByRole('button', { name: 'Ta bort kön Bygglov' }));
    press(within(within(queues).getByRole('group', { name: 'Ta bort kön' })).getByRole('button', { name: 'Ja, ta bort' }));
    expect(await screen.findByText('Kön Bygglov är borttagen.')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Köerna' })).queryByText('Bygglov')).toBeNull());
    expect(api.state.sent.filter((c) => c.method === 'DELETE').map((c) => [c.path, c.ifMatch])).toEqual([
      [`/admin/queues/${REGISTRY.id}`, `"${REGISTRY.version}"`],
      [`/admin/queues/${BUILDING.id}`, `"${BUILDING.version}"`],
    ]);
  });

  it('edits a rule, adds one, moves it first, and saves the rules in their order with the version read', async () => {
    const api = await openKommunen();

    const form = screen.getByRole('form', { name: 'Ändra Ekby kommun' });
    expect((within(form).getByRole('textbox', { name: /^Adress/ }) as HTMLInputElement).readOnly).toBe(true);
    type(within(rule(1)).getByRole('textbox', { name: /^Ord eller fraser/ }), 'bygglov, rivningslov');
    type(within(rule(1)).getByRole('combobox', { name: 'Hur många av orden' }), 'all');

    press(within(form).getByRole('button', { name: 'Lägg till regel' }));
    type(within(rule(2)).getByRole('textbox', { name: /^Regelns namn/ }), 'Nyhetsbrev');
    type(within(rule(2)).getByRole('combobox', { name: 'Villkor 1' }), 'bulk');
    type(within(rule(2)).getByRole('combobox', { name: 'Åtgärd 1' }), 'flagUnimportant');
    press(within(rule(2)).getByRole('button', { name: 'Flytta upp' }));
    expect(await screen.findByText('Regeln ”Nyhetsbrev” är nu nummer 1.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Flytta upp'));
    expect(within(rule(1)).getByRole('textbox', { name: /^Regelns namn/ })).toHaveProperty('value', 'Nyhetsbrev');

    press(within(form).getByRole('button', { name: 'Spara' }));

    expect(await screen.findByText('Ekby kommun är sparad.')).toBeTruthy();
    expect(api.state.sent).toHaveLength(1);
    const [sent] = api.state.sent;
    expect(sent!.ifMatch).toBe('"aaaaaaaaaaaaaaaa"');
    expect(sent!.body).toMatchObject({
      displayName: 'Ekby kommun',
      defaultQueueId: REGISTRY.id,
      deadlineWorkingDays: 2,
      handledFolder: null,
      rules: [
        { name: 'Nyhetsbrev', enabled: true, stopProcessing: true, conditions: [{ type: 'bulk' }], actions: [{ type: 'flagUnimportant' }] },
        {
          id: '90000000-0000-4000-8000-000000000001',
          name: 'Bygglov',
          conditions: [{ type: 'subjectWords', words: ['bygglov', 'rivningslov'], match: 'all' }],
          actions: [{ type: 'queue', queueId: BUILDING.id }],
        },
      ],
    });
  });

  it('pauses a mailbox, which the list then says is paused', async () => {
    const api = await openKommunen();
    const reading = screen.getByRole('switch', { name: 'Läs in ny post från brevlådan' }) as HTMLInputElement;
    expect(reading.checked).toBe(true);
    press(reading);
    press(screen.getByRole('button', { name: 'Spara' }));

    expect(await screen.findByText('Ekby kommun är sparad.')).toBeTruthy();
    expect(api.state.sent[0]!.body).toMatchObject({ active: false });
    expect(await screen.findByText('Pausad: ny post läses inte in. Det som redan finns i köerna hanteras som vanligt.')).toBeTruthy();
  });

  it('shows the error at the field the API names, and keeps what was typed', async () => {
    const api = await openKommunen({
      answer: () =>
        HttpResponse.json(
          problemBody(400, 'validation_failed', 'Ogiltiga uppgifter', [{ field: 'rules.0.conditions.0.domain', message: 'Ange en domän, t.ex. kommun.se.' }]),
          { status: 400 },
        ),
    });

    type(within(rule(1)).getByRole('combobox', { name: 'Villkor 1' }), 'senderDomain');
    type(within(rule(1)).getByRole('textbox', { name: /^Domän/ }), 'inte en domän');
    type(screen.getByRole('textbox', { name: /^Namn/ }), 'Ekby kommuns brevlåda');
    press(screen.getByRole('button', { name: 'Spara' }));

    expect(await screen.findByText('Ange en domän, t.ex. kommun.se.')).toBeTruthy();
    expect(screen.getByText('Rätta de markerade fälten och försök igen. Det du skrev finns kvar.', { exact: false })).toBeTruthy();
    expect(within(rule(1)).getByRole('textbox', { name: /^Domän/ })).toHaveProperty('value', 'inte en domän');
    expect(screen.getByRole('textbox', { name: /^Namn/ })).toHaveProperty('value', 'Ekby kommuns brevlåda');
    expect(api.state.sent[0]!.body).toMatchObject({ rules: [{ conditions: [{ type: 'senderDomain', domain: 'inte en domän' }] }] });
  });

  it('asks for what is missing before sending anything', async () => {
    const api = await openKommunen();

    type(within(rule(1)).getByRole('combobox', { name: 'Åtgärd 1' }), 'assign');
    press(screen.getByRole('button', { name: 'Spara' }));

    expect(await screen.findByText('Fyll i fältet.')).toBeTruthy();
    expect(api.state.sent).toEqual([]);
  });

  it('does not overwrite a change someone else made first, and loads the latest version on request', async () => {
    const api = await openKommunen();
    api.state.mailbox = { ...api.state.mailbox, deadlineWorkingDays: 5, version: 'cccccccccccccccc' };

    type(screen.getByRole('spinbutton', { name: /^Tidsfrist i arbetsdagar/ }), '3');
    press(screen.getByRole('button', { name: 'Spara' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Någon annan har ändrat funktionsbrevlådan sedan du öppnade den. Det du skrev finns kvar.');
    expect(screen.getByRole('spinbutton', { name: /^Tidsfrist i arbetsdagar/ })).toHaveProperty('value', '3');
    press(within(alert).getByRole('button', { name: 'Läs in senaste versionen' }));
    await waitFor(() => expect(screen.getByRole('spinbutton', { name: /^Tidsfrist i arbetsdagar/ })).toHaveProperty('value', '5'));
  });
});
