"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.projectRoot = projectRoot;
exports.configPath = configPath;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
let cachedRoot;
/** The project root (where package.json is), the same from `src/` under jest and `dist/src/`. */
function projectRoot() {
    if (cachedRoot)
        return cachedRoot;
    let dir = __dirname;
    while (!(0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'package.json')) || dir.endsWith(`${'dist'}`)) {
        const parent = (0, node_path_1.dirname)(dir);
        if (parent === dir)
            throw new Error('project root not found');
        dir = parent;
    }
    cachedRoot = dir;
    return dir;
}
/** Reference data that is not secret lives in config/ (STYLE.md "Layout"). */
function configPath(...parts) {
    return (0, node_path_1.join)(projectRoot(), 'config', ...parts);
}
//# sourceMappingURL=paths.js.map