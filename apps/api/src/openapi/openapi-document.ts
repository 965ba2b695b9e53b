import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { RESPONSE_SCHEMAS } from './response-schemas.generated';

/**
 * The OpenAPI document served at /api/docs-json. Nest describes the routes and request DTOs; the response
 * components come from the TypeScript types the services return (response-schemas.generated.ts). OpenAPI 3.1,
 * because those schemas are JSON Schema (`type: ["string", "null"]`, `const`).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Guangdong policy eligibility engine')
    .setDescription(
      'Match an enterprise profile against Guangdong industrial-policy support measures. Amounts are in 元.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return withResponseSchemas(SwaggerModule.createDocument(app, config));
}

function withResponseSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = { ...document.components?.schemas };
  for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS)) {
    if (name in schemas)
      throw new Error(`OpenAPI: a request DTO and a response type are both called ${name}: rename one`);
    schemas[name] = schema;
  }
  const result = { ...document, components: { ...document.components, schemas } };
  const dangling = danglingRefs(result);
  if (dangling.length > 0) throw new Error(`OpenAPI: no component for ${dangling.join(', ')}`);
  return result;
}

/** `$ref`s that point at no component: a decorator naming a type that response-types.ts does not export. */
function danglingRefs(document: OpenAPIObject): string[] {
  const refs = JSON.stringify(document).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
  const names = new Set(refs.map((r) => r.slice('"$ref":"#/components/schemas/'.length, -1)));
  return [...names].filter((n) => !(n in (document.components?.schemas ?? {})));
}
