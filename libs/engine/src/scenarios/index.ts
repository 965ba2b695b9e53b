export * from './scenario.types';
export * from './condition-path';
export * from './apply-scenario';
