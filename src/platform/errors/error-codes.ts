/**
 * Stable machine codes of the public contract (API.md "Errors") and the HTTP status each maps to.
 * Clients branch on `code`; never rename one.
 */
export const ERROR_CODES = {
  MALFORMED_REQUEST: 400,
  // OpenID Connect sign-in (issue 16): a callback whose state is unknown, used, expired or not this
  // browser's; or one the provider answered with an error or a token that did not validate.
  OIDC_STATE_INVALID: 400,
  OIDC_SIGN_IN_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  // Accounts and sessions (issue 13). A second factor asked for or wrong is 401 like a wrong password.
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  FORBIDDEN: 403,
  // A citizen who has not proved their e-mail may sign in but not submit (the service never mails an address the account does not own).
  EMAIL_NOT_VERIFIED: 403,
  // STAFF_TOTP_REQUIRED names the role and no second factor is enrolled: only enrolment is open.
  TOTP_ENROLMENT_REQUIRED: 403,
  // An identity-provider sign-in for a deactivated account, or one that may not be linked automatically (staff, second factor).
  ACCOUNT_DEACTIVATED: 403,
  IDENTITY_LINK_REFUSED: 403,
  // Linking an e-ID from the account page without re-entering the password (and code) in this session first.
  IDENTITY_LINK_NOT_CONFIRMED: 403,
  NOT_FOUND: 404,
  APPEAL_NOT_FOUND: 404,
  AGENCY_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  ALERT_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  CALENDAR_FEED_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  EMAIL_TAKEN: 409,
  // The e-ID's subject is linked to another account already (it is never moved).
  IDENTITY_ALREADY_LINKED: 409,
  AGENCY_CODE_TAKEN: 409,
  IDEMPOTENCY_KEY_IN_PROGRESS: 409,
  // A calendar feed URL that was revoked (or replaced by a new one).
  CALENDAR_FEED_REVOKED: 410,
  TOTP_ALREADY_ENABLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  ATTACHMENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  APPEAL_ANONYMOUS: 422,
  APPEAL_CONTACT_REQUIRED: 422,
  APPEAL_UNKNOWN_AGENCY: 422,
  APPEAL_RECEIVED_ON_INVALID: 422,
  APPEAL_CHANNEL_NOT_ALLOWED: 422,
  APPEAL_REPRESENTATIVE_INCOMPLETE: 422,
  APPEAL_RESPONDENT_NOT_COMPLAINT: 422,
  ATTACHMENT_TYPE_NOT_ALLOWED: 422,
  ATTACHMENT_LIMIT_REACHED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  USER_AGENCY_REQUIRED: 422,
  // An admin may not switch off or demote their own account (nobody would be left to undo it).
  USER_SELF_CHANGE_FORBIDDEN: 422,
  PASSWORD_TOO_WEAK: 422,
  CURRENT_PASSWORD_WRONG: 422,
  // A mailed one-time link that is unknown, used or expired.
  TOKEN_INVALID: 422,
  TOTP_NOT_PENDING: 422,
  // A portal appeal's applicant e-mail is the account's own (a typed other address is refused, not mailed).
  APPEAL_APPLICANT_EMAIL_NOT_ACCOUNT: 422,
  CALENDAR_OUT_OF_RANGE: 422,
  TERM_CHANGE_NOT_ALLOWED: 422,
  // appeals-rules.md 9, 10: no term is changed after its due instant; a late case stays late.
  TERM_EXPIRED: 422,
  // The case lifecycle (src/appeals/domain/lifecycle.ts). A transition the current status does not
  // allow is 422, not 409: in this API 409 means "your version is stale, reload and retry", and
  // retrying never makes a closed case answerable.
  TRANSITION_NOT_ALLOWED: 422,
  WITHDRAWAL_NOT_ALLOWED: 422,
  REOPEN_NOT_ALLOWED: 422,
  // Documents are added only while the agency works on the case (lifecycle.ts assertAcceptsDocuments).
  APPEAL_CLOSED: 422,
  REFERRAL_TO_RESPONDENT_FORBIDDEN: 422,
  ANSWER_TOO_SHORT: 422,
  ANSWER_NOT_IN_AZERBAIJANI: 422,
  // appeals-rules.md 17: only a body above the handling agency puts a case under control.
  CONTROL_NOT_ALLOWED: 422,
  // Webhook targets on loopback, private or reserved addresses (unless WEBHOOK_ALLOW_PRIVATE_TARGETS).
  WEBHOOK_TARGET_REFUSED: 422,
  RETENTION_NOT_CONFIGURED: 422,
  // The identity provider shared no usable e-mail address (every account has one).
  IDENTITY_EMAIL_REQUIRED: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  // The identity provider did not answer (discovery or the token exchange).
  OIDC_PROVIDER_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
