import type { Messages } from '../messages';

export const en: Messages = {
  language: { name: 'English', short: 'EN' },
  status: {
    registered: 'Registered',
    in_review: 'In review',
    referred: 'Referred',
    answered: 'Answered',
    left_without_consideration: 'Left without consideration',
  },
  type: {
    proposal: 'Proposal',
    application: 'Application',
    complaint: 'Complaint',
  },
  units: {
    workingDays: { one: '{count} working day', other: '{count} working days' },
    restDays: { one: '{count} rest day', other: '{count} rest days' },
  },

  common: {},

  layout: {},

  errors: {},

  auth: {},

  account: {},

  admin: {},

  intake: {},

  citizenCase: {},

  timeline: {},

  ledger: {},

  pdf: {},

  inbox: {},

  caseActions: {},

  history: {},

  answerTemplates: {},

  attachments: {},

  dashboard: {},

  statistics: {},

  mail: {},
};
