import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A web sign-in. The cookie holds the session id (256 random bits); this table keys the session by the id's
 * SHA-256, so reading the table cannot sign anyone in. Signing out deletes the row: the old cookie is dead.
 */
@Entity('sessions')
export class SessionEntity {
  /** SHA-256 (hex) of the session id in the cookie. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** ISO 8601 UTC. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  /** ISO 8601 UTC: the session ends then (SESSION_TTL after sign-in) unless signed out before. */
  @Column({ name: 'expires_at', type: 'varchar', length: 30 })
  expiresAt: string;
}
