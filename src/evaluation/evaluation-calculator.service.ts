import { Injectable } from '@nestjs/common';
import { InfrastructureAnswers, MaturityAnswers, assessMaturity, infrastructureIndex } from './domain';
import { MethodologyService } from './methodology.service';

/** The stateless calculators of API.md "Evaluation", on the methodology in force. */
@Injectable()
export class EvaluationCalculatorService {
  constructor(private readonly methodology: MethodologyService) {}

  maturity(answers: unknown): {
    level: number;
    levelsReached: readonly number[];
    columns: readonly number[];
    corruptionScore: number;
    corruptionBand: string;
    methodologyVersion: string;
  } {
    const r = assessMaturity(this.methodology.current, answers as MaturityAnswers);
    return {
      level: r.level,
      levelsReached: r.levelsReached,
      columns: r.columns,
      corruptionScore: r.corruptionScore,
      corruptionBand: r.corruptionBand,
      methodologyVersion: r.methodologyVersion,
    };
  }

  infrastructure(answers: unknown): {
    components: Record<string, number>;
    index: number;
    rounded: object;
    colours: object;
    methodologyVersion: string;
  } {
    const r = infrastructureIndex(this.methodology.current, answers as InfrastructureAnswers);
    return {
      components: { ...r.components },
      index: r.index,
      rounded: r.rounded,
      colours: r.colours,
      methodologyVersion: r.methodologyVersion,
    };
  }
}
