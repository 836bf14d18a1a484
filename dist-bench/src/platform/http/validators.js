"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrimToUndefined = void 0;
exports.IsDateOnly = IsDateOnly;
exports.isDateOnly = isDateOnly;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
/** A real calendar date written YYYY-MM-DD (API.md "Conventions"). */
function IsDateOnly(options) {
    return (0, class_validator_1.ValidateBy)({
        name: 'isDateOnly',
        validator: {
            validate: (value) => typeof value === 'string' && isDateOnly(value),
            defaultMessage: (args) => `${args?.property ?? 'value'} must be a real date written YYYY-MM-DD`,
        },
    }, options);
}
function isDateOnly(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match)
        return false;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toISOString().slice(0, 10) === value;
}
/** Trims strings and turns an empty one into undefined, so "" never passes as a value. */
const TrimToUndefined = () => (0, class_transformer_1.Transform)(({ value }) => {
    if (typeof value !== 'string')
        return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
});
exports.TrimToUndefined = TrimToUndefined;
//# sourceMappingURL=validators.js.map