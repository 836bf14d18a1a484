/**
 * The per-citizen intake quota (issue 13, API.md `APPEALS_PER_CITIZEN_PER_DAY`): at most `limit`
 * portal appeals by one citizen in any 24 hours. A rolling window rather than the Baku calendar
 * day: a calendar day would let 2 x limit through around midnight, and the window tells the
 * citizen exactly when the next appeal is accepted. Staff registering paper appeals are not
 * limited, and cases made from a citizen's appeal by referral or copy are not theirs to count.
 */
export const INTAKE_QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The start of the window that ends at `now`: appeals registered after it count. */
export function intakeQuotaWindowStart(now: Date): Date {
  return new Date(now.getTime() - INTAKE_QUOTA_WINDOW_MS);
}

/**
 * Seconds until the citizen may submit again, or null while under the quota. `limitThNewest` is
 * the registration instant of the citizen's `limit`-th newest appeal inside the window (undefined
 * when there are fewer): the quota frees when it leaves the window, as every older one has left by then.
 */
export function intakeQuotaRetryAfterSeconds(limitThNewest: Date | undefined, now: Date): number | null {
  if (limitThNewest === undefined) return null;
  const freesAt = limitThNewest.getTime() + INTAKE_QUOTA_WINDOW_MS;
  return Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000));
}
