import { inject, Injectable } from '@angular/core';
import type { Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { ProblemError, toProblem, unwrap } from '../../core/errors/problem';
import { lagText } from './system-text';

export type SystemStatus = Schema<'SystemStatus'>;
export type QueueStatus = Schema<'QueueStatus'>;
export type FailedJob = Schema<'FailedJob'>;

/** One dependency as readiness reports it; some carry figures besides up/down. */
export interface DependencyCheck {
  name: string;
  up: boolean;
  message: string | null;
  /** Other figures the check reported (e.g. the outbox backlog), as label/value pairs. */
  facts: { label: string; value: string }[];
}

export interface Readiness {
  ready: boolean;
  /** The problem's detail when not ready ("Unavailable: redis"). */
  detail: string | null;
  checks: DependencyCheck[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "oldestAgeSeconds" → "oldest age seconds". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** One extra figure of a check; durations in seconds read as "3 min 5 s". */
function fact(key: string, value: unknown): { label: string; value: string } {
  if (key.endsWith('Seconds') && typeof value === 'number') {
    return { label: words(key.slice(0, -'Seconds'.length)), value: lagText(value) };
  }
  return { label: words(key), value: String(value) };
}

/** The per-dependency map (`details` of a 200, `checks` of a 503 problem) as rows, by name. */
export function dependencyChecks(details: unknown): DependencyCheck[] {
  if (!isRecord(details)) return [];
  return Object.keys(details)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const entry = details[name];
      const record = isRecord(entry) ? entry : {};
      const facts = Object.keys(record)
        .filter((key) => key !== 'status' && key !== 'message')
        .map((key) => fact(key, record[key]));
      return {
        name,
        up: record['status'] === 'up',
        message: typeof record['message'] === 'string' ? record['message'] : null,
        facts,
      };
    });
}

/**
 * Readiness from a health answer: a 200 report, or a 503 problem that still carries every
 * dependency's state in `checks`. Anything else is an error.
 */
export function readinessFrom(status: number, body: unknown): Readiness | null {
  if (!isRecord(body)) return null;
  if (status === 200) {
    return { ready: true, detail: null, checks: dependencyChecks(body['details']) };
  }
  if (status === 503 && isRecord(body['checks'])) {
    const detail = typeof body['detail'] === 'string' ? body['detail'] : null;
    return { ready: false, detail, checks: dependencyChecks(body['checks']) };
  }
  return null;
}

/** The admin's view of the running system: readiness, queues, failed jobs, outbox lag. */
@Injectable({ providedIn: 'root' })
export class SystemApi {
  private readonly client = inject(Api).client;

  async readiness(): Promise<Readiness> {
    const result = await this.client.GET('/api/v1/health/ready');
    const readiness = readinessFrom(result.response.status, result.data ?? result.error);
    if (readiness) return readiness;
    throw new ProblemError(toProblem(result.error, result.response));
  }

  async status(): Promise<SystemStatus> {
    return unwrap(await this.client.GET('/api/v1/system/status'));
  }
}
