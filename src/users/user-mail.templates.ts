import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { MailTemplateRegistry } from '../notifications/mail-template.registry';
import { ACCOUNT_LINK_TEMPLATES, AccountLinkKind, renderAccountLink } from '../notifications/templates/account-link';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { USER_TOKEN_TTL_SECONDS, UserTokens } from './user-tokens';
import { UsersRepository } from './users.repository';

/** Where each link leads: the pages at PUBLIC_URL (API.md: `PUBLIC_URL/verify-email?token=...`). */
const LINK_PATH: Record<AccountLinkKind, string> = {
  verify_email: '/verify-email',
  password_reset: '/password-reset',
};

/** Renders the account mails at send time: the token is recomputed from the row id the outbox payload carries. */
@Injectable()
export class UserMailTemplates implements OnModuleInit {
  constructor(
    private readonly registry: MailTemplateRegistry,
    private readonly tokens: UserTokens,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    for (const kind of Object.keys(ACCOUNT_LINK_TEMPLATES) as AccountLinkKind[]) {
      this.registry.register(ACCOUNT_LINK_TEMPLATES[kind], async (payload) => {
        const token = await this.tokens.findById(String(payload.tokenId));
        if (!token || token.purpose !== kind) throw new Error(`user token ${String(payload.tokenId)} not found for its mail`);
        const user = await this.users.findById(token.userId);
        if (!user) throw new Error(`user of token ${token.id} not found`);
        const link = `${this.config.publicUrl}${LINK_PATH[kind]}?token=${this.tokens.tokenOf(token.id, kind)}`;
        return renderAccountLink({ kind, fullName: user.fullName, link, validHours: USER_TOKEN_TTL_SECONDS[kind] / 3600 });
      });
    }
  }
}
