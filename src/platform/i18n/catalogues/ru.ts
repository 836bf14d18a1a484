import type { Messages } from '../messages';

export const ru: Messages = {
  language: { name: 'Русский', short: 'RU' },
  status: {
    registered: 'Зарегистрировано',
    in_review: 'На рассмотрении',
    referred: 'Направлено по принадлежности',
    answered: 'Дан ответ',
    left_without_consideration: 'Оставлено без рассмотрения',
  },
  type: {
    proposal: 'Предложение',
    application: 'Заявление',
    complaint: 'Жалоба',
  },
  units: {
    workingDays: { one: '{count} рабочий день', few: '{count} рабочих дня', many: '{count} рабочих дней', other: '{count} рабочего дня' },
    restDays: { one: '{count} выходной день', few: '{count} выходных дня', many: '{count} выходных дней', other: '{count} выходного дня' },
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
