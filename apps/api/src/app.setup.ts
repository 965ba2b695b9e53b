import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { rejectOversizedUploads, securityHeaders } from './auth/http-hardening';
import { AppConfig } from './config/app-config';
import { InvalidInputError } from './common/errors';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { nestingProblem } from './common/input-guard';
import { langOf } from './common/lang';
import { AppValidationPipe } from './common/validation';
import { createOpenApiDocument } from './openapi/openapi-document';

/** Everything main.ts and the tests both need: body limits, validation, errors, OpenAPI, the web assets. */
export function setupApp(app: NestExpressApplication, config: AppConfig): void {
  // Behind a load balancer the rate limit must count the client's address, not the balancer's (TRUST_PROXY).
  app.set('trust proxy', config.trustProxy);
  app.use(helmet(securityHeaders));
  app.use(cookieParser());
  app.use(rejectOversizedUploads(config.uploadLimitBytes));
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.use(refuseDeepJson);
  app.useGlobalPipes(new AppValidationPipe());
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  const web = webRoot();
  if (web) {
    if (!fs.existsSync(path.join(web, 'engine', 'profile.js'))) {
      Logger.warn(
        'apps/web/public/engine/profile.js is missing: run `npm run build` (the web form imports it)',
        'WebAssets',
      );
    }
    app.useStaticAssets(web, { index: 'index.html' });
  }
  // Charts (the sandbox page) come from the echarts package itself, served from here: no CDN.
  app.useStaticAssets(path.dirname(require.resolve('echarts/dist/echarts.min.js')), { prefix: '/vendor/echarts/' });

  // Body-parser errors (malformed JSON, too large) are raised by Express middleware, outside Nest's
  // filter chain: hand them to the same filter so they get the contract's error shape, not an HTML page.
  const filter = new HttpExceptionFilter();
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    filter.catch(err, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  });
}

/**
 * JSON nested deeper than MAX_INPUT_DEPTH is refused as soon as it is parsed, before any validator or engine code
 * walks it (a 2.8 KB body of 1,400 nested arrays was a 500 with a stack trace).
 */
function refuseDeepJson(req: Request, _res: Response, next: NextFunction): void {
  const problem = typeof req.body === 'object' && req.body !== null ? nestingProblem(req.body, langOf(req)) : null;
  next(problem ? new InvalidInputError(problem) : undefined);
}

/** apps/web/public, found from the source tree or from dist/. */
function webRoot(): string | null {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', 'web', 'public');
    if (fs.existsSync(candidate) && !dir.endsWith(`${path.sep}dist`)) return candidate;
  }
  return null;
}
