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
