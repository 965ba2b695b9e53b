/**
 * Every type the API answers with, by the name its OpenAPI component gets. `npm run generate:api-schemas`
 * turns them (and what they reference) into JSON Schemas with ts-json-schema-generator; a test fails when
 * response-schemas.generated.ts no longer matches these types. To document a new response, export its type here.
 */
export type { MatchResult } from '@app/engine';
export type { MeasureView } from '../measures/measures.service';
export type { DocumentListItem, DocumentView } from '../documents/documents.service';
export type { SubmissionReceipt, SubmissionView } from '../submissions/submissions.service';
export type { ScreeningCreated, ScreeningView } from '../screenings/screenings.service';
export type { RejectedRowsJson, ScreeningResultsJson, TenantPage } from '../screenings/screening-export.service';
export type { MeasureTenantPage, TenantExplanation } from '../screenings/screening-drilldown.service';
export type { ReviewPage } from '../reviews/review-queue.service';
export type { ReviewDetail } from '../reviews/review-detail.service';
export type { DecisionAppended, DecisionExportJson } from '../reviews/decisions.service';
export type { CasePage } from '../reviews/cases/case-queue.service';
export type { CaseDetail } from '../reviews/cases/case-detail.service';
export type { ScreeningCasesSent } from '../reviews/cases/screening-cases.service';
export type { Dashboard } from '../reviews/dashboard/dashboard.service';
export type { CreatedUser, UserView } from '../users/users.service';
export type { Principal } from '../auth/principal';
export type { HealthReport } from '../health/health.controller';
export type { PackDiff } from '@app/engine';
export type { StoredPackView } from '../rule-packs/rule-packs.service';
export type { ScenarioSummary, ScenarioView } from '../sandbox/scenarios.service';
export type { RunAccepted, RunView, ScenarioDetail } from '../sandbox/scenario-runs.service';
export type { ScreeningChoice } from '../sandbox/sandbox-populations.controller';
export type { PurgeResult } from '../screening-retention/screening-purge.service';
export type { ApiError } from './api-error';
