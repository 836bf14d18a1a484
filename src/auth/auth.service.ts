import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { DomainError } from '../platform/errors/domain-error';
import { Actor, Role, ROLES } from './actor';
import { AccessTokenDto, LoginDto, RegisterCitizenDto, UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { LoginRateLimiter } from './login-rate-limiter';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Self-registration always makes a citizen; staff accounts are created by an admin. */
  register(input: RegisterCitizenDto): Promise<UserDto> {
    return this.users.create(null, { ...input, role: 'citizen' });
  }

  async login(input: LoginDto, clientIp: string): Promise<AccessTokenDto> {
    await this.limiter.hit(input.email, clientIp);
    const user = await this.users.verifyCredentials(input.email, input.password);
    if (!user) throw new DomainError('INVALID_CREDENTIALS', 'The e-mail or password is wrong.');
    const accessToken = await this.jwt.signAsync(
      { role: user.role, agencyId: user.agencyId },
      { subject: user.id, expiresIn: this.config.jwtTtlSeconds },
    );
    return { accessToken, expiresIn: this.config.jwtTtlSeconds };
  }

  /** The actor an access token names, or undefined when it is invalid or expired (API bearer and page cookie alike). */
  verifyAccessToken(token: string): Actor | undefined {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(token);
    } catch {
      return undefined;
    }
    if (!ROLES.includes(claims.role) || typeof claims.sub !== 'string') return undefined;
    return { id: claims.sub, role: claims.role, agencyId: claims.agencyId ?? null };
  }
}

interface TokenClaims {
  sub: string;
  role: Role;
  agencyId: string | null;
}
