import type { Operation } from './openapi';
import type { Draft } from './request-draft';
import type { RequestCost } from './request-model';
import type { SchemaValidators } from './schema-validators';

/** Operations whose valid requests hash or verify a password with argon2 (~1 s of CPU here). */
const ARGON2_OPERATIONS: Readonly<Record<string, (principal: string) => boolean>> = {
  login: () => true,
  register: () => true,
  // Only a signed-in admin (or any session, for one's own password) gets as far as the hash.
  createUser: (principal) => principal === 'admin',
  changeMyPassword: (principal) => ['employee', 'admin', 'auditor'].includes(principal),
};

/** Operations whose valid requests stream or write the whole audit log. */
const EXPORT_OPERATIONS = new Set(['createAuditExport', 'exportAuditEvents']);

/**
 * What a request will cost the server, judged before sending so a run can cap the expensive
 * ones. A body that fails the spec's schema is refused by validation before any hashing, so
 * only schema-valid JSON bodies count as argon2 work.
 */
export function requestCost(
  operation: Operation | null,
  draft: Draft,
  validators: SchemaValidators,
): RequestCost {
  if (operation === null) return 'cheap';
  const hashes = ARGON2_OPERATIONS[operation.operationId];
  if (hashes !== undefined) {
    const schema = operation.requestBody?.schema;
    const jsonBody =
      draft.body?.kind === 'json' &&
      (draft.contentType === undefined || draft.contentType === 'application/json');
    if (
      hashes(draft.principal) &&
      schema !== undefined &&
      jsonBody &&
      draft.body?.kind === 'json' &&
      validators.errors(schema, draft.body.value).length === 0
    ) {
      return 'argon2';
    }
    return 'cheap';
  }
  if (EXPORT_OPERATIONS.has(operation.operationId) && draft.mutations.length === 0) return 'export';
  return 'cheap';
}
