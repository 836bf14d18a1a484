// Public API of the pure evaluation rules (domain/evaluation-methodology.md); no Nest, no I/O.
export type {
  Colour,
  ColourThresholds,
  CorruptionBand,
  CorruptionBandDefinition,
  FieldError,
  IndicatorDefinition,
  InfrastructureComponent,
  InfrastructureQuestion,
  InfrastructureQuestionKind,
  InfrastructureSettings,
  LocalisedText,
  MaturityLevel,
  Methodology,
  ResponsivenessSettings,
  ResponsivenessWeights,
} from './methodology';
export {
  DEFAULT_COLOUR_THRESHOLDS,
  EvaluationInputError,
  INFRASTRUCTURE_COMPONENTS,
  MATURITY_LEVELS,
  METHODOLOGY_INVALID,
  MethodologyConfigError,
  colourFor,
  parseMethodology,
} from './methodology';
export type { MaturityAnswers, MaturityAssessment } from './maturity';
export { assessMaturity, corruptionBandFor, corruptionScore, validateMaturityAnswers } from './maturity';
export type { DigitisationShare } from './digitisation';
export { digitisationShare } from './digitisation';
export type { ComponentScores, InfrastructureAnswers, InfrastructureIndex } from './infrastructure';
export { infrastructureIndex, roundHalfUp } from './infrastructure';
export type { Responsiveness, ResponsivenessCounts, ResponsivenessOptions } from './responsiveness';
export { DEFAULT_RESPONSIVENESS_OPTIONS, computeResponsiveness, percentile, responsivenessOptions, wilsonInterval } from './responsiveness';
