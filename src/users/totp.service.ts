import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { Actor, Role } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { AppKeys } from '../platform/secrets/app-keys';
import { AccountSessions } from './account-sessions';
import { TotpEnrolmentDto, TotpStatusDto } from './dto/user.dto';
import { UserRecord, UsersRepository } from './users.repository';

const ISSUER = 'e-Müraciət';
/** One 30-second step either way, for clocks that drift a little (RFC 6238 sect. 6). */
const EPOCH_TOLERANCE_SECONDS = 30;
const WRONG_CODE = 'The code does not match; type the current 6-digit code of your authenticator app.';

/**
 * The optional second factor (TOTP, RFC 6238, through otplib). The secret is stored encrypted
 * (AES-256-GCM with a key of its own, see AppKeys) and shown only when the enrolment starts; a code
 * is accepted once (the last accepted time step is kept). STAFF_TOTP_REQUIRED makes it compulsory
 * for roles: such an account may sign in without one, but then only enrol (AuthGuard).
 */
@Injectable()
export class TotpService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly sessions: AccountSessions,
    private readonly keys: AppKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  required(role: Role): boolean {
    return (this.config.staffTotpRequired as readonly string[]).includes(role);
  }

  async status(actor: Actor): Promise<TotpStatusDto> {
    const totp = await this.users.totpOf(this.db, actor.id);
    return { enabled: totp?.enabled ?? false, required: this.required(actor.role), pending: !!totp?.secret && !totp.enabled };
  }

  /** Starts (or restarts) an enrolment: a new secret, returned this once. */
  async startEnrolment(actor: Actor): Promise<TotpEnrolmentDto> {
    const user = await this.account(actor.id);
    if (user.totpEnabled)
      throw new DomainError('TOTP_ALREADY_ENABLED', 'A second factor is enrolled already; turn it off first to enrol another device.');
    const secret = generateSecret();
    await this.db.transaction(async (tx) => {
      await this.users.setPendingTotp(tx, user.id, this.seal(secret));
      await recordAdminAction(tx, { actorId: user.id, action: 'user.totp_enrolment_started', subjectType: 'user', subjectId: user.id });
    });
    return { secret, otpauthUrl: generateURI({ issuer: ISSUER, label: user.email, secret }) };
  }

  /** The first code from the app turns the second factor on; the user's other sessions (opened without it) end. */
  async confirmEnrolment(actor: Actor, code: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const totp = await this.users.totpOf(tx, actor.id, true);
      if (!totp?.secret || totp.enabled) throw new DomainError('TOTP_NOT_PENDING', 'No enrolment is waiting for a code; start one first.');
      const step = this.check(totp.secret, code, null);
      if (step === undefined) throw DomainError.field('VALIDATION_FAILED', 'code', WRONG_CODE);
      await this.users.enableTotp(tx, actor.id, step);
      const sessionsEnded = await this.sessions.endAllWithin(tx, actor.id, 'totp_enabled', actor.session?.id);
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'user.totp_enabled',
        subjectType: 'user',
        subjectId: actor.id,
        data: { sessionsEnded },
      });
    });
  }

  /** Turns the second factor off with a current code; not for roles that must have one. */
  async disable(actor: Actor, code: string): Promise<void> {
    if (this.required(actor.role)) throw new DomainError('FORBIDDEN', 'Your role must sign in with a second factor (STAFF_TOTP_REQUIRED).');
    await this.db.transaction(async (tx) => {
      const totp = await this.users.totpOf(tx, actor.id, true);
      if (!totp?.secret || !totp.enabled) throw new DomainError('TOTP_NOT_PENDING', 'No second factor is enrolled.');
      if (this.check(totp.secret, code, totp.lastStep) === undefined) throw DomainError.field('VALIDATION_FAILED', 'code', WRONG_CODE);
      await this.users.clearTotp(tx, actor.id);
      this.sessions.refreshAfterCommit(tx, actor.id);
      await recordAdminAction(tx, { actorId: actor.id, action: 'user.totp_disabled', subjectType: 'user', subjectId: actor.id });
    });
  }

  /** At login, after the password: the code is required and must be new (a replayed code is refused). */
  async checkAtLogin(user: UserRecord, code: string | undefined): Promise<void> {
    if (!code)
      throw new DomainError(
        'TOTP_REQUIRED',
        'This account signs in with a second factor: send `totp`, the 6-digit code of your authenticator app.',
      );
    const totp = await this.users.totpOf(this.db, user.id);
    const step = totp?.secret && totp.enabled ? this.check(totp.secret, code, totp.lastStep) : undefined;
    if (step === undefined || !(await this.users.useTotpStep(user.id, step))) {
      throw new DomainError('TOTP_INVALID', 'The one-time code is wrong or was used already.');
    }
  }

  /** An admin removes a lost device's enrolment; the user's sessions end and they enrol again at the next sign-in. */
  async adminReset(actor: Actor, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const user = await this.users.lockById(tx, userId);
      if (!user) throw new DomainError('USER_NOT_FOUND', 'No such user.');
      if (!(await this.users.clearTotp(tx, userId))) return;
      const sessionsEnded = await this.sessions.endAllWithin(tx, userId, 'totp_reset');
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'user.totp_reset',
        subjectType: 'user',
        subjectId: userId,
        data: { sessionsEnded },
      });
    });
  }

  /** The time step the code matches, or undefined (wrong, or not after `afterStep`). */
  private check(sealed: Buffer, code: string, afterStep: number | null): number | undefined {
    const result = verifySync({
      secret: this.open(sealed),
      token: code,
      epochTolerance: EPOCH_TOLERANCE_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    // The functional API types TOTP and HOTP results together; a TOTP match carries its time step.
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  }

  /** version 1 | 12-byte IV | 16-byte tag | ciphertext. */
  private seal(secret: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.totpEncryption, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
  }

  private open(sealed: Buffer): string {
    if (sealed[0] !== 1) throw new Error('unknown TOTP secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.keys.totpEncryption, sealed.subarray(1, 13));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
  }

  private async account(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'The account no longer exists.');
    return user;
  }
}
