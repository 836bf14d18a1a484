"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.digitisationShare = digitisationShare;
const methodology_1 = require("./methodology");
function checkCount(value, field, fields) {
    if (!Number.isInteger(value) || value < 0)
        fields.push({ field, message: 'must be a non-negative integer' });
}
/**
 * Agency digitisation share and its traffic light (methodology sect. 3).
 * Boundaries follow the source's key, both strict "more than": share > 0.75 green;
 * 0.50 < share <= 0.75 yellow (so exactly 75 % is yellow); share <= 0.50 red (so exactly 50 % is
 * red, matching sect. 4 where 0-50 % scores 0). The colour uses the exact fraction, not the
 * rounded percent: 75.4 % shows as "75 %" but is green.
 * M > N is rejected (the source's row "7 77 100%" is a misprint, not a rule).
 */
function digitisationShare(servicesTotal, servicesElectronic, thresholds = methodology_1.DEFAULT_COLOUR_THRESHOLDS) {
    const fields = [];
    checkCount(servicesTotal, 'servicesTotal', fields);
    checkCount(servicesElectronic, 'servicesElectronic', fields);
    if (fields.length === 0 && servicesElectronic > servicesTotal) {
        fields.push({ field: 'servicesElectronic', message: 'cannot exceed servicesTotal' });
    }
    if (fields.length > 0)
        throw new methodology_1.EvaluationInputError(fields);
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
        colour: (0, methodology_1.colourFor)(share, thresholds),
    };
}
//# sourceMappingURL=digitisation.js.map