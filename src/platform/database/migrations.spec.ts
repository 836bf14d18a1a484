import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../migrations';

const DIR = join(__dirname, '..', '..', '..', 'migrations');
const files = readdirSync(DIR)
  .filter((name) => /^\d+-.+\.ts$/.test(name))
  .sort();
const manifest = JSON.parse(readFileSync(join(DIR, 'checksums.json'), 'utf8')) as Record<string, string>;

/**
 * Landed migrations are immutable (DEVELOPERS.md "Migrations only"): a database migrated earlier
 * never runs an edited migration again, so the edit would exist only on fresh installs.
 * `migrations/checksums.json` records each migration's SHA-256 when it is added
 * (`npm run migrations:lock`, which refuses to rewrite an entry).
 */
describe('migrations', () => {
  it.each(files)('%s is recorded in checksums.json and unchanged since', (name) => {
    const sum = createHash('sha256')
      .update(readFileSync(join(DIR, name)))
      .digest('hex');
    expect(manifest[name]).toBeDefined();
    expect(sum).toBe(manifest[name]);
  });

  it('records no migration that is gone', () => {
    expect(Object.keys(manifest).sort()).toEqual(files);
  });

  it('runs every migration file, in timestamp order', () => {
    const timestamps = files.map((name) => name.split('-')[0]);
    const registered = MIGRATIONS.map((migration) => /(\d{13})$/.exec(migration.name)?.[1]);
    expect(registered).toEqual(timestamps);
  });
});
