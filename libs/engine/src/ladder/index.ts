export * from './ladder';
export * from '../types';
export { LADDER_STEPS } from './ladder-steps';
export type { LadderRule, LadderStepSpec, LadderVersion, LadderCriterion, CriterionTest, RdBand } from './ladder-steps';
