import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { APPEAL_STATUSES } from './appeal-types';
import {
  appealMailDedupeKey,
  CLOSED_STATUSES,
  FINISHED_STATUSES,
  NOTICE_WORKING_DAYS,
  REFERRAL_TERM_WORKING_DAYS,
  WORKING_STATUSES,
} from './case-rules';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('case rules shared with SQL (issue 14)', () => {
  it('the status sets partition the statuses: working, closed, referred', () => {
    expect([...WORKING_STATUSES, ...FINISHED_STATUSES].sort()).toEqual([...APPEAL_STATUSES].sort());
    expect(FINISHED_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s))).toEqual(['referred']);
  });

  it("holds the law's terms: Art. 7.10 three working days, Art. 8.2 five", () => {
    expect(REFERRAL_TERM_WORKING_DAYS).toBe(3);
    expect(NOTICE_WORKING_DAYS).toBe(5);
  });

  it('keys an appeal mail by template, appeal, event and recipient', () => {
    expect(appealMailDedupeKey('appeal-notice', 'a1', 4)).toBe('mail:appeal-notice:a1:4');
    expect(appealMailDedupeKey('appeal-notice', 'a1', 4, ':representative')).toBe('mail:appeal-notice:a1:4:representative');
    expect(appealMailDedupeKey('appeal-confirmation', 'a1', null)).toBe('mail:appeal-confirmation:a1');
    expect(appealMailDedupeKey('appeal-notice', 'a1', 0)).toBe('mail:appeal-notice:a1:0');
  });

  it('no source file repeats a status set or builds an appeal mail key of its own', () => {
    const offenders = sourceFiles(SRC)
      .filter(
        (file) =>
          !file.endsWith(join('appeals', 'domain', 'case-rules.ts')) && !file.endsWith(join('appeals', 'domain', 'appeal-types.ts')),
      )
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const found = [
          /'registered',\s*'in_review'/.test(text) && 'working statuses',
          /'answered',\s*'left_without_consideration'/.test(text) && 'closed statuses',
          /'mail:'\s*\|\|\s*\$\d+|`mail:\$\{APPEAL_NOTICE_TEMPLATE\}/.test(text) && 'appeal mail key',
        ].filter(Boolean);
        return found.map((what) => `${relative(SRC, file)}: ${what}`);
      });
    expect(offenders).toEqual([]);
  });
});
