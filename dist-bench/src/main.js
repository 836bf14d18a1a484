"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const launch_1 = require("./launcher/launch");
void (0, launch_1.launch)();
//# sourceMappingURL=main.js.map