"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_COLOUR_THRESHOLDS = exports.MethodologyConfigError = exports.EvaluationInputError = exports.METHODOLOGY_INVALID = exports.INFRASTRUCTURE_COMPONENTS = exports.MATURITY_LEVELS = void 0;
exports.colourFor = colourFor;
exports.parseMethodology = parseMethodology;
/**
 * The versioned e-service evaluation methodology (domain/evaluation-methodology.md), read from
 * `config/methodology/<version>.json`. Pure: the caller loads the JSON and passes it in.
 */
const domain_error_1 = require("../../platform/errors/domain-error");
exports.MATURITY_LEVELS = [1, 2, 3, 4, 5];
exports.INFRASTRUCTURE_COMPONENTS = [
    'authenticSources',
    'eIdentity',
    'secureDelivery',
];
const CORRUPTION_BANDS = ['basic', 'good', 'excellent'];
exports.METHODOLOGY_INVALID = 'METHODOLOGY_INVALID';
/**
 * Bad answers or counts handed to a calculator. A DomainError with the shared 'VALIDATION_FAILED'
 * code, so the problem filter answers 422 with these entries as `errors` (API.md "Errors").
 */
class EvaluationInputError extends domain_error_1.DomainError {
    constructor(fields) {
        super('VALIDATION_FAILED', `Invalid evaluation input: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
        this.name = 'EvaluationInputError';
    }
    /** The offending fields (`answers.7`, `servicesElectronic`, ...); same list as `errors`. */
    get fields() {
        return this.errors;
    }
}
exports.EvaluationInputError = EvaluationInputError;
/** A broken methodology file: a deployment bug, so a plain Error that fails the boot, not a 4xx. */
class MethodologyConfigError extends Error {
    fields;
    code = exports.METHODOLOGY_INVALID;
    constructor(fields) {
        super(`Invalid methodology: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`);
        this.fields = fields;
        this.name = 'MethodologyConfigError';
    }
}
exports.MethodologyConfigError = MethodologyConfigError;
// Equal-to-threshold tolerance: a weighted mean such as 0.7 * 0.75 + 0.3 * 0.75 comes out as
// 0.7499999999999999; float noise must not move a value across a boundary.
const THRESHOLD_EPSILON = 1e-9;
/** Sect. 3 traffic light for a fraction 0..1; see ColourThresholds for the boundaries. */
function colourFor(fraction, thresholds) {
    if (fraction > thresholds.greenAbove + THRESHOLD_EPSILON)
        return 'green';
    if (fraction > thresholds.yellowAbove + THRESHOLD_EPSILON)
        return 'yellow';
    return 'red';
}
/** Default thresholds, identical to config/methodology/v1.json (a spec keeps them in step). */
exports.DEFAULT_COLOUR_THRESHOLDS = { greenAbove: 0.75, yellowAbove: 0.5 };
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Array.isArray narrows to any[]; this keeps the elements unknown until checked. */
function isJsonArray(value) {
    return Array.isArray(value);
}
function isFraction(value) {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}
function isNonNegativeInteger(value) {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
function isPositiveFinite(value) {
    return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
function isBand(value) {
    return typeof value === 'string' && CORRUPTION_BANDS.includes(value);
}
function isLevel(value) {
    return typeof value === 'number' && exports.MATURITY_LEVELS.includes(value);
}
/** Collects every problem so one run of the parser reports them all. */
class Issues {
    list = [];
    add(field, message) {
        this.list.push({ field, message });
    }
}
function parseText(value, field, issues) {
    if (!isRecord(value) ||
        typeof value.az !== 'string' ||
        value.az.trim() === '' ||
        typeof value.en !== 'string' ||
        value.en.trim() === '') {
        issues.add(field, 'must be { az, en } with non-empty strings');
        return { az: '', en: '' };
    }
    return { az: value.az, en: value.en };
}
function parseIndicators(value, issues) {
    if (!isJsonArray(value) || value.length === 0) {
        issues.add('indicators', 'must be a non-empty array');
        return [];
    }
    const seen = new Set();
    const result = [];
    value.forEach((raw, i) => {
        const field = `indicators[${i}]`;
        if (!isRecord(raw)) {
            issues.add(field, 'must be an object');
            return;
        }
        const number = raw.number;
        if (!isNonNegativeInteger(number) || number < 1) {
            issues.add(`${field}.number`, 'must be a positive integer');
            return;
        }
        if (seen.has(number))
            issues.add(`${field}.number`, `duplicate indicator ${number}`);
        seen.add(number);
        const levels = raw.levels;
        if (!isJsonArray(levels) || levels.length === 0 || !levels.every(isLevel)) {
            issues.add(`${field}.levels`, 'must be a non-empty array of levels 1..5');
        }
        if (typeof raw.corruptionReducing !== 'boolean') {
            issues.add(`${field}.corruptionReducing`, 'must be a boolean');
        }
        result.push({
            number,
            name: parseText(raw.name, `${field}.name`, issues),
            levels: isJsonArray(levels) ? levels.filter(isLevel) : [],
            corruptionReducing: raw.corruptionReducing === true,
        });
    });
    return result.sort((a, b) => a.number - b.number);
}
function parseMandatory(value, indicators, issues) {
    const result = { 1: [], 2: [], 3: [], 4: [], 5: [] };
    if (!isRecord(value)) {
        issues.add('mandatoryByLevel', 'must be an object keyed "1".."5"');
        return result;
    }
    for (const key of Object.keys(value)) {
        if (!exports.MATURITY_LEVELS.map(String).includes(key)) {
            issues.add(`mandatoryByLevel.${key}`, 'unknown level (expected 1..5)');
        }
    }
    const byNumber = new Map(indicators.map((d) => [d.number, d]));
    for (const level of exports.MATURITY_LEVELS) {
        const field = `mandatoryByLevel.${level}`;
        const list = value[String(level)];
        // An empty set would make a level reachable with all "no" answers: never intended.
        if (!isJsonArray(list) || list.length === 0) {
            issues.add(field, 'must be a non-empty array of indicator numbers');
            continue;
        }
        const numbers = [];
        for (const n of list) {
            const def = typeof n === 'number' ? byNumber.get(n) : undefined;
            if (def === undefined) {
                issues.add(field, `unknown indicator ${String(n)}`);
            }
            else if (!def.levels.includes(level)) {
                // Sect. 2: an indicator can only be mandatory for a level it belongs to.
                issues.add(field, `indicator ${def.number} does not belong to level ${level}`);
            }
            else if (numbers.includes(def.number)) {
                issues.add(field, `duplicate indicator ${def.number}`);
            }
            else {
                numbers.push(def.number);
            }
        }
        result[level] = numbers;
    }
    return result;
}
function parseBands(value, corruptionIndicatorCount, issues) {
    if (!isJsonArray(value) || value.length === 0) {
        issues.add('corruptionBands', 'must be a non-empty array');
        return [];
    }
    const bands = [];
    let expectedMin = 0;
    // Stop at the first broken band: the ones after it would only repeat the same gap.
    for (const [i, raw] of value.entries()) {
        const field = `corruptionBands[${i}]`;
        if (!isRecord(raw)) {
            issues.add(field, 'must be an object');
            return bands;
        }
        const band = raw.band;
        if (!isBand(band)) {
            issues.add(`${field}.band`, `must be one of ${CORRUPTION_BANDS.join(', ')}`);
            return bands;
        }
        const min = raw.min;
        const rawMax = raw.max;
        const max = rawMax === null ? null : isNonNegativeInteger(rawMax) ? rawMax : undefined;
        // Bands must tile 0..(number of corruption indicators) with no gap or overlap, in order.
        if (!isNonNegativeInteger(min) || min !== expectedMin) {
            issues.add(`${field}.min`, `must be ${expectedMin} (bands are contiguous from 0)`);
            return bands;
        }
        if (max === undefined || (max !== null && max < min)) {
            issues.add(`${field}.max`, 'must be an integer >= min, or null for no upper bound');
            return bands;
        }
        if (max === null && i !== value.length - 1) {
            issues.add(`${field}.max`, 'only the last band may be open-ended');
            return bands;
        }
        bands.push({ band, min, max, name: parseText(raw.name, `${field}.name`, issues) });
        expectedMin = max === null ? Number.POSITIVE_INFINITY : max + 1;
    }
    if (new Set(bands.map((b) => b.band)).size !== bands.length) {
        issues.add('corruptionBands', 'each band name may appear once');
    }
    const last = bands[bands.length - 1];
    if (last !== undefined && last.max !== null && last.max < corruptionIndicatorCount) {
        issues.add('corruptionBands', `must cover scores up to ${corruptionIndicatorCount}`);
    }
    return bands;
}
function parseThresholds(value, issues) {
    if (!isRecord(value) ||
        !isFraction(value.greenAbove) ||
        !isFraction(value.yellowAbove) ||
        value.yellowAbove >= value.greenAbove) {
        issues.add('colourThresholds', 'must be { greenAbove, yellowAbove } fractions with yellowAbove < greenAbove');
        return exports.DEFAULT_COLOUR_THRESHOLDS;
    }
    return { greenAbove: value.greenAbove, yellowAbove: value.yellowAbove };
}
function parseInfrastructure(value, issues) {
    const empty = {
        percentagePassAbove: 0.5,
        components: {
            authenticSources: { az: '', en: '' },
            eIdentity: { az: '', en: '' },
            secureDelivery: { az: '', en: '' },
        },
        questions: [],
    };
    if (!isRecord(value)) {
        issues.add('infrastructure', 'must be an object');
        return empty;
    }
    if (!isFraction(value.percentagePassAbove)) {
        issues.add('infrastructure.percentagePassAbove', 'must be a fraction 0..1');
    }
    const rawComponents = isRecord(value.components) ? value.components : {};
    if (!isRecord(value.components))
        issues.add('infrastructure.components', 'must be an object');
    const components = {
        authenticSources: parseText(rawComponents.authenticSources, 'infrastructure.components.authenticSources', issues),
        eIdentity: parseText(rawComponents.eIdentity, 'infrastructure.components.eIdentity', issues),
        secureDelivery: parseText(rawComponents.secureDelivery, 'infrastructure.components.secureDelivery', issues),
    };
    const questions = [];
    if (!isJsonArray(value.questions)) {
        issues.add('infrastructure.questions', 'must be an array');
    }
    else {
        const ids = new Set();
        value.questions.forEach((raw, i) => {
            const field = `infrastructure.questions[${i}]`;
            if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id.trim() === '') {
                issues.add(field, 'must be an object with a non-empty string id');
                return;
            }
            if (ids.has(raw.id))
                issues.add(`${field}.id`, `duplicate question ${raw.id}`);
            ids.add(raw.id);
            const component = raw.component;
            if (typeof component !== 'string' ||
                !exports.INFRASTRUCTURE_COMPONENTS.includes(component)) {
                issues.add(`${field}.component`, `must be one of ${exports.INFRASTRUCTURE_COMPONENTS.join(', ')}`);
                return;
            }
            if (raw.kind !== 'yesNo' && raw.kind !== 'percentage') {
                issues.add(`${field}.kind`, 'must be "yesNo" or "percentage"');
                return;
            }
            questions.push({
                id: raw.id,
                component: component,
                kind: raw.kind,
                text: parseText(raw.text, `${field}.text`, issues),
            });
        });
        // Sect. 4: each component is the mean of its answers, so it needs at least one question.
        for (const component of exports.INFRASTRUCTURE_COMPONENTS) {
            if (!questions.some((q) => q.component === component)) {
                issues.add('infrastructure.questions', `no question for component ${component}`);
            }
        }
    }
    return {
        percentagePassAbove: isFraction(value.percentagePassAbove) ? value.percentagePassAbove : 0.5,
        components,
        questions,
    };
}
function parseResponsiveness(value, issues) {
    const fallback = { weights: { review: 0.7, referral: 0.3 }, minCohort: 20 };
    if (!isRecord(value)) {
        issues.add('responsiveness', 'must be an object');
        return fallback;
    }
    const weights = value.weights;
    let parsedWeights = fallback.weights;
    if (!isRecord(weights) || !isPositiveFinite(weights.review) || !isPositiveFinite(weights.referral)) {
        // Both must be positive: a zero weight would make "leave the component out" meaningless.
        issues.add('responsiveness.weights', 'must be { review, referral } positive finite numbers');
    }
    else {
        parsedWeights = { review: weights.review, referral: weights.referral };
    }
    if (!isNonNegativeInteger(value.minCohort)) {
        issues.add('responsiveness.minCohort', 'must be a non-negative integer');
    }
    return {
        weights: parsedWeights,
        minCohort: isNonNegativeInteger(value.minCohort) ? value.minCohort : fallback.minCohort,
    };
}
const TOP_LEVEL_KEYS = [
    'version',
    'source',
    'indicators',
    'mandatoryByLevel',
    'corruptionBands',
    'colourThresholds',
    'infrastructure',
    'responsiveness',
];
/**
 * Validates a methodology file and returns it typed. Throws MethodologyConfigError listing every
 * problem found (not only the first), so a bad file is fixed in one pass.
 */
function parseMethodology(json) {
    const issues = new Issues();
    if (!isRecord(json)) {
        throw new MethodologyConfigError([{ field: '', message: 'methodology must be a JSON object' }]);
    }
    for (const key of Object.keys(json)) {
        // Unknown keys are usually typos of a real setting that would silently fall back.
        if (!TOP_LEVEL_KEYS.includes(key))
            issues.add(key, 'unknown setting');
    }
    if (typeof json.version !== 'string' || json.version.trim() === '') {
        issues.add('version', 'must be a non-empty string');
    }
    if (json.source !== undefined && typeof json.source !== 'string') {
        issues.add('source', 'must be a string when present');
    }
    const indicators = parseIndicators(json.indicators, issues);
    const mandatoryByLevel = parseMandatory(json.mandatoryByLevel, indicators, issues);
    const corruptionCount = indicators.filter((d) => d.corruptionReducing).length;
    const corruptionBands = parseBands(json.corruptionBands, corruptionCount, issues);
    const colourThresholds = parseThresholds(json.colourThresholds, issues);
    const infrastructure = parseInfrastructure(json.infrastructure, issues);
    const responsiveness = parseResponsiveness(json.responsiveness, issues);
    if (issues.list.length > 0)
        throw new MethodologyConfigError(issues.list);
    return {
        version: json.version,
        indicators,
        mandatoryByLevel,
        corruptionBands,
        colourThresholds,
        infrastructure,
        responsiveness,
    };
}
//# sourceMappingURL=methodology.js.map