import { InitialSchema1763776800000 } from './1763776800000-initial-schema';
import { CaseHandling1763863200000 } from './1763863200000-case-handling';
import { ReferralsAndSearch1763949600000 } from './1763949600000-referrals-and-search';
import { DeadlineTimers1764036000000 } from './1764036000000-deadline-timers';
import { Evaluation1764122400000 } from './1764122400000-evaluation';
import { AppealEService1764208800000 } from './1764208800000-appeal-e-service';
import { AlertBurst1764295200000 } from './1764295200000-alert-burst';
import { LawHoldsOfficials1764385200000 } from './1764385200000-law-holds-officials';
import { AccountsAndSessions1764468000000 } from './1764468000000-accounts-and-sessions';
import { IntegrationsAndRetention1764640816000 } from './1764640816000-integrations-and-retention';
import { OutboxCorrelation1764669600000 } from './1764669600000-outbox-correlation';
import { RespondentAndIdentityAccess1764727200000 } from './1764727200000-respondent-and-identity-access';
import { OidcSignIn1764727216000 } from './1764727216000-oidc-sign-in';
import { RespondentWebhooks1764730000000 } from './1764730000000-respondent-webhooks';
import { OidcLinkIntents1764740000000 } from './1764740000000-oidc-link-intents';
import { RuleConstants1764900000000 } from './1764900000000-rule-constants';
import { OutboxTraceparent1764903600000 } from './1764903600000-outbox-traceparent';
import { AnswerTemplates1765010000000 } from './1765010000000-answer-templates';
import { InboxIndexes1765040000000 } from './1765040000000-inbox-indexes';

/** Every migration in order. Listed explicitly so the same list works from TS (tests) and JS (dist). */
export const MIGRATIONS = [
  InitialSchema1763776800000,
  CaseHandling1763863200000,
  ReferralsAndSearch1763949600000,
  DeadlineTimers1764036000000,
  Evaluation1764122400000,
  AppealEService1764208800000,
  AlertBurst1764295200000,
  LawHoldsOfficials1764385200000,
  AccountsAndSessions1764468000000,
  IntegrationsAndRetention1764640816000,
  OutboxCorrelation1764669600000,
  RespondentAndIdentityAccess1764727200000,
  OidcSignIn1764727216000,
  RespondentWebhooks1764730000000,
  OidcLinkIntents1764740000000,
  RuleConstants1764900000000,
  OutboxTraceparent1764903600000,
  AnswerTemplates1765010000000,
  InboxIndexes1765040000000,
];
