/**
 * The enterprise profile: its fields, their one validator and messages, the one reader of typed text, and the
 * facts derived from it. Browser-safe on purpose (no Node imports, no eval): `scripts/build-web.js` bundles this
 * file for the web form (served at /engine/profile.js), so the form, the API and the batch reader share it.
 */
export * from './profile';
export * from './profile-enums';
export * from './profile-fields';
export * from './profile-validator';
export * from './validation-messages';
export * from './credit-code';
export * from './number-text';
export * from './field-text';
export * from './text-safety';
export { DERIVED_FACTS, buildFacts, emptyProfile } from '../facts/fact-registry';
