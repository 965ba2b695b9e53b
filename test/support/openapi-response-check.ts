import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** One response as the service sent it. */
export interface SentResponse {
  method: string;
  /** The path without the query string. */
  path: string;
  status: number;
  contentType: string;
  body: Buffer;
}

interface OpenApiSpec {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseSpec> }>>;
  components?: { schemas?: Record<string, unknown> };
}
interface ResponseSpec {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}
interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments: `/api/session` beats `/api/{x}` when both match. */
  literals: number;
  responses: Record<string, ResponseSpec>;
}

/** Paths the spec covers: the API and the health check (not the web pages, not the OpenAPI UI itself). */
const isApiPath = (path: string) => (path.startsWith('/api/') || path === '/health') && !path.startsWith('/api/docs');
const isJson = (media: string) => media === 'application/json' || media.endsWith('+json');
const DEFS = 'openapi#/$defs/';

/**
 * Checks responses against an OpenAPI 3.1 document: the status is documented for the operation, the content
 * type is one it lists, and a JSON body validates against its schema (ajv, JSON Schema 2020-12). Returns
 * what is wrong in words, or null. A route that does not exist may only answer 404 with the error schema.
 */
export class OpenApiResponseCheck {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  /** `document`: an OpenAPI 3.1 document as /api/docs-json serves it. */
  constructor(document: object) {
    const spec = document as OpenApiSpec;
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
    this.ajv.addSchema({ $id: 'openapi', $defs: rewriteRefs(spec.components?.schemas ?? {}, '#/$defs/') });
    this.routes = Object.entries(spec.paths).flatMap(([template, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        responses: op.responses ?? {},
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
      })),
    );
  }

  check(r: SentResponse): string | null {
    if (!isApiPath(r.path) || r.method === 'HEAD' || r.method === 'OPTIONS') return null;
    const route = this.routes
      .filter((x) => x.method === r.method && x.pattern.test(r.path))
      .sort((a, b) => b.literals - a.literals)[0];
    const where = `${r.method} ${r.path} → ${r.status}`;
    if (!route) {
      if (r.status !== 404) return `${where}: no such operation in the spec`;
      return this.checkBody(
        where,
        r,
        { content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } },
        'unknown-route',
      );
    }
    // A browser revalidating what it has cached gets 304 and no body: the documented 200 still stands.
    if (r.status === 304 && r.method === 'GET' && route.responses['200'])
      return r.body.length === 0 ? null : `${where}: a 304 with a body`;
    const documented =
      route.responses[String(r.status)] ?? route.responses[`${String(r.status)[0]}XX`] ?? route.responses.default;
    if (!documented)
      return `${where}: status not documented for ${r.method} ${route.template} (documented: ${Object.keys(route.responses).join(', ')})`;
    return this.checkBody(where, r, documented, `${r.method} ${route.template} ${r.status}`);
  }

  private checkBody(where: string, r: SentResponse, documented: ResponseSpec, key: string): string | null {
    const media = r.contentType.split(';')[0].trim().toLowerCase();
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0)
      return r.body.length === 0 ? null : `${where}: a body where the spec documents none`;
    const entry = content[media];
    if (!entry)
      return `${where}: content type "${r.contentType}" not documented (documented: ${Object.keys(content).join(', ')})`;
    if (!isJson(media) || entry.schema === undefined) return null;
    let body: unknown;
    try {
      body = JSON.parse(r.body.toString('utf8'));
    } catch {
      return `${where}: body is not JSON: ${r.body.toString('utf8').slice(0, 200)}`;
    }
    const validate = this.validator(`${key} ${media}`, entry.schema);
    if (validate(body)) return null;
    const problems = (validate.errors ?? [])
      .slice(0, 8)
      .map(
        (e) =>
          `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
      );
    return `${where}: body does not match the schema: ${problems.join('; ')}`;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile(rewriteRefs(schema, DEFS) as object);
      this.validators.set(key, v);
    }
    return v;
  }
}

/** Points `#/components/schemas/X` at wherever the components live for ajv. */
function rewriteRefs<T>(schema: T, prefix: string): T {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, `"${prefix}`)) as T;
}
