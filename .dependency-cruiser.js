/**
 * Module boundaries (issue 14, "Modules own their tables"; STYLE.md "A module never writes another
 * module's tables"), checked by `npm test` before jest: `depcruise src --config`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-foreign-repository',
      comment:
        "A module reads and writes another module's tables only through that module's exported services. " +
        'src/ops is exempt: offline tools (backup, restore) that run against the database outside the Nest modules.',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/ops/' },
      to: { path: '\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'no-foreign-entity',
      comment:
        "A module's entities describe its own tables (docs/adr/0002-entities-for-crud-tables.md): another module neither " +
        "imports them nor gets their repository. A foreign key to another module's table names its entity by string " +
        "(`@ForeignKey('AgencyEntity')`), which is no import.",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/entities/', pathNot: '^src/$1/' },
    },
    {
      name: 'web-reads-through-services',
      comment: 'Pages are controllers: DTO in, one service call, page out. No repository, not even for a row type.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'calendar-knows-no-appeals',
      comment:
        'The calendar owns working days; appeals own their deadlines. A calendar change reaches the appeals through the port ' +
        'src/calendar/deadline-recomputation.port.ts, which appeals implement: calendar imports nothing of appeals.',
      severity: 'error',
      from: { path: '^src/calendar/' },
      to: { path: '^src/appeals/' },
    },
    {
      name: 'pure-domain',
      comment: 'domain/ folders are pure rules (STYLE.md "Domain rules"): no Nest, no TypeORM, no driver, no I/O module.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: {
        path: [
          'node_modules/(@nestjs|typeorm|pg|pg-[^/]+|bullmq|ioredis|nodemailer|fastify|@fastify)/',
          '\\.(repository|service|controller|module)\\.ts$',
          '^src/platform/(database|queue|outbox)/',
        ],
      },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles hide which module depends on which.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    // Type-only imports count too: a row type from another module's repository is still coupling.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
