import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { createTaskTrackrClient, type Schema } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { Auth } from '../../core/auth/auth';
import { ProfileCard } from './profile-card';

type User = Schema<'User'>;

const me: User = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ann@example.com',
  displayName: 'Ann Example',
  roles: ['employee', 'auditor'],
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET /users/me answers `me`; PATCH /users/me answers `patch(body)`. */
function setup(patch: (body: { displayName: string }) => Response) {
  const patched: unknown[] = [];
  const fetchFn = async (input: RequestInfo | URL): Promise<Response> => {
    const request = input as Request;
    if (request.method === 'PATCH') {
      const body = (await request.json()) as { displayName: string };
      patched.push(body);
      return patch(body);
    }
    return new Response(JSON.stringify(me), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  TestBed.configureTestingModule({
    imports: [ProfileCard],
    providers: [
      provideRouter([]),
      {
        provide: Api,
        useValue: {
          client: createTaskTrackrClient({ baseUrl: 'http://app.test', fetch: fetchFn }),
        },
      },
    ],
  });
  const auth = TestBed.inject(Auth);
  auth.setUser({ ...me, displayName: 'Stale Name' });
  return { auth, patched };
}

async function render() {
  const fixture = TestBed.createComponent(ProfileCard);
  await fixture.whenStable();
  await sleep(0);
  await fixture.whenStable();
  return { fixture, root: fixture.nativeElement as HTMLElement };
}

function saveButton(root: HTMLElement): HTMLButtonElement {
  const button = Array.from(root.querySelectorAll('button')).find((b) =>
    b.textContent?.includes('Save name'),
  );
  if (!button) throw new Error('no save button');
  return button;
}

function typeName(root: HTMLElement, name: string): void {
  const input = root.querySelector<HTMLInputElement>('input[autocomplete="name"]');
  if (!input) throw new Error('no name input');
  input.value = name;
  input.dispatchEvent(new Event('input'));
}

describe('ProfileCard', () => {
  it('refreshes the profile from the server and shows it', async () => {
    const { auth } = setup(() => new Response(null, { status: 500 }));
    const { root } = await render();
    expect(auth.user()?.displayName).toBe('Ann Example');
    expect(root.textContent).toContain('ann@example.com');
    expect(root.textContent).toContain('Employee');
    expect(root.textContent).toContain('Auditor');
    expect(saveButton(root).disabled).toBe(true); // nothing changed yet
  });

  it('saves a new name and hands the updated user to Auth (the toolbar reads it)', async () => {
    const { auth, patched } = setup(
      (body) =>
        new Response(JSON.stringify({ ...me, displayName: body.displayName }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const { fixture, root } = await render();
    typeName(root, '  Ann Renamed ');
    await fixture.whenStable();
    expect(saveButton(root).disabled).toBe(false);
    saveButton(root).click();
    await sleep(0);
    await fixture.whenStable();
    expect(patched).toEqual([{ displayName: 'Ann Renamed' }]);
    expect(auth.user()?.displayName).toBe('Ann Renamed');
  });

  it("shows the server's validation message on the field", async () => {
    const { auth } = setup(
      () =>
        new Response(
          JSON.stringify({
            type: 'https://tasktrackr.dev/problems/validation-error',
            title: 'Your request is not valid',
            status: 400,
            detail: '1 field failed validation',
            errors: [{ path: 'displayName', message: 'displayName must not be blank' }],
          }),
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    );
    const { fixture, root } = await render();
    typeName(root, 'Something');
    await fixture.whenStable();
    saveButton(root).click();
    await sleep(0);
    await fixture.whenStable();
    expect(root.querySelector('mat-error')?.textContent).toContain('displayName must not be blank');
    expect(auth.user()?.displayName).toBe('Ann Example');
  });
});
