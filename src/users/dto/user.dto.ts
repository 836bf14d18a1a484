import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Role, ROLES } from '../../auth/actor';
import { PageQuery } from '../../platform/http/page.query';
import { IsOptionalNotNull, TrimToUndefined } from '../../platform/http/validators';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../domain/password-policy';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterCitizenDto {
  @Transform(lowerTrim)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  /** 12 to 128 characters; not the e-mail or the name, not a common password. */
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password: string;

  /** Name, patronymic and surname (Art. 6.3). */
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  fullName: string;
}

export class CreateUserDto extends RegisterCitizenDto {
  @IsIn(ROLES)
  role: Role;

  /** Required for registrar, official and supervisor. */
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class LoginDto {
  @Transform(lowerTrim)
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ maxLength: 128 })
  @IsString()
  @MaxLength(128)
  password: string;

  /** The 6-digit code of the authenticator app, for accounts with a second factor (RFC 6238). */
  @ApiPropertyOptional({ pattern: '^\\d{6}$', maxLength: 6 })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totp must be the 6-digit code of your authenticator app' })
  totp?: string;
}

export class UserDto {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  agencyId: string | null;
}

/** `GET /api/v1/me`: who I am, and whether my e-mail is proved (citizens submit only then). */
export class MeDto extends UserDto {
  emailVerified: boolean;
}

/** A user as the admins' list shows it. */
export class UserAdminDto extends UserDto {
  active: boolean;
  emailVerified: boolean;
  /** A second factor (TOTP) is enrolled. */
  totpEnabled: boolean;
  createdAt: string;
}

export class UserListDto {
  items: UserAdminDto[];
  nextCursor: string | null;
}

export class ListUsersQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  /** Part of the e-mail or the name. */
  @IsOptional()
  @TrimToUndefined()
  @IsString()
  @Length(2, 200)
  q?: string;
}

/** An admin's change; a role or agency change and a deactivation end the user's sessions at once. */
export class UpdateUserDto {
  // Left out: unchanged; null is no name, role or state (422), not a NOT NULL violation (500).
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  fullName?: string;

  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  /** The agency of a staff account; null clears it (citizens and admins have none). */
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID()
  agencyId?: string | null;

  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class PasswordResetRequestDto {
  @Transform(lowerTrim)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;
}

/** The token is the `token` parameter of the mailed link. */
export class TokenDto {
  @IsString()
  @MaxLength(100)
  token: string;
}

export class PasswordResetConfirmDto extends TokenDto {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class TotpCodeDto {
  @ApiProperty({ pattern: '^\\d{6}$', maxLength: 6 })
  @Matches(/^\d{6}$/, { message: 'code must be the 6-digit code of your authenticator app' })
  code: string;
}

/** Linking an e-ID from the account page: the current password, and the code when a second factor is enrolled. */
export class ConfirmIdentityLinkDto {
  @IsString()
  @MaxLength(128)
  currentPassword: string;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code must be the 6-digit code of your authenticator app' })
  code?: string;
}

export class TotpStatusDto {
  /** A second factor is enrolled and asked for at every sign-in. */
  enabled: boolean;
  /** STAFF_TOTP_REQUIRED names this account's role. */
  required: boolean;
  /** An enrolment was started and awaits its first code. */
  pending: boolean;
}

/** Shown once, when the enrolment starts: the secret is never returned again. */
export class TotpEnrolmentDto {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  /** `otpauth://totp/...` for a QR code. */
  otpauthUrl: string;
}

export class AccessTokenDto {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
}
