import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cachedRoot: string | undefined;

/** The project root (where package.json is), the same from `src/` under jest and `dist/src/`. */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('project root not found');
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

/** Reference data that is not secret lives in config/ (STYLE.md "Layout"). */
export function configPath(...parts: string[]): string {
  return join(projectRoot(), 'config', ...parts);
}
