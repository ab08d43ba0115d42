import { TestBed } from '@angular/core/testing';
import { createTaskTrackrClient } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { ProblemError } from '../../core/errors/problem';
import { AuditStreamsApi } from './audit-streams-api';

interface Seen {
  method: string;
  path: string;
  body: unknown;
}

/** The service over the real SDK client, with a fetch that records requests and answers `reply`. */
function setup(reply: (seen: Seen) => { status: number; body: unknown }) {
  const seen: Seen[] = [];
  const fetchFn = async (input: Request): Promise<Response> => {
    const text = await input.text();
    const request = {
      method: input.method,
      path: new URL(input.url).pathname,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    seen.push(request);
    const { status, body } = reply(request);
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
  };
  TestBed.configureTestingModule({
    providers: [
      {
        provide: Api,
        useValue: {
          client: createTaskTrackrClient({ baseUrl: 'http://app.test', fetch: fetchFn }),
        },
      },
    ],
  });
  return { api: TestBed.inject(AuditStreamsApi), seen };
}

const listed = { id: 's1', name: 'SIEM', paused: false };

describe('AuditStreamsApi', () => {
  it('lists the streams from the items of the list', async () => {
    const { api, seen } = setup(() => ({ status: 200, body: { items: [listed] } }));
    expect(await api.list()).toEqual([listed]);
    expect(seen).toEqual([{ method: 'GET', path: '/api/v1/audit/streams', body: undefined }]);
  });

  it('posts the new stream as given and returns the created one', async () => {
    const { api, seen } = setup(() => ({ status: 201, body: listed }));
    const body = { name: 'SIEM', kind: 'file', format: 'jsonl', fileName: 'a.jsonl' } as const;
    expect(await api.create(body)).toEqual(listed);
    expect(seen[0]).toEqual({ method: 'POST', path: '/api/v1/audit/streams', body });
  });

  it('pauses and resumes by id', async () => {
    const { api, seen } = setup(() => ({ status: 200, body: listed }));
    await api.pause('s1');
    await api.resume('s1');
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /api/v1/audit/streams/s1/pause',
      'POST /api/v1/audit/streams/s1/resume',
    ]);
  });

  it('throws the server problem, field errors included, for a refused URL', async () => {
    const problem = {
      type: 'https://tasktrackr.dev/problems/validation',
      title: 'Invalid request',
      status: 400,
      errors: [{ path: 'url', message: 'must use https' }],
    };
    const { api } = setup(() => ({ status: 400, body: problem }));
    const error: unknown = await api
      .create({ name: 'x', kind: 'http-json', format: 'jsonl', url: 'http://x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem.errors).toEqual(problem.errors);
  });
});
