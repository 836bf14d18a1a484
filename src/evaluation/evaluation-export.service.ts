import { Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { ExportQuery } from './dto/evaluation.dto';
import { EvaluationResultsService, LeagueItem } from './evaluation-results.service';
import { LeagueRecord, leagueCsv, leagueXlsx } from './spreadsheet';

/** The league table as a file (CSV for tools, XLSX for people). */
@Injectable()
export class EvaluationExportService {
  constructor(private readonly results: EvaluationResultsService) {}

  async league(actor: Actor, query: ExportQuery): Promise<{ fileName: string; contentType: string; content: Buffer | string }> {
    const table = await this.results.league(actor, query);
    const records = table.items.map(toRecord);
    const fileName = `evaluation-${query.from}-${query.to}.${query.format}`;
    if (query.format === 'csv') return { fileName, contentType: 'text/csv; charset=utf-8', content: leagueCsv(records) };
    return {
      fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: await leagueXlsx(records),
    };
  }
}

function toRecord(item: LeagueItem): LeagueRecord {
  const r = item.responsiveness;
  const d = item.digitisation;
  return {
    rank: item.rank,
    agencyCode: item.agencyCode,
    agencyName: item.agencyName,
    from: item.from,
    to: item.to,
    dueCohort: r.dueCohort,
    onTime: r.onTime,
    onTimeReviewRate: r.onTimeReviewRate,
    referralCohort: r.referralCohort,
    onTimeReferralRate: r.onTimeReferralRate,
    medianWorkingDaysToAnswer: r.medianWorkingDaysToAnswer,
    p90WorkingDaysToAnswer: r.p90WorkingDaysToAnswer,
    extensionRate: r.extensionRate,
    openOverdue: r.openOverdue,
    pending: r.pending,
    satisfactionRate: r.satisfactionRate,
    index: r.index,
    colour: r.colour,
    insufficientData: r.insufficientData,
    servicesTotal: d.servicesTotal,
    servicesElectronic: d.servicesElectronic,
    share: d.share,
    digitisationColour: d.colour,
  };
}
