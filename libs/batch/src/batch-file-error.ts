import type { Lang } from '@app/engine';

export type BatchFileErrorCode =
  | 'unreadable'
  | 'empty-file'
  | 'unsupported-format'
  | 'unknown-encoding'
  | 'unknown-headers'
  | 'duplicate-headers'
  | 'malformed-file'
  | 'too-many-rows'
  | 'too-large'
  | 'time-limit';

/**
 * A problem with the whole file (not one row): it cannot be read, or its header row cannot be mapped
 * onto profile fields. Nothing is screened. Plain class with a string code: the API turns it into a 400,
 * the CLI into exit code 2.
 */
export class BatchFileError extends Error {
  constructor(
    readonly code: BatchFileErrorCode,
    private readonly text: { zh: string; en: string },
    /** The offending headers or other specifics, for a machine to read. */
    readonly details: string[] = [],
  ) {
    super(text.en);
    this.name = 'BatchFileError';
  }

  describe(lang: Lang): string {
    return this.text[lang];
  }
}
