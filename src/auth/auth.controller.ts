import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../platform/http/id-param.pipe';
import { ApiIdempotencyKey, replyStored } from '../platform/idempotency/idempotent-reply';
import { AccountSecurityService } from '../users/account-security.service';
import {
  AccessTokenDto,
  ChangePasswordDto,
  CreateUserDto,
  ListUsersQuery,
  LoginDto,
  MeDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RegisterCitizenDto,
  TokenDto,
  TotpCodeDto,
  TotpEnrolmentDto,
  TotpStatusDto,
  UpdateUserDto,
  UserAdminDto,
  UserDto,
  UserListDto,
} from '../users/dto/user.dto';
import { TotpService } from '../users/totp.service';
import { UsersService } from '../users/users.service';
import { Actor } from './actor';
import { CurrentActor, OpenDuringTotpEnrolment, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';
import { ApiProblems } from '../platform/openapi/problem-responses';

/** Sign-in, sessions and the one-time links (API.md "Auth and users", "Accounts and sessions"). */
@ApiTags('auth')
@ApiProblems(400, 422)
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly security: AccountSecurityService,
  ) {}

  @Public()
  @Post('register')
  @ApiIdempotencyKey()
  @ApiProblems(409, 429)
  async register(
    @Body() body: RegisterCitizenDto,
    @Ip() ip: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserDto> {
    return replyStored(reply, await this.auth.register(body, ip, idempotencyKey));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiProblems(401, 429)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<AccessTokenDto> {
    return this.auth.login(body, ip);
  }

  /** Ends the session of the token used (204); later calls with it are 401. */
  @ApiBearerAuth()
  @OpenDuringTotpEnrolment()
  @Post('logout')
  @HttpCode(204)
  @ApiProblems(401)
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  /** Proves the e-mail with the token of the link mailed at registration (`PUBLIC_URL/verify-email?token=...`). */
  @Public()
  @Post('verify-email')
  @HttpCode(204)
  verifyEmail(@Body() body: TokenDto): Promise<void> {
    return this.security.verifyEmail(body.token);
  }

  /** Always 202, whether or not the address has an account; a link is mailed when it has. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiProblems(429)
  requestPasswordReset(@Body() body: PasswordResetRequestDto, @Ip() ip: string): Promise<void> {
    return this.auth.requestPasswordReset(body.email, ip);
  }

  /** Sets the new password with the mailed token (once); every session of the account ends. */
  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    return this.security.confirmPasswordReset(body);
  }
}

/** The signed-in account itself. */
@ApiTags('auth')
@ApiBearerAuth()
// 403 only where a role or the second-factor enrolment gate applies: the routes open during
// enrolment with no role (who am I, the password, the factor's status) never answer it.
@ApiProblems(400, 401)
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly totp: TotpService,
  ) {}

  @OpenDuringTotpEnrolment()
  @Get()
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.users.me(actor.id);
  }

  /** A new password; the account's other sessions end. */
  @OpenDuringTotpEnrolment()
  @Post('password')
  @HttpCode(204)
  @ApiProblems(422, 429)
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(actor, body);
  }

  /** Mails a new verification link (202; nothing when the e-mail is proved already). */
  @Post('verify-email')
  @HttpCode(202)
  @ApiProblems(403)
  resendVerification(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.resendVerification(actor);
  }

  @OpenDuringTotpEnrolment()
  @Get('totp')
  totpStatus(@CurrentActor() actor: Actor): Promise<TotpStatusDto> {
    return this.totp.status(actor);
  }

  /** Starts enrolling an authenticator app: the secret is shown this once. */
  @OpenDuringTotpEnrolment()
  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Post('totp')
  @HttpCode(201)
  @ApiProblems(403, 409)
  startTotp(@CurrentActor() actor: Actor): Promise<TotpEnrolmentDto> {
    return this.totp.startEnrolment(actor);
  }

  /** The app's first code turns the second factor on. */
  @OpenDuringTotpEnrolment()
  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Post('totp/confirm')
  @HttpCode(204)
  @ApiProblems(403, 422)
  confirmTotp(@CurrentActor() actor: Actor, @Body() body: TotpCodeDto): Promise<void> {
    return this.totp.confirmEnrolment(actor, body.code);
  }

  @Roles('registrar', 'official', 'supervisor', 'admin')
  @Post('totp/disable')
  @HttpCode(204)
  @ApiProblems(403, 422, 429)
  disableTotp(@CurrentActor() actor: Actor, @Body() body: TotpCodeDto): Promise<void> {
    return this.auth.disableTotp(actor, body.code);
  }
}

/** Staff and citizen accounts, for admins; every change is audited. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@ApiProblems(400, 401, 403)
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly totp: TotpService,
  ) {}

  @Post()
  @ApiIdempotencyKey()
  @ApiProblems(409, 422)
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateUserDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserDto> {
    return replyStored(reply, await this.users.create(actor, body, idempotencyKey));
  }

  /** Filter by agency, role and text (e-mail or name); keyset pages by e-mail. */
  @Get()
  @ApiProblems(400, 422)
  list(@Query() query: ListUsersQuery): Promise<UserListDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiProblems(404)
  get(@Param('id', IdParamPipe) id: string): Promise<UserAdminDto> {
    return this.users.getForAdmin(id);
  }

  /** A deactivation or a role/agency change ends the user's sessions at once. */
  @Patch(':id')
  @ApiProblems(404, 422)
  update(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string, @Body() body: UpdateUserDto): Promise<UserAdminDto> {
    return this.users.update(actor, id, body);
  }

  /** Mails the user a one-time link to set a new password (202). */
  @Post(':id/password-reset')
  @HttpCode(202)
  @ApiProblems(404)
  sendPasswordReset(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    return this.users.sendPasswordReset(actor, id);
  }

  /** Removes the user's second factor (a lost device); their sessions end and they enrol again. */
  @Post(':id/totp-reset')
  @HttpCode(204)
  @ApiProblems(404)
  resetTotp(@CurrentActor() actor: Actor, @Param('id', IdParamPipe) id: string): Promise<void> {
    return this.totp.adminReset(actor, id);
  }
}
