import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { readFileSync } from 'node:fs';
import { configPath } from '../platform/config/paths';
import { DomainError } from '../platform/errors/domain-error';
import { parseCommonPasswords, PASSWORD_MESSAGES, PasswordOwner, passwordProblem } from './domain/password-policy';

/** The password policy with its shipped list of common passwords (config/common-passwords.txt), and the hash. */
@Injectable()
export class PasswordRules {
  private common?: ReadonlySet<string>;

  /** 422 PASSWORD_TOO_WEAK at `field` when the password breaks a rule, said in English (the pages say it in Azerbaijani). */
  assertAcceptable(password: string, owner: PasswordOwner, field: string): void {
    this.common ??= parseCommonPasswords(readFileSync(configPath('common-passwords.txt'), 'utf8'));
    const problem = passwordProblem(password, owner, this.common);
    if (problem) throw DomainError.field('PASSWORD_TOO_WEAK', field, PASSWORD_MESSAGES[problem].en);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  }
}
