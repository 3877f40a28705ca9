import { jwtVerify } from 'jose';
import type { DevIssuer } from '../../auth/dev-issuer.ts';
import { DEMO_SHARED_MAILBOX, loadDemoMail } from '../../demo/mail.ts';
import { DEMO_GENERAL_CHANNEL, DEMO_TEAM, demoChannelFiles } from '../../demo/teams.ts';
import { GraphDrives } from './drives.ts';
import { createGraphEmulator, type GraphCaller, type GraphEmulator } from './emulator.ts';
import { GraphMailboxes } from './mailboxes.ts';

/**
 * The emulated Graph `npm start` serves at /dev/graph/v1.0: the shared mailbox
 * registrator@ekby.se, and for each demo user, on their first call, their own mailbox with
 * Ekby's sample mail; and the team Ekby kommun – Projekt Sjövik, whose channel Detaljplan
 * Sjövik 2:14 holds sample files. It trusts the dev issuer's tokens, as Graph trusts Entra's.
 */
export async function createDevGraph(issuer: DevIssuer): Promise<GraphEmulator> {
  const [inbox, shared] = await Promise.all([loadDemoMail('inbox'), loadDemoMail('registrator')]);
  const mailboxes = new GraphMailboxes();
  mailboxes.addMailbox({ ...DEMO_SHARED_MAILBOX, kind: 'shared' });
  for (const { raw } of shared) await mailboxes.addMessage(DEMO_SHARED_MAILBOX.address, raw);

  const drives = new GraphDrives();
  drives.addTeam({ id: DEMO_TEAM.id, displayName: DEMO_TEAM.displayName });
  drives.addChannel(DEMO_TEAM.id, DEMO_TEAM.channel);
  drives.addChannel(DEMO_TEAM.id, DEMO_GENERAL_CHANNEL);
  for (const file of demoChannelFiles()) drives.addFile(DEMO_TEAM.id, DEMO_TEAM.channel.id, file);

  return createGraphEmulator({
    mailboxes,
    drives,
    authenticate: async (token): Promise<GraphCaller | null> => {
      try {
        const { payload } = await jwtVerify(token, issuer.getKey, { issuer: issuer.issuer, algorithms: ['RS256'] });
        if (payload.idtyp === 'app') return { kind: 'app', appId: String(payload.azp ?? '') };
        const address = String(payload.preferred_username ?? '');
        if (typeof payload.oid !== 'string' || !address) return null;
        return { kind: 'user', objectId: payload.oid, address, name: String(payload.name ?? address) };
      } catch {
        return null;
      }
    },
    provision: async (caller, boxes) => {
      boxes.addMailbox({ address: caller.address, objectId: caller.objectId, displayName: caller.name });
      for (const { raw } of inbox) await boxes.addMessage(caller.address, raw);
    },
  });
}
