import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/engine';
import type { ImpactReport } from './impact-report';

/** The digest of a run's results (sha256 of the canonical JSON): what the audit trail records. */
export function impactDigest(report: ImpactReport): string {
  return `sha256:${createHash('sha256').update(canonicalJson(report)).digest('hex')}`;
}
