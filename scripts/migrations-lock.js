#!/usr/bin/env node
/**
 * Adds new migrations to migrations/checksums.json (`npm run migrations:lock`). A migration that has
 * landed is never edited (databases migrated earlier would never see the edit), so an existing
 * entry is never rewritten: a changed file is refused here and fails `npm test` (migrations.spec).
 */
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'migrations');
const manifestPath = join(dir, 'checksums.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
const files = readdirSync(dir)
  .filter((name) => /^\d+-.+\.ts$/.test(name))
  .sort();

let added = 0;
const changed = [];
for (const name of files) {
  const sum = createHash('sha256')
    .update(readFileSync(join(dir, name)))
    .digest('hex');
  if (!(name in manifest)) {
    manifest[name] = sum;
    added += 1;
  } else if (manifest[name] !== sum) {
    changed.push(name);
  }
}
if (changed.length > 0) {
  console.error(`Landed migrations were edited: ${changed.join(', ')}. Revert them and write a new migration instead.`);
  process.exit(1);
}
const sorted = Object.fromEntries(
  Object.keys(manifest)
    .sort()
    .map((name) => [name, manifest[name]]),
);
writeFileSync(manifestPath, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(added ? `${added} migration(s) added to migrations/checksums.json` : 'migrations/checksums.json is up to date');
