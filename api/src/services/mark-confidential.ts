import type { Confidentiality, ConfidentialityInput } from '@diarium/core';
import type { Actor } from './context.ts';

/** The sekretessmarkering for a request that asks for one: the provision, when and by whom. */
export function markConfidential(input: ConfidentialityInput | undefined, now: Date, actor: Actor): Confidentiality | null {
  return input ? { provision: input.provision, markedAt: now.toISOString(), markedBy: actor.user } : null;
}
