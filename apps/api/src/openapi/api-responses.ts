import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ResponseTypeName } from './response-schemas.generated';

/** A `$ref` to a response component; the components are generated from TypeScript types (response-types.ts). */
export const schemaRef = (name: ResponseTypeName) => ({ $ref: `#/components/schemas/${name}` });

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE = { type: 'string', format: 'binary' };

/** A 2xx answered with JSON of a generated type (`array` for a list of it). */
export function ApiJsonResponse(
  status: number,
  type: ResponseTypeName,
  description: string,
  shape: 'one' | 'array' = 'one',
) {
  const schema = shape === 'array' ? { type: 'array', items: schemaRef(type) } : schemaRef(type);
  return ApiResponse({ status, description, content: { 'application/json': { schema } } });
}

/** A 2xx whose body depends on `?format=`: CSV and XLSX files, or JSON of one of the generated types. */
export function ApiDownloadResponse(description: string, json: ResponseTypeName[], jsonShape: 'one' | 'array' = 'one') {
  const refs = json.map((name) =>
    jsonShape === 'array' ? { type: 'array', items: schemaRef(name) } : schemaRef(name),
  );
  const schema = refs.length === 1 ? refs[0] : { anyOf: refs };
  return ApiResponse({
    status: 200,
    description,
    content: { [CSV]: { schema: FILE }, [XLSX]: { schema: FILE }, 'application/json': { schema } },
  });
}

/** A 200 that is a CSV or XLSX file (`?format=`), no JSON. */
export function ApiFileResponse(description: string) {
  return ApiResponse({ status: 200, description, content: { [CSV]: { schema: FILE }, [XLSX]: { schema: FILE } } });
}

/** A 2xx with no body. */
export function ApiEmptyResponse(status: number, description: string) {
  return ApiResponse({ status, description });
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;

const ERROR_MEANINGS: Record<ErrorStatus, string> = {
  400: 'Bad input: `errors` names every offending field with its reasons',
  401: 'No valid token: send `Authorization: Bearer <token>` (or sign in for the session cookie); a wrong or revoked token is refused even where none is needed',
  403: 'Your role may not do this, or a cookie-authenticated request lacks `X-Requested-With`',
  404: 'No such id',
  409: 'Conflicts with the current state',
  413: 'Body or upload too large (BODY_LIMIT, UPLOAD_LIMIT)',
  429: 'Too many requests in the window: per address on public routes (THROTTLE_LIMIT per THROTTLE_TTL_SECONDS), per user and address behind a token (USER_THROTTLE_LIMIT), or too many failed token checks (CREDENTIAL_THROTTLE_LIMIT)',
  500: 'Unexpected failure, logged with its cause',
  503: 'A service it depends on (the database) does not answer: retry after `Retry-After` seconds',
};

/** Errors any anonymous route may answer: a wrong bearer token, the rate limit, an unexpected failure. */
export const ANONYMOUS_ERRORS: ErrorStatus[] = [401, 429, 500, 503];
/** Errors any signed-in route may answer (503: the database, which every sign-in reads, does not answer). */
export const SIGNED_IN_ERRORS: ErrorStatus[] = [401, 403, 429, 500, 503];
/** What a JSON body may bring on any route: malformed or too large. */
export const BODY_ERRORS: ErrorStatus[] = [400, 413];

/**
 * The error responses of a route, all with the one `ApiError` schema; `meanings` says what a status means on
 * this route where the general wording is not enough.
 */
export function ApiErrors(statuses: ErrorStatus[], meanings: Partial<Record<ErrorStatus, string>> = {}) {
  const unique = [...new Set([...statuses, ...(Object.keys(meanings).map(Number) as ErrorStatus[])])].sort();
  return applyDecorators(
    ...unique.map((status) =>
      ApiResponse({
        status,
        description: meanings[status] ?? ERROR_MEANINGS[status],
        content: { 'application/json': { schema: schemaRef('ApiError') } },
      }),
    ),
  );
}
