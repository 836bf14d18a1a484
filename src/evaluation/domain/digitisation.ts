import { Colour, ColourThresholds, DEFAULT_COLOUR_THRESHOLDS, EvaluationInputError, FieldError, colourFor } from './methodology';

export interface DigitisationShare {
  /** N: services of the agency that can be made electronic (sect. 3). */
  readonly servicesTotal: number;
  /** M: of them, those offered electronically. */
  readonly servicesElectronic: number;
  /** M / N, exact; null when N = 0 (nothing to digitise is not 0 % digitised). */
  readonly share: number | null;
  /** Whole percent for display only (54 / 35 -> 65); the colour is decided on the exact share. */
  readonly percent: number | null;
  readonly colour: Colour | null;
}

function checkCount(value: number, field: string, fields: FieldError[]): void {
  if (!Number.isInteger(value) || value < 0) fields.push({ field, message: 'must be a non-negative integer' });
}

/**
 * Agency digitisation share and its traffic light (methodology sect. 3).
 * Boundaries follow the source's key, both strict "more than": share > 0.75 green;
 * 0.50 < share <= 0.75 yellow (so exactly 75 % is yellow); share <= 0.50 red (so exactly 50 % is
 * red, matching sect. 4 where 0-50 % scores 0). The colour uses the exact fraction, not the
 * rounded percent: 75.4 % shows as "75 %" but is green.
 * M > N is rejected (the source's row "7 77 100%" is a misprint, not a rule).
 */
export function digitisationShare(
  servicesTotal: number,
  servicesElectronic: number,
  thresholds: ColourThresholds = DEFAULT_COLOUR_THRESHOLDS,
): DigitisationShare {
  const fields: FieldError[] = [];
  checkCount(servicesTotal, 'servicesTotal', fields);
  checkCount(servicesElectronic, 'servicesElectronic', fields);
  if (fields.length === 0 && servicesElectronic > servicesTotal) {
    fields.push({ field: 'servicesElectronic', message: 'cannot exceed servicesTotal' });
  }
  if (fields.length > 0) throw new EvaluationInputError(fields);

  if (servicesTotal === 0) {
    return { servicesTotal, servicesElectronic, share: null, percent: null, colour: null };
  }
  const share = servicesElectronic / servicesTotal;
  return {
    servicesTotal,
    servicesElectronic,
    share,
    // One division of integers, so halves stay exact (29 / 200 -> 14.5 % -> 15, not 14).
    percent: Math.round((servicesElectronic * 100) / servicesTotal),
    colour: colourFor(share, thresholds),
  };
}
