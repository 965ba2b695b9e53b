import { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `dataSource.transaction(fn)`, safe under concurrent requests on SQLite too. TypeORM drives SQLite through
 * one connection, so two overlapping transactions fail there ("cannot start a transaction within a
 * transaction"); on SQLite this queues them, one after the other. PostgreSQL runs them as they come.
 */
export function inTransaction<T>(db: DataSource, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type !== 'sqlite') return db.transaction(fn);
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => db.transaction(fn));
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
