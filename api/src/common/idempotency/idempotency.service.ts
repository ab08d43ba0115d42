import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ProblemException } from '../problem/problem.exception';
import { requestFingerprint } from './request-fingerprint';

/** How long a key is remembered (the contract: 24 h). */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** A response as it was first sent, replayed verbatim for a repeat. */
export interface StoredResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface IdempotentRequest {
  /** Whose key it is, e.g. `user:<uuid>`: keys are scoped per caller. */
  scope: string;
  /** The client's `Idempotency-Key`, or undefined to run without idempotency. */
  key: string | undefined;
  /** The operation id (`createTask`), so one key cannot be replayed against another route. */
  operation: string;
  body: unknown;
}

export interface IdempotentResult<T> {
  response: StoredResponse<T>;
  /** True when this is a replay: the work did not run again. */
  replayed: boolean;
}

/**
 * `Idempotency-Key` for POST. The key row is claimed (INSERT … ON CONFLICT) in the same
 * transaction as the work and filled with the response before commit, so:
 * - a repeat after commit finds the row and replays the response without running the work;
 * - a concurrent duplicate blocks on the row's unique index until the first commits, then
 *   replays (or, if the first rolled back, claims the key itself): never two effects;
 * - the same key with another request is a 422;
 * - an expired key (older than 24 h) is claimed afresh;
 * - a replay is byte-identical to the first response body (stored verbatim, see the entity).
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  async execute<T>(
    request: IdempotentRequest,
    work: (manager: EntityManager) => Promise<StoredResponse<T>>,
  ): Promise<IdempotentResult<T>> {
    if (request.key === undefined) {
      const response = await this.dataSource.transaction(work);
      return { response, replayed: false };
    }
    const key = request.key;
    const fingerprint = requestFingerprint(request.operation, request.body);
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO idempotency_keys AS k (scope, key, fingerprint, response_status, response_headers, expires_at)
         VALUES ($1, $2, $3, 0, '{}', now() + make_interval(hours => $4))
         ON CONFLICT (scope, key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, created_at = now(), expires_at = EXCLUDED.expires_at
           WHERE k.expires_at <= now()
         RETURNING 1`,
        [request.scope, key, fingerprint, IDEMPOTENCY_TTL_HOURS],
      );
      if (claimed.length === 0) {
        return {
          response: await this.replay<T>(manager, request.scope, key, fingerprint),
          replayed: true,
        };
      }
      const response = await work(manager);
      // `json` columns keep this text as is, so the replay serializes to the same bytes.
      await manager.query(
        `UPDATE idempotency_keys SET response_status = $3, response_headers = $4, response_body = $5
         WHERE scope = $1 AND key = $2`,
        [
          request.scope,
          key,
          response.status,
          JSON.stringify(response.headers),
          JSON.stringify(response.body),
        ],
      );
      return { response, replayed: false };
    });
  }

  /** Removes expired keys; claiming already ignores them, this only reclaims space. */
  async purgeExpired(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      'DELETE FROM idempotency_keys WHERE expires_at <= now()',
    );
    return result[1];
  }

  private async replay<T>(
    manager: EntityManager,
    scope: string,
    key: string,
    fingerprint: string,
  ): Promise<StoredResponse<T>> {
    const rows: Array<{
      fingerprint: string;
      response_status: number;
      response_headers: Record<string, string>;
      response_body: T;
    }> = await manager.query(
      `SELECT fingerprint, response_status, response_headers, response_body
       FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    const row = rows[0];
    if (!row) {
      // Only possible if the key was purged between the claim and this read: ask for a retry.
      throw new ProblemException({
        status: HttpStatus.CONFLICT,
        slug: 'idempotency-retry',
        detail: 'Retry the request.',
      });
    }
    if (row.fingerprint !== fingerprint) {
      throw new ProblemException({
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        slug: 'idempotency-key-reused',
        title: 'Idempotency-Key already used for another request',
        detail: 'This Idempotency-Key was used with a different request body; use a new key.',
      });
    }
    return {
      status: row.response_status,
      headers: { ...row.response_headers, 'Idempotent-Replayed': 'true' },
      body: row.response_body,
    };
  }
}
