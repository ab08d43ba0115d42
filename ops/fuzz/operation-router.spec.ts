import { listOperations, loadSpec } from './openapi';
import { OperationRouter } from './operation-router';

const router = new OperationRouter(listOperations(loadSpec()));
const id = (method: string, url: string) => router.match(method, url)?.operationId;

describe('OperationRouter', () => {
  it('finds the operation of a concrete request', () => {
    expect(id('GET', '/api/v1/tasks?limit=5')).toBe('listTasks');
    expect(id('GET', '/api/v1/tasks/')).toBe('listTasks');
    expect(id('PATCH', '/api/v1/tasks/3f0c6b1e-8a43-4a59-bd43-2a7a0f1f2d6c')).toBe('updateTask');
    expect(id('GET', '/api/v1/tasks/x/history')).toBe('getTaskHistory');
  });

  it('prefers a literal route to a parameter, as the server does', () => {
    expect(id('GET', '/api/v1/tasks/stats')).toBe('getTaskStats');
    expect(id('GET', '/api/v1/tasks/events')).toBe('streamTaskEvents');
    expect(id('GET', '/api/v1/tasks/statz')).toBe('getTask');
    expect(id('DELETE', '/api/v1/tasks/stats')).toBe('deleteTask');
  });

  it('finds nothing for an unknown path or an undeclared method', () => {
    expect(id('GET', '/api/v1/nope')).toBeUndefined();
    expect(id('PUT', '/api/v1/tasks')).toBeUndefined();
    expect(id('GET', '/api/v1/tasks//history')).toBeUndefined();
  });
});
