import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RequestWithActor } from './access.decorators';
import { ScreeningPolicy } from './policies/screening.policy';

interface ParkScope {
  entity: () => EntityTarget<ObjectLiteral>;
  notFound: () => Error;
  param: string;
}
const PARK_SCOPE_KEY = 'gdpm:park-scope';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Object-level rule for a park's data as a decorator, so a controller needs no access code of its own:
 * loads the row named by the route's `:id` and lets the request through only if ScreeningPolicy.canRead
 * accepts it. Another park's row throws `notFound()`, the very error the service throws for an unknown id, so ids
 * cannot be probed. The entity needs an `id` and a `parkId` column. Goes after @Allow(...), which has already
 * resolved the user.
 */
export function ParkScoped(
  entity: () => EntityTarget<ObjectLiteral>,
  notFound: () => Error,
  options: { param?: string } = {},
) {
  const scope: ParkScope = { entity, notFound, param: options.param ?? 'id' };
  return applyDecorators(SetMetadata(PARK_SCOPE_KEY, scope), UseGuards(ParkScopeGuard));
}

@Injectable()
export class ParkScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<ParkScope | undefined>(PARK_SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!scope) return true;
    const req = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const id = req.params?.[scope.param];
    if (typeof id !== 'string' || !UUID.test(id)) return true; // malformed: the route's ParseUUIDPipe answers 400
    const row = await this.db
      .getRepository(scope.entity())
      .findOne({ select: { id: true, parkId: true }, where: { id } });
    if (!row || !req.actor || !ScreeningPolicy.canRead(req.actor, { parkId: (row.parkId as string | null) ?? null })) {
      throw scope.notFound();
    }
    return true;
  }
}
