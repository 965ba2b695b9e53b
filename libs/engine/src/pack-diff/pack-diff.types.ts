import { MeasureNature } from '../types';

/** One difference, in words a policy writer reads, with the values on each side where they are short. */
export interface ChangeInWords {
  aspect: 'condition' | 'period' | 'nature' | 'kind' | 'national' | 'citation' | 'estimate' | 'text' | 'document';
  text: string;
  /** For a condition: where it sits under `conditions` ("all[3]"). */
  path?: string;
  before?: unknown;
  after?: unknown;
}

export interface MeasureRef {
  measureId: string;
  title: string;
  nature: MeasureNature;
}

export interface MeasureChange extends MeasureRef {
  changes: ChangeInWords[];
}

export interface DocumentChange {
  documentId: string;
  title: string;
  change: 'added' | 'removed' | 'changed';
  changes: ChangeInWords[];
}

/** What changed from pack `from` to pack `to`: measures added, removed and changed, and their documents. */
export interface PackDiff {
  from: string;
  to: string;
  added: MeasureRef[];
  removed: MeasureRef[];
  changed: MeasureChange[];
  unchanged: number;
  documents: DocumentChange[];
}
