import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { ScreeningNotFoundError } from '../screenings/screening.errors';
import { ParkScoped, ParkScopeGuard } from './park-scope.guard';
import type { Principal } from './principal';

class ScreeningRow {}
const ID_A = '0b7c3a52-5d0e-4f4e-9d3a-1c2b3a4d5e6f';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const rows: Record<string, { id: string; parkId: string | null }> = { [ID_A]: { id: ID_A, parkId: 'park-a' } };

class Routes {
  @ParkScoped(() => ScreeningRow, () => new ScreeningNotFoundError()) read() {}
}

const user = (role: Principal['role'], parkId: string | null = null): Principal => ({
  id: 'u',
  name: 'n',
  role,
  parkId,
});

function contextFor(id: string, actor: Principal): ExecutionContext {
  const request = { params: { id }, actor };
  return {
    getHandler: () => Routes.prototype.read,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe(ParkScopeGuard.name, () => {
  const db = {
    getRepository: () => ({ findOne: async ({ where }: { where: { id: string } }) => rows[where.id] ?? null }),
  } as unknown as DataSource;
  const sut = new ParkScopeGuard(new Reflector(), db);

  it("lets a park-admin reach its own park's screening and a caseworker any", async () => {
    await expect(sut.canActivate(contextFor(ID_A, user('park-admin', 'park-a')))).resolves.toBe(true);
    await expect(sut.canActivate(contextFor(ID_A, user('caseworker')))).resolves.toBe(true);
  });

  it("answers another park's screening exactly like an unknown one: 404 with the same message", async () => {
    const other = sut.canActivate(contextFor(ID_A, user('park-admin', 'park-b')));
    const unknown = sut.canActivate(contextFor(UNKNOWN, user('park-admin', 'park-b')));
    await expect(other).rejects.toBeInstanceOf(ScreeningNotFoundError);
    await expect(unknown).rejects.toBeInstanceOf(ScreeningNotFoundError);
    const message = async (p: Promise<boolean>) => p.catch((e: ScreeningNotFoundError) => e.message);
    expect(await message(sut.canActivate(contextFor(ID_A, user('park-admin', 'park-b'))))).toBe(
      await message(sut.canActivate(contextFor(UNKNOWN, user('caseworker')))),
    );
  });

  it('leaves a malformed id to the route (its ParseUUIDPipe answers 400)', async () => {
    await expect(sut.canActivate(contextFor('42', user('park-admin', 'park-b')))).resolves.toBe(true);
  });
});
