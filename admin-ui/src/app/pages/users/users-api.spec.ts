import { TestBed } from '@angular/core/testing';
import { createTaskTrackrClient } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { ProblemError } from '../../core/errors/problem';
import { UsersApi } from './users-api';

function setup(respond: (request: Request) => Response) {
  const requests: { method: string; url: URL; body: unknown }[] = [];
  const fetchFn = async (input: RequestInfo | URL): Promise<Response> => {
    const request = input as Request;
    const text = await request.clone().text();
    requests.push({
      method: request.method,
      url: new URL(request.url),
      body: text ? (JSON.parse(text) as unknown) : undefined,
    });
    return respond(request);
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
  return { usersApi: TestBed.inject(UsersApi), requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

describe('UsersApi', () => {
  it('sends a trimmed email filter and the cursor, and leaves a blank filter out', async () => {
    const { usersApi, requests } = setup(() => json({ items: [], nextCursor: null }));
    await usersApi.list({ email: '  @example.com ', cursor: 'abc' });
    await usersApi.list({ email: '   ' });
    expect(requests[0]?.url.searchParams.get('email')).toBe('@example.com');
    expect(requests[0]?.url.searchParams.get('cursor')).toBe('abc');
    expect(requests[0]?.url.searchParams.get('limit')).toBe('25');
    expect(requests[1]?.url.searchParams.has('email')).toBe(false);
    expect(requests[1]?.url.searchParams.has('cursor')).toBe(false);
  });

  it('creates with trimmed name and email, keeping the password exactly as typed', async () => {
    const { usersApi, requests } = setup(() => json({ id: 'x' }, 201));
    await usersApi.create({
      email: ' ann@example.com ',
      displayName: ' Ann ',
      password: ' spaces count ',
      roles: ['employee'],
    });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.body).toEqual({
      email: 'ann@example.com',
      displayName: 'Ann',
      password: ' spaces count ',
      roles: ['employee'],
    });
  });

  it("turns the API's refusal into a ProblemError carrying its detail", async () => {
    const { usersApi } = setup(() =>
      json(
        {
          type: 'https://tasktrackr.dev/problems/last-admin',
          title: 'Cannot remove the last admin',
          status: 409,
          detail: 'At least one enabled admin must remain; make someone else admin first.',
        },
        409,
      ),
    );
    const failure = usersApi.update('00000000-0000-4000-8000-000000000001', { disabled: true });
    await expect(failure).rejects.toBeInstanceOf(ProblemError);
    await expect(failure).rejects.toMatchObject({
      status: 409,
      message: 'At least one enabled admin must remain; make someone else admin first.',
    });
  });
});
