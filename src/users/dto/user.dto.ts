import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { Role, ROLES } from '../../auth/actor';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterCitizenDto {
  @Transform(lowerTrim)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  /** 10 to 128 characters. */
  @IsString()
  @Length(10, 128)
  password: string;

  /** Name, patronymic and surname (Art. 6.3). */
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  fullName: string;
}

export class CreateUserDto extends RegisterCitizenDto {
  @IsIn(ROLES as unknown as string[])
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

  @IsString()
  @MaxLength(128)
  password: string;
}

export class UserDto {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  agencyId: string | null;
}

export class AccessTokenDto {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
}
