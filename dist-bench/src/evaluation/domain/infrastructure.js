"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.roundHalfUp = roundHalfUp;
exports.infrastructureIndex = infrastructureIndex;
const methodology_1 = require("./methodology");
/** Half-up rounding of a non-negative number; EPSILON keeps 0.125 -> 0.13 despite binary floats. */
function roundHalfUp(value, decimals) {
    const factor = 10 ** decimals;
    return Math.round((value + Number.EPSILON) * factor) / factor;
}
function scoreAnswer(question, answer, passAbove, fields) {
    const field = `answers.${question.id}`;
    if (answer === undefined) {
        fields.push({ field, message: 'missing answer' });
        return undefined;
    }
    if (question.kind === 'yesNo') {
        if (typeof answer !== 'boolean') {
            fields.push({ field, message: 'must be true or false' });
            return undefined;
        }
        return answer ? 1 : 0;
    }
    if (typeof answer !== 'number' || !Number.isFinite(answer) || answer < 0 || answer > 1) {
        fields.push({ field, message: 'must be a fraction between 0 and 1 (e.g. 0.51 for 51 %)' });
        return undefined;
    }
    // Sect. 4: "0-50 % -> 0, 51-100 % -> 1"; with fractions the cut is strictly above 0.50.
    return answer > passAbove ? 1 : 0;
}
/**
 * National e-infrastructure index from the expert survey (methodology sect. 4): each component is
 * the mean of its question scores, the index the unweighted mean of the three components.
 * Every question must be answered; unknown ids are rejected (a typo would otherwise be ignored).
 */
function infrastructureIndex(methodology, answers) {
    const settings = methodology.infrastructure;
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
        throw new methodology_1.EvaluationInputError([{ field: 'answers', message: 'must be an object keyed by question id' }]);
    }
    const given = answers;
    const fields = [];
    const scores = {};
    for (const question of settings.questions) {
        const own = Object.prototype.hasOwnProperty.call(given, question.id) ? given[question.id] : undefined;
        const score = scoreAnswer(question, own, settings.percentagePassAbove, fields);
        if (score !== undefined)
            scores[question.id] = score;
    }
    const known = new Set(settings.questions.map((q) => q.id));
    for (const key of Object.keys(given)) {
        if (!known.has(key))
            fields.push({ field: `answers.${key}`, message: 'unknown question' });
    }
    if (fields.length > 0)
        throw new methodology_1.EvaluationInputError(fields);
    const componentMean = (component) => {
        const own = settings.questions.filter((q) => q.component === component);
        return own.reduce((sum, q) => sum + scores[q.id], 0) / own.length;
    };
    const components = {
        authenticSources: componentMean('authenticSources'),
        eIdentity: componentMean('eIdentity'),
        secureDelivery: componentMean('secureDelivery'),
    };
    // Mean of the exact components, not of rounded ones: rounding happens once, at the end.
    const index = methodology_1.INFRASTRUCTURE_COMPONENTS.reduce((sum, c) => sum + components[c], 0) / methodology_1.INFRASTRUCTURE_COMPONENTS.length;
    const thresholds = methodology.colourThresholds;
    return {
        components,
        index,
        rounded: {
            components: {
                authenticSources: roundHalfUp(components.authenticSources, 2),
                eIdentity: roundHalfUp(components.eIdentity, 2),
                secureDelivery: roundHalfUp(components.secureDelivery, 2),
            },
            index: roundHalfUp(index, 2),
        },
        colours: {
            components: {
                authenticSources: (0, methodology_1.colourFor)(components.authenticSources, thresholds),
                eIdentity: (0, methodology_1.colourFor)(components.eIdentity, thresholds),
                secureDelivery: (0, methodology_1.colourFor)(components.secureDelivery, thresholds),
            },
            index: (0, methodology_1.colourFor)(index, thresholds),
        },
        scores,
        methodologyVersion: methodology.version,
    };
}
//# sourceMappingURL=infrastructure.js.map