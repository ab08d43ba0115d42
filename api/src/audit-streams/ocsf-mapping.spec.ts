import { ocsfClassOf, type StreamedEvent, toOcsf } from './ocsf-mapping';
import { buildBatch } from './stream-batch';

const event = (action: string, overrides: Partial<StreamedEvent> = {}): StreamedEvent => ({
  id: '0b4a6c1e-1111-4222-8333-944455556666',
  seq: '42',
  occurredAt: '2026-11-30T06:00:00.123Z',
  actor: { type: 'user', id: 'u-1', display: 'ann@example.com' },
  action,
  target: { type: 'task', id: 't-1' },
  changes: { title: { before: 'a', after: 'b' } },
  outcome: 'success',
  ip: '203.0.113.7',
  userAgent: 'curl/8',
  requestId: 'req-1',
  prevHash: 'aa'.repeat(32),
  hash: 'bb'.repeat(32),
  ...overrides,
});

describe('OCSF mapping (the table in docs/audit-log.md)', () => {
  it.each([
    ['auth.login.succeeded', 3002, 1],
    ['auth.login.failed', 3002, 1],
    ['auth.logout', 3002, 2],
    ['user.created', 3001, 1],
    ['user.password_changed', 3001, 3],
    ['user.disabled', 3001, 5],
    ['user.roles_changed', 3001, 7],
    ['auth.token.revoked', 3001, 6],
    ['task.created', 6003, 1],
    ['audit.events.read', 6003, 2],
    ['task.updated', 6003, 3],
    ['task.deleted', 6003, 4],
    ['something.new', 6003, 99],
  ])('%s is class %d, activity %d', (action, classUid, activityId) => {
    expect(ocsfClassOf(action)).toMatchObject({ classUid, activityId });
  });

  it('fills the base attributes, the actor, the endpoint and keeps our chain fields', () => {
    const ocsf = toOcsf(event('task.updated'));
    expect(ocsf).toMatchObject({
      class_uid: 6003,
      category_uid: 6,
      type_uid: 600303,
      time: Date.parse('2026-11-30T06:00:00.123Z'),
      status_id: 1,
      severity_id: 1,
      metadata: { uid: event('x').id, sequence: 42, version: '1.1.0' },
      actor: { user: { uid: 'u-1', name: 'ann@example.com' } },
      src_endpoint: { ip: '203.0.113.7' },
      api: { operation: 'task.updated' },
      resources: [{ type: 'task', uid: 't-1' }],
      unmapped: { seq: '42', prev_hash: 'aa'.repeat(32), hash: 'bb'.repeat(32) },
    });
  });

  it('marks failures as such', () => {
    expect(toOcsf(event('auth.login.failed', { outcome: 'failure' }))).toMatchObject({
      status_id: 2,
      status: 'Failure',
      type_uid: 300201,
    });
  });
});

describe('buildBatch', () => {
  it('carries the range, the hashes at both ends and an id made of the range only', () => {
    const events = [
      event('a', { seq: '7', prevHash: 'p6', hash: 'h7' }),
      event('b', { seq: '8', prevHash: 'h7', hash: 'h8' }),
    ];
    const batch = buildBatch('s-1', 'jsonl', events);
    expect(batch).toMatchObject({
      batchId: 's-1:7-8',
      firstSeq: '7',
      lastSeq: '8',
      count: 2,
      prevHash: 'p6',
      lastHash: 'h8',
    });
    expect(buildBatch('s-1', 'ocsf', events).batchId).toBe(batch.batchId);
  });
});
