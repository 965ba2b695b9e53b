/** Every code an engine error can carry; the API's exception filter has a status for each. */
export type EngineErrorCode =
  'rule-pack-invalid' | 'rule-invalid' | 'measure-not-found' | 'document-not-found' | 'scenario-invalid';

/** Engine errors carry a string code and no HTTP: the API's exception filter maps codes to statuses. */
export class EngineError extends Error {
  constructor(
    public readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface RulePackProblem {
  file: string;
  problem: string;
}

/** The rule pack could not be loaded; `problems` names each file and what is wrong with it. */
export class RulePackError extends EngineError {
  constructor(public readonly problems: RulePackProblem[]) {
    super(
      'rule-pack-invalid',
      `rule pack invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.file}: ${p.problem}`).join('\n'),
    );
  }
}

export class MeasureNotFoundError extends EngineError {
  constructor(id: string) {
    super('measure-not-found', `no measure with id ${id}`);
  }
}

export class DocumentNotFoundError extends EngineError {
  constructor(id: string) {
    super('document-not-found', `no document with id ${id}`);
  }
}

/**
 * A measure's rule fails the loader's checks where it is compiled from elsewhere than the rule files (a stored
 * rule snapshot): a malformed condition tree is refused, never evaluated.
 */
export class InvalidRuleError extends EngineError {
  constructor(
    public readonly measureId: string,
    public readonly problems: string[],
  ) {
    super('rule-invalid', `the rule of measure ${measureId} is invalid: ${problems.join('; ')}`);
  }
}
