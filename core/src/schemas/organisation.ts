import { z } from 'zod';
import { DiaryRefSchema, IdSchema, RoleSchema, UnitRefSchema } from './common.ts';

export const DiarySchema = DiaryRefSchema.extend({ myRoles: z.array(RoleSchema) });
export type Diary = z.infer<typeof DiarySchema>;
export const DiaryListSchema = z.object({ items: z.array(DiarySchema) });

export const UnitSchema = UnitRefSchema.extend({ code: z.string().nullable() });
export type Unit = z.infer<typeof UnitSchema>;
export const UnitListSchema = z.object({ items: z.array(UnitSchema) });

export const DiaryRoleSchema = z.object({ diaryId: IdSchema, diary: z.string(), role: RoleSchema });
export type DiaryRole = z.infer<typeof DiaryRoleSchema>;

export const MeSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  organisation: z.object({ id: IdSchema, name: z.string() }),
  unit: UnitRefSchema.nullable(),
  roles: z.array(DiaryRoleSchema),
});
export type Me = z.infer<typeof MeSchema>;

/** A member of staff, as pickers list them. */
export const UserSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  unit: UnitRefSchema.nullable(),
  roles: z.array(DiaryRoleSchema),
});
export type User = z.infer<typeof UserSchema>;
export const UserListSchema = z.object({ items: z.array(UserSchema) });

/** GET /users: find colleagues by name or e-mail. */
export const UserQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** PUT /diaries/{prefix}/roles/{userId}: the user's roles in that diary, replacing the old ones. */
export const SetRolesSchema = z.strictObject({ roles: z.array(RoleSchema).max(4) });
export type SetRoles = z.infer<typeof SetRolesSchema>;

/** POST /cases/{ref}/grants: let a colleague read a confidential case. */
export const GrantAccessSchema = z.strictObject({ userId: IdSchema });
export type GrantAccess = z.infer<typeof GrantAccessSchema>;
