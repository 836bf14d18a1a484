"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppealsRepository = void 0;
const common_1 = require("@nestjs/common");
const db_1 = require("../platform/database/db");
const APPEAL_COLUMNS = `
  a.id, a.registration_number AS "registrationNumber", a.type, a.status, a.agency_id AS "agencyId",
  a.subject, a.body AS text, a.channel, a.regime, a.confidential, a.anonymous, a.collective,
  to_char(a.received_on, 'YYYY-MM-DD') AS "receivedOn", a.registered_at AS "registeredAt",
  to_char(a.review_term_from, 'YYYY-MM-DD') AS "reviewTermFrom", a.extension_working_days AS "extensionWorkingDays",
  a.owner_user_id AS "ownerUserId", a.registered_by AS "registeredBy",
  a.respondent_agency_id AS "respondentAgencyId", a.respondent_official AS "respondentOfficial",
  to_char(a.referral_due_date, 'YYYY-MM-DD') AS "referralDueDate",
  to_char(a.review_due_date, 'YYYY-MM-DD') AS "reviewDueDate", a.review_due_at AS "reviewDueAt",
  a.review_term_working_days AS "reviewTermWorkingDays", a.deadlines_provisional AS "deadlinesProvisional",
  a.calendar_version AS "calendarVersion", a.closure_ground AS "closureGround", a.version`;
let AppealsRepository = class AppealsRepository {
    db;
    knownSequences = new Set();
    constructor(db) {
        this.db = db;
    }
    /**
     * Registration numbers run per year from a PostgreSQL sequence: unique and ordered without a
     * hot counter row that would serialise every intake. A rolled-back intake may leave a gap.
     */
    async ensureRegistrationSequence(year) {
        const name = `appeal_registration_seq_${year}`;
        if (!this.knownSequences.has(year)) {
            try {
                await this.db.query(`CREATE SEQUENCE IF NOT EXISTS ${name}`);
            }
            catch (error) {
                // Two processes creating it at the same instant: the loser sees a duplicate in pg_class.
                if (!['23505', '42P07'].includes(error.code ?? ''))
                    throw error;
            }
            this.knownSequences.add(year);
        }
        return name;
    }
    async insert(tx, appeal, registrationYear, sequence) {
        const [row] = await tx.query(`WITH a AS (
         INSERT INTO appeals (id, registration_number, type, status, agency_id, subject, body, channel, regime,
           confidential, anonymous, collective, received_on, registered_at, owner_user_id, registered_by,
           respondent_agency_id, respondent_official, referral_due_date, review_due_date, review_due_at,
           review_term_working_days, deadlines_provisional, calendar_version, closure_ground, review_term_from)
         VALUES ($1, format('M-%s-%s', $25::int, lpad(nextval($26::regclass)::text, 7, '0')), $2, $3, $4, $5, $6, $7, $8,
           $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $27)
         RETURNING *)
       SELECT ${APPEAL_COLUMNS} FROM a`, [
            appeal.id,
            appeal.type,
            appeal.status,
            appeal.agencyId,
            appeal.subject,
            appeal.text,
            appeal.channel,
            appeal.regime,
            appeal.confidential,
            appeal.anonymous,
            appeal.collective,
            appeal.receivedOn,
            appeal.registeredAt,
            appeal.ownerUserId,
            appeal.registeredBy,
            appeal.respondentAgencyId,
            appeal.respondentOfficial,
            appeal.referralDueDate,
            appeal.reviewDueDate,
            appeal.reviewDueAt,
            appeal.reviewTermWorkingDays,
            appeal.deadlinesProvisional,
            appeal.calendarVersion,
            appeal.closureGround,
            registrationYear,
            sequence,
            appeal.reviewTermFrom,
        ]);
        return row;
    }
    async insertParties(tx, appealId, parties) {
        await tx.query(`INSERT INTO appeal_parties (appeal_id, role, position, kind, full_name, organisation_name, address, email, phone, authority_document)
       SELECT $1, p.role, p.position, p.kind, p."fullName", p."organisationName", p.address, p.email, p.phone, p."authorityDocument"
       FROM jsonb_to_recordset($2::jsonb) AS p(role text, position smallint, kind text, "fullName" text,
         "organisationName" text, address text, email text, phone text, "authorityDocument" text)`, [appealId, JSON.stringify(parties)]);
    }
    async findById(id) {
        const [row] = await this.db.query(`SELECT ${APPEAL_COLUMNS} FROM appeals a WHERE a.id = $1`, [id]);
        return row;
    }
    /** Locks the appeal row: events and attachments of one appeal are appended one at a time. */
    async lockForUpdate(tx, id) {
        const [row] = await tx.query(`SELECT ${APPEAL_COLUMNS} FROM appeals a WHERE a.id = $1 FOR UPDATE`, [id]);
        return row;
    }
    async partiesOf(appealId) {
        return this.db.query(`SELECT role, position, kind, full_name AS "fullName", organisation_name AS "organisationName", address, email, phone,
              authority_document AS "authorityDocument"
       FROM appeal_parties WHERE appeal_id = $1 ORDER BY role, position`, [appealId]);
    }
    /** Keyset pagination on an index per sort order (appeals_owner_idx, appeals_agency_due_idx). */
    async list(filter) {
        const where = [];
        const params = [];
        const param = (value) => {
            params.push(value);
            return `$${params.length}`;
        };
        if (filter.ownerUserId)
            where.push(`a.owner_user_id = ${param(filter.ownerUserId)}`);
        if (filter.agencyIds)
            where.push(`a.agency_id = ANY(${param(filter.agencyIds)}::uuid[])`);
        if (filter.status)
            where.push(`a.status = ${param(filter.status)}`);
        if (filter.type)
            where.push(`a.type = ${param(filter.type)}`);
        if (filter.overdueAt) {
            where.push(`a.review_due_at < ${param(filter.overdueAt)} AND a.status IN ('registered', 'in_review', 'referred')`);
        }
        if (filter.dueBefore)
            where.push(`a.review_due_date <= ${param(filter.dueBefore)}::date`);
        const [column, direction] = filter.sort === 'deadline' ? ['a.review_due_at', 'ASC'] : ['a.registered_at', 'DESC'];
        if (filter.after) {
            const op = direction === 'ASC' ? '>' : '<';
            where.push(`(${column}, a.id) ${op} (${param(filter.after.value)}::timestamptz, ${param(filter.after.id)}::uuid)`);
        }
        const sql = `SELECT ${APPEAL_COLUMNS} FROM appeals a
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${column} ${direction}, a.id ${direction}
      LIMIT ${param(filter.limit)}`;
        return this.db.query(sql, params);
    }
};
exports.AppealsRepository = AppealsRepository;
exports.AppealsRepository = AppealsRepository = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [db_1.Db])
], AppealsRepository);
//# sourceMappingURL=appeals.repository.js.map