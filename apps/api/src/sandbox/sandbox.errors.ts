import { AppError } from '../common/errors';

export class ScenarioNotFoundError extends AppError {
  constructor() {
    super('scenario-not-found', 'no scenario with that id');
  }
}

export class ScenarioRunNotFoundError extends AppError {
  constructor() {
    super('scenario-run-not-found', 'no run with that id for this scenario');
  }
}

export class ScenarioRunNotDoneError extends AppError {
  constructor(status: string) {
    super('scenario-run-not-done', `the run is ${status}: its changes are there when it is done`, {
      details: { status },
    });
  }
}
