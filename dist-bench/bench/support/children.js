"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Child = void 0;
exports.killAllChildren = killAllChildren;
exports.stopAllChildren = stopAllChildren;
exports.freePort = freePort;
exports.waitForHealthy = waitForHealthy;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_net_1 = require("node:net");
/**
 * Child processes of a benchmark run (the app, the baseline server): started with their output in
 * a log file, stopped with SIGTERM (then SIGKILL), and always killed when the bench exits, so a
 * failed run leaves no orphan listening on a port.
 */
class Child {
    name;
    process;
    logFile;
    log;
    exited = false;
    exitPromise;
    constructor(name, process, logFile, log) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.log = log;
        this.exitPromise = new Promise((resolve) => {
            process.once('exit', (code, signal) => {
                this.exited = true;
                this.log.end();
                live.delete(this);
                resolve(code ?? (signal ? 128 : null));
            });
        });
    }
    static start(name, args, env, logFile) {
        const log = (0, node_fs_1.createWriteStream)(logFile);
        const proc = (0, node_child_process_1.spawn)(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        proc.stdout?.pipe(log, { end: false });
        proc.stderr?.pipe(log, { end: false });
        const child = new Child(name, proc, logFile, log);
        live.add(child);
        return child;
    }
    get hasExited() {
        return this.exited;
    }
    get exit() {
        return this.exitPromise;
    }
    /** Graceful stop (lets `--cpu-prof` write its profile), SIGKILL after `graceMs`. */
    async stop(graceMs = 10_000) {
        if (this.exited)
            return;
        this.process.kill('SIGTERM');
        const timer = setTimeout(() => {
            if (!this.exited)
                this.process.kill('SIGKILL');
        }, graceMs);
        await this.exitPromise;
        clearTimeout(timer);
    }
    /** The last lines of the child's log, for failure messages. */
    tail(lines = 30) {
        try {
            return (0, node_fs_1.readFileSync)(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
        }
        catch {
            return '(no log)';
        }
    }
}
exports.Child = Child;
const live = new Set();
/** Synchronous last resort (process 'exit' handlers cannot wait). */
function killAllChildren() {
    for (const child of live) {
        if (!child.hasExited)
            child.process.kill('SIGKILL');
    }
}
async function stopAllChildren() {
    await Promise.all([...live].map((child) => child.stop(5_000)));
}
function freePort() {
    return new Promise((resolve, reject) => {
        const server = (0, node_net_1.createServer)();
        server.unref();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}
/** Polls `url` until it answers 200; fails early when the child dies. */
async function waitForHealthy(child, url, timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
        if (child.hasExited)
            throw new Error(`${child.name} exited during start-up; log ${child.logFile}:\n${child.tail()}`);
        try {
            const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
            if (response.status === 200)
                return;
            last = `HTTP ${response.status}`;
        }
        catch (error) {
            last = error.message;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${child.name} not healthy at ${url} after ${timeoutMs} ms (${last}); log ${child.logFile}:\n${child.tail()}`);
}
//# sourceMappingURL=children.js.map