"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CurrentActor = exports.Roles = exports.Public = exports.ROLES_KEY = exports.PUBLIC_KEY = void 0;
const common_1 = require("@nestjs/common");
exports.PUBLIC_KEY = 'auth:public';
exports.ROLES_KEY = 'auth:roles';
/** No token needed (health, docs, login, register, the calendar calculator). */
const Public = () => (0, common_1.SetMetadata)(exports.PUBLIC_KEY, true);
exports.Public = Public;
/** Only these roles may call the route. */
const Roles = (...roles) => (0, common_1.SetMetadata)(exports.ROLES_KEY, roles);
exports.Roles = Roles;
exports.CurrentActor = (0, common_1.createParamDecorator)((_, context) => {
    const actor = context.switchToHttp().getRequest().actor;
    if (!actor)
        throw new Error('CurrentActor used on a public route');
    return actor;
});
//# sourceMappingURL=auth.decorators.js.map