"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STAFF_ROLES = exports.ROLES = void 0;
exports.isStaff = isStaff;
exports.ROLES = ['citizen', 'registrar', 'official', 'supervisor', 'admin'];
exports.STAFF_ROLES = ['registrar', 'official', 'supervisor'];
function isStaff(actor) {
    return exports.STAFF_ROLES.includes(actor.role);
}
//# sourceMappingURL=actor.js.map