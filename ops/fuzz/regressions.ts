import type { Fixtures } from './fixtures';
import type { FuzzRequest } from './request-model';

/** A request the fuzzer once found failing, kept so the fix stays a fix. */
export interface Regression {
  /** What failed, and where it was fixed. */
  found: string;
  operationId: string;
  /** Sent as this fixture principal. */
  principal: string;
  method: string;
  url: string;
  /** What the fixed server answers. */
  status: number;
}

/** The minimal reproducing requests of every failure `npm run fuzz` has found, after the fix. */
export const REGRESSIONS: readonly Regression[] = [
  {
    found:
      'audit verify: a 19-digit toSeq past Postgres bigint was a 500 (out of range in the cast); ' +
      'fixed by IsPositiveBigintText on VerifyAuditChainQueryDto',
    operationId: 'verifyAuditChain',
    principal: 'auditor',
    method: 'GET',
    url: '/api/v1/audit/verify?toSeq=9999999999999999999',
    status: 400,
  },
  {
    found: 'the same with both bounds past bigint (the walk looked up seq from - 1)',
    operationId: 'verifyAuditChain',
    principal: 'auditor',
    method: 'GET',
    url: '/api/v1/audit/verify?fromSeq=9223372036854775808&toSeq=9223372036854775808',
    status: 400,
  },
  {
    found:
      'audit export: an ISO week date (to=2026-W01) passed @IsISO8601, became an Invalid Date ' +
      'and Postgres refused the NaN timestamp: a 500; fixed by IsInstantText on the filters DTO',
    operationId: 'exportAuditEvents',
    principal: 'auditor-token',
    method: 'GET',
    url: '/api/v1/audit/events/export?format=csv&to=2026-W01',
    status: 400,
  },
  {
    found: 'the same filter on the event list, in ISO basic format',
    operationId: 'listAuditEvents',
    principal: 'auditor',
    method: 'GET',
    url: '/api/v1/audit/events?from=20260101T000000Z',
    status: 400,
  },
];

export function regressionRequest(regression: Regression, fixtures: Fixtures): FuzzRequest {
  const principal = fixtures.principals.find((p) => p.name === regression.principal);
  if (principal === undefined) throw new Error(`No fixture principal ${regression.principal}`);
  return {
    operationId: regression.operationId,
    method: regression.method,
    url: regression.url,
    headers: { Authorization: principal.authorization },
    bodyEncoding: 'utf8',
    principal: principal.name,
    mutations: ['regression'],
    cost: 'cheap',
  };
}
