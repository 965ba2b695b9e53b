/** The local Redis the queue and rate-limit specs use (each under its own key prefix). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** GET /api/screenings/:id as the queue specs read it. */
export interface ScreeningStatus {
  status: string;
  processed: number;
  total: number | null;
  screened: number;
  rejectedRows: number;
  error: string | null;
  summary?: { totals: Record<string, number>; measures: unknown[]; notes?: unknown[] } | null;
}
