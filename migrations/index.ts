import { InitialSchema1763776800000 } from './1763776800000-initial-schema';

/** Every migration in order. Listed explicitly so the same list works from TS (tests) and JS (dist). */
export const MIGRATIONS = [InitialSchema1763776800000];
