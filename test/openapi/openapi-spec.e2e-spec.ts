import express from 'express';
import request from 'supertest';
import { OpenApiResponseCheck } from '../support/openapi-response-check';
import { conformanceRecorder, takeViolations } from '../support/response-conformance';
import { startTestApp, TestApp } from '../support/test-app';

interface Spec {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const PROFILE = {
  city: 'shenzhen',
  clusters: ['precision-instruments'],
  qualifications: ['key-backbone'],
  revenue: 200_000_000,
  rdExpense: 10_000_000,
};

describe('the OpenAPI spec at /api/docs-json', () => {
  let sut: TestApp;
  let spec: Spec;
  beforeAll(async () => {
    sut = await startTestApp();
    spec = (await request(sut.url).get('/api/docs-json').expect(200)).body as Spec;
  });
  afterAll(async () => {
    await sut?.close();
  });

  const responses = () =>
    Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) =>
        Object.entries(op.responses).map(([status, r]) => ({
          at: `${method.toUpperCase()} ${path} ${status}`,
          status,
          r,
        })),
      ),
    );

  it('gives every success response a schema (or file content types), except a 204 that has no body', () => {
    const successes = responses().filter((x) => x.status.startsWith('2'));
    expect(successes.length).toBeGreaterThanOrEqual(23);
    const lacking = successes.filter(
      (x) => x.status !== '204' && (!x.r.content || Object.values(x.r.content).some((c) => c.schema === undefined)),
    );
    expect(lacking.map((x) => x.at)).toEqual([]);
  });

  it('documents every error response with the one ApiError schema (the health check’s 503 is its report)', () => {
    const errors = responses().filter((x) => /^[45]/.test(x.status) && x.at !== 'GET /health 503');
    expect(errors.length).toBeGreaterThan(50);
    const others = errors.filter(
      (x) =>
        JSON.stringify(x.r.content) !==
        JSON.stringify({ 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } }),
    );
    expect(others.map((x) => x.at)).toEqual([]);
  });

  it('describes POST /api/match with the engine’s MatchResult, Version 2 fields included', () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/match'].post.responses['200'].content?.['application/json'].schema).toEqual({
      $ref: '#/components/schemas/MatchResult',
    });
    expect(Object.keys(spec.components.schemas.MatchResult.properties ?? {})).toEqual(
      expect.arrayContaining(['asOf', 'summary', 'results']),
    );
    expect(Object.keys(spec.components.schemas.MeasureResult.properties ?? {})).toEqual(
      expect.arrayContaining(['nature', 'inForceReason', 'supersededBy', 'estimate', 'howToApply']),
    );
  });

  it('keeps the OpenAPI UI at /api/docs', async () => {
    const ui = await request(sut.url).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('catches a real response that departs from its schema: a deliberately wrong MatchSummary fails', async () => {
    const res = await request(sut.url).post('/api/match?lang=en').send(PROFILE).expect(200);
    const sent = {
      method: 'POST',
      path: '/api/match',
      status: res.status,
      contentType: String(res.headers['content-type']),
      body: Buffer.from(res.text),
    };
    expect(new OpenApiResponseCheck(spec).check(sent)).toBeNull();
    const wrong = structuredClone(spec);
    wrong.components.schemas.MatchSummary.properties!.eligible = { type: 'string' };
    expect(new OpenApiResponseCheck(wrong).check(sent)).toMatch(
      /POST \/api\/match → 200: body does not match the schema: \/summary\/eligible must be string/,
    );
  });
});

describe(conformanceRecorder.name, () => {
  const spec = {
    paths: {
      '/api/things': {
        get: {
          responses: {
            200: { content: { 'application/json': { schema: { type: 'array', items: { type: 'number' } } } } },
          },
        },
      },
    },
  };

  it('records a response written in pieces, and reports what does not match once it has finished', async () => {
    const app = express();
    app.use(conformanceRecorder(() => new OpenApiResponseCheck(spec)));
    app.get('/api/things', (req, res) => {
      res.type('application/json');
      res.write('[1,');
      res.end(req.query.bad ? '"two"]' : '2]');
    });
    await request(app).get('/api/things').expect(200);
    await request(app).get('/api/things?bad=1').expect(200);
    expect(takeViolations()).toEqual(['GET /api/things → 200: body does not match the schema: /1 must be number']);
  });
});
