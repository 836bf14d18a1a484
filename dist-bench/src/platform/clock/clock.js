"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.FixedClock = exports.SystemClock = exports.Clock = void 0;
exports.bakuDateOf = bakuDateOf;
/**
 * Every deadline decision reads time through this port, so tests can pin it (STYLE.md "Tests").
 */
class Clock {
}
exports.Clock = Clock;
class SystemClock extends Clock {
    now() {
        return new Date();
    }
}
exports.SystemClock = SystemClock;
/** A clock that stands still until moved; used by tests and benchmarks. */
class FixedClock extends Clock {
    current;
    constructor(current) {
        super();
        this.current = current;
    }
    now() {
        return new Date(this.current.getTime());
    }
    set(at) {
        this.current = new Date(at.getTime());
    }
    advance(ms) {
        this.current = new Date(this.current.getTime() + ms);
    }
}
exports.FixedClock = FixedClock;
const bakuDate = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Baku',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
});
/** The calendar date in Asia/Baku (YYYY-MM-DD) of an instant: the law's days are Baku days. */
function bakuDateOf(instant) {
    return bakuDate.format(instant);
}
//# sourceMappingURL=clock.js.map