/**
 * Mails with a one-time link for an account: e-mail verification after registration, and a
 * password reset (asked for by the user or sent by an admin). Azerbaijani first, then English.
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
  if (m.kind === 'verify_email') {
    return {
      subject: 'E-poçt ünvanınızı təsdiq edin / Confirm your e-mail address — e-Müraciət',
      text: [
        `Hörmətli ${m.fullName},`,
        '',
        'e-Müraciət portalında qeydiyyatı tamamlamaq və müraciət göndərə bilmək üçün bu ünvanın sizə məxsus olduğunu təsdiq edin:',
        m.link,
        `Keçid ${m.validHours} saat ərzində və bir dəfə işləyir. Qeydiyyatdan keçməmisinizsə, bu məktubu nəzərə almayın.`,
        '',
        '---',
        '',
        `Dear ${m.fullName},`,
        '',
        'To finish registering on e-Müraciət and be able to send appeals, confirm that this address is yours:',
        m.link,
        `The link works once, for ${m.validHours} hours. If you did not register, ignore this mail.`,
      ].join('\n'),
    };
  }
  return {
    subject: 'Şifrənin bərpası / Password reset — e-Müraciət',
    text: [
      `Hörmətli ${m.fullName},`,
      '',
      'e-Müraciət hesabınız üçün yeni şifrə təyin etmək üçün keçid:',
      m.link,
      `Keçid ${m.validHours} saat ərzində və bir dəfə işləyir; yeni şifrə təyin edildikdən sonra hesabınızın bütün açıq seansları bağlanır.`,
      'Bunu siz istəməmisinizsə, bu məktubu nəzərə almayın: şifrəniz dəyişməyəcək.',
      '',
      '---',
      '',
      `Dear ${m.fullName},`,
      '',
      'Set a new password for your e-Müraciət account here:',
      m.link,
      `The link works once, for ${m.validHours === 1 ? 'an hour' : `${m.validHours} hours`}; setting a new password signs your account out everywhere.`,
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ].join('\n'),
  };
}
