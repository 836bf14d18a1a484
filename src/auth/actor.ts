export const ROLES = ['citizen', 'registrar', 'official', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['registrar', 'official', 'supervisor'];

/** Who is asking: every case read or action starts from this (DEVELOPERS.md "Security"). */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly agencyId: string | null;
  /** Set for a person signed in through a session (bearer token or page cookie); absent for actors the system makes itself. */
  readonly session?: ActorSession;
}

/** What the session check read from the account, so hot paths (intake) need no second query. */
export interface ActorSession {
  readonly id: string;
  readonly email: string;
  readonly emailVerified: boolean;
  /** STAFF_TOTP_REQUIRED names the role and no second factor is enrolled yet: only enrolment and sign-out are open. */
  readonly totpEnrolmentRequired: boolean;
}

export function isStaff(actor: Actor): boolean {
  return STAFF_ROLES.includes(actor.role);
}
