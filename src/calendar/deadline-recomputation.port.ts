/**
 * The port through which a calendar change reaches the appeals' deadlines. The calendar owns the
 * working days; the appeals module owns appeal_state, appeal_events and the applicants' notices
 * (STYLE.md "A module never writes another module's tables"), so it implements this port and binds
 * it to CalendarService at start. Calendar never imports appeals.
 */
export interface DeadlineRecomputation {
  /**
   * Recomputes the deadlines of the open appeals in `range` whose terms span a changed date, in
   * one transaction of its own, each moved deadline recorded as a `deadline_moved` audit event and
   * the applicant notified after commit. Idempotent: a repeat finds nothing to move. Returns how
   * many appeals' deadlines moved.
   */
  recomputeSlice(input: RecomputeInput, range: AppealIdRange): Promise<number>;
}

export interface RecomputeInput {
  /** Dates whose working status changed; only terms spanning one of them can move. */
  readonly from: string;
  readonly to: string;
  readonly provisionalYears: readonly number[];
  readonly calendarVersion: number;
  readonly actorId: string | null;
  readonly at: Date;
  readonly year: number;
}

/** A slice of the uuid space; random v4 ids spread appeals evenly over slices. */
export interface AppealIdRange {
  readonly first: string;
  readonly last: string;
}
