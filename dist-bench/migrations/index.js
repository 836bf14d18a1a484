"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = void 0;
const _1763776800000_initial_schema_1 = require("./1763776800000-initial-schema");
/** Every migration in order. Listed explicitly so the same list works from TS (tests) and JS (dist). */
exports.MIGRATIONS = [_1763776800000_initial_schema_1.InitialSchema1763776800000];
//# sourceMappingURL=index.js.map