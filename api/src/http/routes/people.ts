import { Router } from 'express';
import { GrantAccessSchema, SetRolesSchema, UserQuerySchema } from '@diarium/core';
import type { Deps } from '../../services/context.ts';
import { setCaseAccess } from '../../services/grant-access.ts';
import { listUsers, setDiaryRoles } from '../../services/manage-users.ts';
import { actorOf } from '../context.ts';
import { localeOf } from '../problem.ts';
import { parseInput } from '../validate.ts';

/** /users, diary roles and case access grants: who may do what. */
export function peopleRouter(deps: Deps): Router {
  const router = Router();

  router.get('/users', async (req, res) => {
    const query = parseInput(UserQuerySchema, req.query, localeOf(req));
    res.json({ items: await listUsers(deps, actorOf(res), query) });
  });

  router.put('/diaries/:prefix/roles/:userId', async (req, res) => {
    const input = parseInput(SetRolesSchema, req.body, localeOf(req));
    res.json(await setDiaryRoles(deps, actorOf(res), req.params.prefix, req.params.userId, input));
  });

  router.post('/cases/:ref/grants', async (req, res) => {
    const { userId } = parseInput(GrantAccessSchema, req.body, localeOf(req));
    const { changed } = await setCaseAccess(deps, actorOf(res), req.params.ref, userId, true);
    res.status(changed ? 201 : 200).json({ userId, granted: true });
  });

  router.delete('/cases/:ref/grants/:userId', async (req, res) => {
    await setCaseAccess(deps, actorOf(res), req.params.ref, req.params.userId, false);
    res.status(204).end();
  });

  return router;
}
