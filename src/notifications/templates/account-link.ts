import { mailInAllLanguages } from '../../platform/i18n';

/**
 * Mails with a one-time link for an account: e-mail verification after registration, and a
 * password reset (asked for by the user or sent by an admin). Azerbaijani, Russian and English parts.
 */
export type AccountLinkKind = 'verify_email' | 'password_reset';

export const ACCOUNT_LINK_TEMPLATES: Record<AccountLinkKind, string> = {
  verify_email: 'account-verify-email',
  password_reset: 'account-password-reset',
};

export interface AccountLinkMail {
  readonly kind: AccountLinkKind;
  readonly fullName: string;
  readonly link: string;
  /** How long the link works, in hours. */
  readonly validHours: number;
}

export function renderAccountLink(m: AccountLinkMail): { subject: string; text: string } {
  const section = m.kind === 'verify_email' ? 'verifyEmail' : 'passwordReset';
  return mailInAllLanguages((t) => ({
    subject: t.t(`mail.${section}.subject`),
    lines: [
      t.t('mail.dear', { name: m.fullName }),
      '',
      t.t(`mail.${section}.body`),
      m.link,
      t.plural(`mail.${section}.validity`, m.validHours),
      t.t(`mail.${section}.ignore`),
    ],
  }));
}
