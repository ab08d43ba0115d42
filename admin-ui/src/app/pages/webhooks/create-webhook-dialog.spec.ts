import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { createTaskTrackrClient } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import { CreateWebhookDialog } from './create-webhook-dialog';
import type { CreatedWebhookSubscription } from './webhooks-api';
import { jsonResponse } from '../../core/testing/api-responses';
import { submitForm } from '../../core/testing/submit-form';

/** The dialog over the real SDK client; POST /webhooks answers `reply(body)`. */
function setup(isAdmin: boolean, reply: (body: Record<string, unknown>) => Response) {
  const posted: Record<string, unknown>[] = [];
  const closed: (CreatedWebhookSubscription | undefined)[] = [];
  const fetchFn = async (input: RequestInfo | URL): Promise<Response> => {
    const body = (await (input as Request).json()) as Record<string, unknown>;
    posted.push(body);
    return reply(body);
  };
  TestBed.configureTestingModule({
    imports: [CreateWebhookDialog],
    providers: [
      {
        provide: Api,
        useValue: {
          client: createTaskTrackrClient({ baseUrl: 'http://app.test', fetch: fetchFn }),
        },
      },
      { provide: MAT_DIALOG_DATA, useValue: { isAdmin } },
      // Material's dialog handle, not ours: only `close` is used.
      {
        provide: MatDialogRef,
        useValue: { close: (value?: CreatedWebhookSubscription) => closed.push(value) },
      },
    ],
  });
  return { posted, closed };
}

interface DialogForm {
  controls: {
    url: { setValue(value: string): void };
    eventTypes: { controls: { setValue(value: boolean): void }[] };
  };
}

async function render(url: string, ticked: Record<string, boolean> = {}) {
  const fixture = TestBed.createComponent(CreateWebhookDialog);
  await fixture.whenStable();
  // Protected in the component; set like a person typing and ticking boxes.
  const form = (fixture.componentInstance as unknown as { form: DialogForm }).form;
  form.controls.url.setValue(url);
  // The boxes are in the API's order: task.created, .updated, .deleted, .restored, user.*.
  const order = ['task.created', 'task.updated', 'task.deleted', 'task.restored', 'user.*'];
  for (const [type, value] of Object.entries(ticked)) {
    form.controls.eventTypes.controls[order.indexOf(type)]?.setValue(value);
  }
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const submit = () => submitForm(fixture);
  return { root, submit };
}

describe('CreateWebhookDialog', () => {
  it('puts a refused URL on the URL field and explains the SSRF rule', async () => {
    const { posted, closed } = setup(false, () =>
      jsonResponse(400, {
        type: 'https://tasktrackr.dev/problems/validation',
        title: 'Invalid request',
        status: 400,
        errors: [
          {
            path: 'url',
            message:
              'resolves to 169.254.169.254, a linkLocal address; only public addresses may be called',
          },
        ],
      }),
    );
    const { root, submit } = await render('http://169.254.169.254/latest', {
      'task.updated': true,
    });
    await submit();
    expect(posted).toEqual([
      { url: 'http://169.254.169.254/latest', eventTypes: ['task.created', 'task.updated'] },
    ]);
    expect(root.querySelector('[data-testid="url-error"]')?.textContent).toContain(
      'only public addresses may be called',
    );
    expect(root.querySelector('[data-testid="url-refusal-help"]')?.textContent).toContain(
      'server-side request forgery',
    );
    expect(root.querySelector('[data-testid="create-webhook-error"]')).toBeNull();
    expect(closed).toEqual([]);
  });

  it('offers user.* to admins only', async () => {
    setup(false, () => jsonResponse(201, {}));
    const { root } = await render('https://h.example/x');
    expect(root.textContent).not.toContain('user.*');
    TestBed.resetTestingModule();
    setup(true, () => jsonResponse(201, {}));
    const admin = await render('https://h.example/x');
    expect(admin.root.textContent).toContain('user.*');
  });

  it('asks for at least one event before calling the server', async () => {
    const { posted } = setup(false, () => jsonResponse(201, {}));
    const { root, submit } = await render('https://h.example/x', { 'task.created': false });
    await submit();
    expect(posted).toEqual([]);
    expect(root.textContent).toContain('Pick at least one event.');
  });

  it('shows a refusal of user.* (403 naming eventTypes) under the event types', async () => {
    const created = { id: 'w1', url: 'https://h.example/x', secret: 'whsec_x' };
    const { closed } = setup(true, (body) =>
      (body['eventTypes'] as string[]).includes('user.*')
        ? jsonResponse(403, {
            type: 'https://tasktrackr.dev/problems/forbidden',
            title: 'Forbidden',
            status: 403,
            errors: [{ path: 'eventTypes', message: 'user.* is for admins only' }],
          })
        : jsonResponse(201, created),
    );
    const { root, submit } = await render('https://h.example/x', { 'user.*': true });
    await submit();
    expect(root.textContent).toContain('user.* is for admins only');
    expect(closed).toEqual([]);
  });
});
