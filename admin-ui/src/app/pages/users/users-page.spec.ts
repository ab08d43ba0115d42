import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { createTaskTrackrClient, type Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { registerIcons } from '../../core/icons/icons';
import { FILTER_DEBOUNCE_MS, UsersPage } from './users-page';

type User = Schema<'User'>;

const user = (n: number, extra: Partial<User> = {}): User => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  email: `person${n}@example.com`,
  displayName: `Person ${n}`,
  roles: ['employee'],
  disabled: false,
  createdAt: '2026-01-01T10:00:00.000Z',
  ...extra,
});

/** A stand-in for the API's GET /users: answers by query, optionally after a delay. */
function fakeUsersServer(
  answer: (query: URLSearchParams) => {
    items: User[];
    nextCursor: string | null;
    delayMs?: number;
  },
) {
  const queries: URLSearchParams[] = [];
  const fetchFn = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL((input as Request).url);
    queries.push(url.searchParams);
    const { delayMs = 0, ...page } = answer(url.searchParams);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return new Response(JSON.stringify(page), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetchFn, queries };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function render(server: ReturnType<typeof fakeUsersServer>) {
  TestBed.configureTestingModule({
    imports: [UsersPage],
    providers: [
      provideRouter([]),
      {
        provide: Api,
        useValue: {
          client: createTaskTrackrClient({ baseUrl: 'http://app.test', fetch: server.fetchFn }),
        },
      },
    ],
  });
  TestBed.runInInjectionContext(registerIcons);
  const fixture = TestBed.createComponent(UsersPage);
  await fixture.whenStable();
  await sleep(0);
  await fixture.whenStable();
  return fixture;
}

const rowEmails = (root: HTMLElement) =>
  Array.from(root.querySelectorAll('tr[data-email]')).map((row) => row.getAttribute('data-email'));

function type(root: HTMLElement, text: string): void {
  const input = root.querySelector<HTMLInputElement>('input[type="search"]');
  if (!input) throw new Error('no filter input');
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

describe('UsersPage', () => {
  it('lists the first page and appends the next one with the same filter on "Load more"', async () => {
    const server = fakeUsersServer((query) =>
      query.get('cursor') === 'page-2'
        ? { items: [user(3)], nextCursor: null }
        : { items: [user(1), user(2)], nextCursor: 'page-2' },
    );
    const fixture = await render(server);
    const root = fixture.nativeElement as HTMLElement;
    expect(rowEmails(root)).toEqual(['person1@example.com', 'person2@example.com']);

    const more = Array.from(root.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Load more'),
    );
    more?.click();
    await sleep(10);
    await fixture.whenStable();
    expect(rowEmails(root)).toEqual([
      'person1@example.com',
      'person2@example.com',
      'person3@example.com',
    ]);
    expect(server.queries[1]?.get('cursor')).toBe('page-2');
    expect(root.textContent).not.toContain('Load more');
  });

  it('debounces the email filter into one request for the final text', async () => {
    const server = fakeUsersServer((query) => ({
      items: [user(1, { email: `${query.get('email') ?? 'all'}@example.com` })],
      nextCursor: null,
    }));
    const fixture = await render(server);
    const root = fixture.nativeElement as HTMLElement;
    type(root, 'a');
    type(root, 'an');
    type(root, ' ann ');
    await sleep(FILTER_DEBOUNCE_MS / 2);
    expect(server.queries).toHaveLength(1); // only the initial load so far
    await sleep(FILTER_DEBOUNCE_MS + 50);
    await fixture.whenStable();
    expect(server.queries).toHaveLength(2);
    expect(server.queries[1]?.get('email')).toBe('ann');
    expect(rowEmails(root)).toEqual(['ann@example.com']);
  });

  it('ignores an answer that arrives after a newer filter was applied', async () => {
    const server = fakeUsersServer((query) =>
      query.get('email') === 'slow'
        ? { items: [user(1, { email: 'slow@example.com' })], nextCursor: null, delayMs: 150 }
        : { items: [user(2, { email: 'fast@example.com' })], nextCursor: null },
    );
    const fixture = await render(server);
    const root = fixture.nativeElement as HTMLElement;
    type(root, 'slow');
    await sleep(FILTER_DEBOUNCE_MS + 20);
    type(root, 'fast');
    await sleep(FILTER_DEBOUNCE_MS + 300);
    await fixture.whenStable();
    expect(rowEmails(root)).toEqual(['fast@example.com']);
  });

  it('says what the filter found nothing for', async () => {
    const server = fakeUsersServer(() => ({ items: [], nextCursor: null }));
    const fixture = await render(server);
    const root = fixture.nativeElement as HTMLElement;
    type(root, 'nobody');
    await sleep(FILTER_DEBOUNCE_MS + 50);
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="page-empty"]')?.textContent).toContain(
      'No users with “nobody” in their email.',
    );
  });
});
