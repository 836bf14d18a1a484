export const ROLES = ['citizen', 'registrar', 'official', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['registrar', 'official', 'supervisor'];

/** Who is asking: every case read or action starts from this (DEVELOPERS.md "Security"). */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly agencyId: string | null;
}

export function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.includes(actor.role);
}
