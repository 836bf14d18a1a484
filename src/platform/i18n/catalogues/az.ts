/**
 * The Azerbaijani catalogue: the reference every other language must match key for key (the state
 * language, Constitution Art. 21). Texts are keyed by area; `{name}` marks a placeholder; an object
 * of `one`/`few`/`many`/`other` forms is a plural message (Intl.PluralRules picks the form).
 */
export const az = {
  language: { name: 'Azərbaycanca', short: 'AZ' },
  status: {
    registered: 'Qeydiyyata alınıb',
    in_review: 'Baxılır',
    referred: 'Aidiyyəti üzrə göndərilib',
    answered: 'Cavablandırılıb',
    left_without_consideration: 'Baxılmadan saxlanılıb',
  },
  type: {
    proposal: 'Təklif',
    application: 'Ərizə',
    complaint: 'Şikayət',
  },
  units: {
    workingDays: { one: '{count} iş günü', other: '{count} iş günü' },
    restDays: { one: '{count} istirahət günü', other: '{count} istirahət günü' },
  },

  common: {},

  layout: {},

  errors: {},

  auth: {},

  account: {},

  admin: {},

  intake: {
    title: 'Yeni müraciət',
    emailFirst: 'Müraciət göndərmək üçün əvvəlcə e-poçt ünvanınızı təsdiq edin: göndərdiyimiz keçidi açın və ya',
    emailFirstLink: 'yenisini istəyin',
    type: 'Müraciətin növü',
    typeHelp: {
      proposal: 'Qanunların, orqanların işinin təkmilləşdirilməsi və ya hər hansı sahədə məsələnin həlli üçün fikir.',
      application: 'Öz hüquq və azadlıqlarınızı həyata keçirmək üçün tələb (məsələn, sənəd, arayış, xidmət).',
      complaint: 'Pozulmuş hüquq və azadlıqlarınızın bərpası və müdafiəsi tələbi.',
    },
    agencySearch: 'Qurumu axtar',
    agency: 'Qurum (kimə)',
    choose: '— seçin —',
    noneChosen: '— yoxdur —',
    subject: 'Mövzu',
    text: 'Müraciətin mətni',
    applicant: 'Müraciət edən',
    kind: 'Şəxs',
    kinds: { natural: 'Fiziki şəxs', legal: 'Hüquqi şəxs' },
    fullName: 'Soyad, ad, ata adı',
    organisationName: 'Təşkilatın adı (hüquqi şəxs)',
    address: 'Ünvan',
    email: 'E-poçt (cavab üçün)',
    phone: 'Telefon',
    collective: 'Kollektiv müraciət: digər müraciət edənlər',
    coApplicant: 'Müraciət edən {number}',
    coEmail: 'E-poçt',
    complaint: 'Şikayət: kimdən şikayət edirsiniz',
    respondentAgency: 'Şikayət edilən qurum',
    respondentOfficial: 'Şikayət edilən vəzifəli şəxs',
    confidential: 'Məxfi saxlanılsın (şəxsi, peşə və ya kommersiya sirri)',
    continue: 'Davam et',
    reviewTitle: 'Məlumatları yoxlayın',
    reviewIntro: 'Müraciət hələ göndərilməyib. Yazdıqlarınızı yoxlayın; düzəltmək üçün «Dəyiş» düyməsini basın.',
    change: 'Dəyiş',
    yes: 'Bəli',
    no: 'Xeyr',
    notGiven: 'Göstərilməyib',
    files: 'Sənədlər (PDF, JPEG, PNG)',
    filesHint: '{count} fayla qədər; müraciətlə birlikdə göndərilir',
    confirmHint: 'Təsdiq etdikdə müraciət qeydə alınır və ona qeydiyyat nömrəsi verilir.',
    confirm: 'Təsdiq edib göndər',
    registeredTitle: 'Müraciətiniz qeydə alındı',
    registeredNumber: 'Qeydiyyat nömrəsi',
    registeredAgency: 'Qurum',
    registeredReceived: 'Daxil olma tarixi',
    registeredDue: 'Baxılmanın son günü',
    registeredMail: 'Qeydiyyat haqqında təsdiq e-poçtla da göndərilir.',
    registeredPdf: 'Qeydiyyat təsdiqini yükləyin (PDF)',
    registeredCase: 'Müraciətin səhifəsinə keçin',
    filesRefused: 'Sənədlər qəbul edilmədi (yalnız PDF, JPEG, PNG).',
  },

  citizenCase: {
    myAppeals: 'Müraciətlərim',
    newAppeal: 'Yeni müraciət',
    noAppeals: 'Hələ müraciətiniz yoxdur.',
    number: 'Nömrə',
    subject: 'Mövzu',
    agency: 'Qurum',
    status: 'Vəziyyət',
    due: 'Son gün',
    deadline: 'Müddət',
    nextPage: 'Növbəti səhifə',
    text: 'Müraciətin mətni',
    pdfs: 'Sənədlər PDF şəklində',
    registrationPdf: 'Qeydiyyat haqqında təsdiq (PDF)',
    answerPdf: 'Cavab (PDF)',
    withdraw: 'Müraciəti geri götür',
    feedbackTitle: 'Cavabdan razısınızmı?',
    verdict: 'Qiymətiniz',
    satisfied: 'Bəli, razıyam',
    notSatisfied: 'Xeyr, razı deyiləm',
    choose: '— seçin —',
    comment: 'Şərh (istəyə görə)',
    send: 'Göndər',
    thanks: 'Rəyiniz üçün təşəkkür edirik.',
    allMine: 'Bütün müraciətlərim',
  },

  timeline: {
    title: 'Müraciətin gedişi',
    received: 'Daxil olub',
    inReview: 'Baxılır',
    outcome: 'Nəticə',
    expectedBy: 'son gün: {date}',
    done: 'keçilib',
    current: 'hazırkı mərhələ',
    pending: 'hələ çatmayıb',
    skipped: 'bu mərhələ olmayıb',
  },

  ledger: {
    title: 'Müddətin hesabı',
    urgent: 'Təcili müraciət: 24 saat ərzində (maddə 10.4).',
    receivedOn: 'Daxil olma tarixi (0-cı gün)',
    term: 'Müddət',
    used: 'Keçib',
    left: 'Qalıb',
    lastDay: 'Son gün',
    provisional: 'ilkin təqvimlə',
    skipped: 'Buraxılan qeyri-iş günləri',
    noneSkipped: 'Bu müddətə qeyri-iş günü düşməyib.',
    restDays: 'Şənbə və bazar günləri: {days}.',
    workedWeekend: 'İş günü sayılan istirahət günləri',
    transferredWorkingDay: 'köçürülmüş iş günü',
  },

  pdf: {
    registrationTitle: 'Müraciətin qeydiyyatı haqqında təsdiq',
    answerTitle: 'Müraciətə cavab',
    number: 'Qeydiyyat nömrəsi',
    receivedOn: 'Daxil olma tarixi',
    dueDate: 'Baxılmanın son günü',
    agency: 'Qurum',
    type: 'Müraciətin növü',
    subject: 'Mövzu',
    registrationNote: 'Müraciət qeydə alınıb; cavab yuxarıda göstərilən son günədək verilməlidir.',
    answeredOn: 'Cavabın tarixi',
    channel: 'Göndərilmə üsulu',
    channels: { email: 'e-poçtla', post: 'poçtla', in_person: 'şəxsən təqdim edilib' },
    official: 'Cavab verən vəzifəli şəxs',
    answerText: 'Cavabın mətni',
    law: '«Vətəndaşların müraciətləri haqqında» Azərbaycan Respublikasının Qanunu (№ 1308-IVQ) əsasında.',
    issued: 'e-Müraciət sistemində hazırlanıb: {date}.',
  },

  inbox: {},

  caseActions: {},

  history: {},

  answerTemplates: {},

  attachments: {},

  dashboard: {},

  statistics: {},

  mail: {},
} as const;
