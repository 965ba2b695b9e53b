export * from './coverage';
export * from './coverage-files';
