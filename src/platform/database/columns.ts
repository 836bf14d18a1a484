import { ColumnOptions } from 'typeorm';

/** `timestamptz NOT NULL DEFAULT now()`, as the migrations write created_at and updated_at. */
export const TIMESTAMPTZ_NOW: ColumnOptions = { type: 'timestamptz', default: () => 'now()' };

/** A nullable `timestamptz` (ended_at, deleted_at, ...). */
export const TIMESTAMPTZ_NULL: ColumnOptions = { type: 'timestamptz', nullable: true };
