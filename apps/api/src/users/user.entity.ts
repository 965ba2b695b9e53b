import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../auth/principal';

/** A person with a token: admin, caseworker or park-admin. The token itself is never stored. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ name: 'park_id', type: 'varchar', length: 100, nullable: true })
  parkId: string | null;

  /** argon2id hash of the token's secret part. */
  @Column({ name: 'token_hash', type: 'varchar', length: 200 })
  tokenHash: string;

  /** ISO 8601 UTC. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  /** Set once, by `users revoke`: the token stops working on the next request. */
  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true })
  revokedAt: string | null;
}
