import type fc from 'fast-check';
import { checkOutcome } from './checker';
import { createFixtures, type Fixtures } from './fixtures';
import { startFuzzApp } from './fuzz-app';
import { HttpSender } from './http-client';
import { listOperations, loadSpec } from './openapi';
import { requestArbitrary } from './request-generator';
import type { FuzzRequest } from './request-model';
import type { FuzzTarget } from './runner';
import { SchemaValidators } from './schema-validators';

export interface FuzzSession {
  arbitrary: fc.Arbitrary<FuzzRequest>;
  target: FuzzTarget;
  fixtures: Fixtures;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Boots the app, sets up its fixtures, and builds the request arbitrary from the committed
 * spec and a target that sends and judges.
 */
export async function startFuzzSession(
  configOverrides: Record<string, string>,
  concurrency: number,
): Promise<FuzzSession> {
  const app = await startFuzzApp(configOverrides);
  const sender = new HttpSender(app.baseUrl, concurrency);
  const close = async () => {
    sender.close();
    await app.close();
  };
  try {
    const fixtures = await createFixtures(app.app, app.baseUrl);
    const document = loadSpec();
    const operations = listOperations(document);
    const validators = new SchemaValidators(document);
    const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
    const target: FuzzTarget = {
      send: (request) => sender.send(request),
      check: (request, outcome) =>
        checkOutcome(
          request.operationId === null ? undefined : byId.get(request.operationId),
          request,
          outcome,
          validators,
        ),
    };
    const arbitrary = requestArbitrary({ document, operations, fixtures, validators });
    return { arbitrary, target, fixtures, baseUrl: app.baseUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `work` with a session, closed afterwards whatever happens. */
export async function withFuzzSession<T>(
  configOverrides: Record<string, string>,
  concurrency: number,
  work: (session: FuzzSession) => Promise<T>,
): Promise<T> {
  const session = await startFuzzSession(configOverrides, concurrency);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
