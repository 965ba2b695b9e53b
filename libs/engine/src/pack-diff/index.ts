export * from './pack-diff.types';
export * from './condition-words';
export * from './condition-diff';
export * from './measure-diff';
export * from './pack-diff';
export * from './fixture-regression';
