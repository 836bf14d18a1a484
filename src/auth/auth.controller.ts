import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessTokenDto, CreateUserDto, LoginDto, RegisterCitizenDto, UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { Actor } from './actor';
import { CurrentActor, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('auth/register')
  @HttpCode(201)
  register(@Body() body: RegisterCitizenDto): Promise<UserDto> {
    return this.auth.register(body);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<AccessTokenDto> {
    return this.auth.login(body, ip);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.get(actor.id);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('users')
  @HttpCode(201)
  createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }
}
