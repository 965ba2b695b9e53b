import { OpenApiResponseCheck, SentResponse } from '../support/openapi-response-check';

const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
const SPEC = {
  paths: {
    '/api/things/{id}': {
      get: {
        responses: {
          200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          404: error,
        },
      },
    },
    '/api/things/export': {
      get: { responses: { 200: { content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } } } },
    },
    '/api/session': { delete: { responses: { 204: { description: 'Signed out' } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'size', 'period'],
        properties: {
          id: { type: 'string' },
          size: { type: 'number' },
          period: { $ref: '#/components/schemas/Period' },
        },
      },
      Period: {
        type: 'object',
        additionalProperties: false,
        required: ['to'],
        properties: { to: { type: ['string', 'null'] } },
      },
      ApiError: {
        type: 'object',
        additionalProperties: false,
        required: ['message'],
        properties: { message: { type: 'string' } },
      },
    },
  },
};

const json = (path: string, status: number, body: unknown, method = 'GET'): SentResponse => ({
  method,
  path,
  status,
  contentType: 'application/json; charset=utf-8',
  body: Buffer.from(JSON.stringify(body)),
});
const THING = { id: 'a', size: 3, period: { to: null } };

describe(OpenApiResponseCheck.name, () => {
  const sut = new OpenApiResponseCheck(SPEC);

  it('accepts a body that matches its documented schema, references followed', () => {
    expect(sut.check(json('/api/things/a', 200, THING))).toBeNull();
  });

  it('names the place where a body departs from the schema: wrong type, missing field, extra field', () => {
    expect(sut.check(json('/api/things/a', 200, { ...THING, size: '3' }))).toMatch(/\/size must be number/);
    expect(sut.check(json('/api/things/a', 200, { id: 'a', size: 3 }))).toMatch(/must have required property 'period'/);
    expect(sut.check(json('/api/things/a', 200, { ...THING, period: { to: 1 } }))).toMatch(
      /\/period\/to must be string,null/,
    );
    expect(sut.check(json('/api/things/a', 200, { ...THING, colour: 'red' }))).toMatch(
      /must NOT have additional properties \(colour\)/,
    );
  });

  it('refuses a status the operation does not document', () => {
    expect(sut.check(json('/api/things/a', 409, { message: 'no' }))).toMatch(
      /status not documented .* \(documented: 200, 404\)/,
    );
  });

  it('refuses a content type the status does not document, and a body that is not JSON', () => {
    expect(sut.check({ ...json('/api/things/a', 200, THING), contentType: 'text/html' })).toMatch(
      /content type "text\/html" not documented/,
    );
    expect(sut.check({ ...json('/api/things/a', 200, THING), body: Buffer.from('{"id":') })).toMatch(
      /body is not JSON/,
    );
  });

  it('checks a file download by its content type only, and a 204 by having no body', () => {
    const csv = {
      method: 'GET',
      path: '/api/things/export',
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from('a,b\n'),
    };
    expect(sut.check(csv)).toBeNull();
    expect(sut.check({ ...csv, contentType: 'application/json' })).toMatch(/not documented/);
    expect(
      sut.check({ method: 'DELETE', path: '/api/session', status: 204, contentType: '', body: Buffer.alloc(0) }),
    ).toBeNull();
    expect(sut.check({ ...json('/api/session', 204, {}), method: 'DELETE' })).toMatch(
      /a body where the spec documents none/,
    );
  });

  it('lets an unknown route answer only 404 with the error schema', () => {
    expect(sut.check(json('/api/nothing', 404, { message: 'Cannot GET /api/nothing' }))).toBeNull();
    expect(sut.check(json('/api/nothing', 200, {}))).toMatch(/no such operation/);
    expect(sut.check(json('/api/things/a', 200, THING, 'PUT'))).toMatch(/no such operation/);
  });

  it('accepts a browser revalidation (304, no body) where a 200 is documented', () => {
    expect(
      sut.check({ method: 'GET', path: '/api/things/a', status: 304, contentType: '', body: Buffer.alloc(0) }),
    ).toBeNull();
  });

  it('leaves the web pages and the OpenAPI UI alone', () => {
    expect(
      sut.check({
        method: 'GET',
        path: '/index.html',
        status: 200,
        contentType: 'text/html',
        body: Buffer.from('<html>'),
      }),
    ).toBeNull();
    expect(
      sut.check({
        method: 'GET',
        path: '/api/docs/swagger-ui.css',
        status: 200,
        contentType: 'text/css',
        body: Buffer.alloc(1),
      }),
    ).toBeNull();
  });
});
