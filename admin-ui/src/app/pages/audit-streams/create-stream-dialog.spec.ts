import { TestBed } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import { createTaskTrackrClient } from '@tasktrackr/sdk';
import { Api } from '../../core/api/api';
import type { AuditStream, AuditStreamKind } from './audit-streams-api';
import { CreateStreamDialog } from './create-stream-dialog';
import { jsonResponse } from '../../core/testing/api-responses';
import { submitForm } from '../../core/testing/submit-form';

/** The dialog over the real SDK client; POST /audit/streams answers `reply(body)`. */
function setup(reply: (body: Record<string, unknown>) => Response) {
  const posted: Record<string, unknown>[] = [];
  const closed: (AuditStream | undefined)[] = [];
  const fetchFn = async (input: RequestInfo | URL): Promise<Response> => {
    const body = (await (input as Request).json()) as Record<string, unknown>;
    posted.push(body);
    return reply(body);
  };
  TestBed.configureTestingModule({
    imports: [CreateStreamDialog],
    providers: [
      {
        provide: Api,
        useValue: {
          client: createTaskTrackrClient({ baseUrl: 'http://app.test', fetch: fetchFn }),
        },
      },
      // Material's dialog handle, not ours: only `close` is used.
      { provide: MatDialogRef, useValue: { close: (value?: AuditStream) => closed.push(value) } },
    ],
  });
  return { posted, closed };
}

interface DialogForm {
  controls: Record<string, { setValue(value: string): void }>;
}

async function render(values: Record<string, string> & { kind: AuditStreamKind }) {
  const fixture = TestBed.createComponent(CreateStreamDialog);
  await fixture.whenStable();
  // Protected in the component; set like a person choosing the kind and typing.
  const form = (fixture.componentInstance as unknown as { form: DialogForm }).form;
  form.controls['kind']?.setValue(values.kind);
  for (const [name, value] of Object.entries(values)) {
    if (name !== 'kind') form.controls[name]?.setValue(value);
  }
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const submit = () => submitForm(fixture);
  return { root, submit };
}

describe('CreateStreamDialog', () => {
  it('puts a refused URL on the URL field and explains the SSRF rule', async () => {
    const { posted, closed } = setup(() =>
      jsonResponse(400, {
        type: 'https://tasktrackr.dev/problems/validation',
        title: 'Invalid request',
        status: 400,
        errors: [
          {
            path: 'url',
            message: 'resolves to 10.0.0.5, a private address; only public addresses may be called',
          },
        ],
      }),
    );
    const { root, submit } = await render({
      kind: 'http-json',
      name: 'SIEM',
      url: 'https://10.0.0.5/ingest',
    });
    expect(root.querySelector('input[formcontrolname="fileName"]')).toBeNull();
    await submit();
    expect(posted).toEqual([
      {
        name: 'SIEM',
        kind: 'http-json',
        format: 'ocsf',
        url: 'https://10.0.0.5/ingest',
        startAt: 'beginning',
      },
    ]);
    expect(root.querySelector('[data-testid="url-error"]')?.textContent).toContain(
      'only public addresses may be called',
    );
    expect(root.querySelector('[data-testid="url-refusal-help"]')?.textContent).toContain(
      'server-side request forgery',
    );
    // Every message found its field: no general error under the form.
    expect(root.querySelector('[data-testid="create-stream-error"]')).toBeNull();
    expect(closed).toEqual([]);
  });

  it('sends a file stream its file name only, and closes with the created stream', async () => {
    const created = { id: 's1', name: 'Archive', kind: 'file' };
    const { posted, closed } = setup(() => jsonResponse(201, created));
    const { root, submit } = await render({
      kind: 'file',
      name: 'Archive',
      fileName: 'archive.jsonl',
      url: 'https://left.over/',
      secret: 'left-over',
    });
    expect(root.querySelector('input[formcontrolname="url"]')).toBeNull();
    expect(root.querySelector('input[type="password"]')).toBeNull();
    await submit();
    expect(posted).toEqual([
      {
        name: 'Archive',
        kind: 'file',
        format: 'ocsf',
        fileName: 'archive.jsonl',
        startAt: 'beginning',
      },
    ]);
    expect(closed).toEqual([created]);
  });

  it('requires the HEC token for Splunk before asking the server', async () => {
    const { posted } = setup(() => jsonResponse(201, {}));
    const { submit } = await render({
      kind: 'splunk-hec',
      name: 'Splunk',
      url: 'https://splunk.example.com:8088/services/collector/event',
    });
    await submit();
    expect(posted).toEqual([]);
  });

  it('shows a conflict (file already streamed to) under the form', async () => {
    setup(() =>
      jsonResponse(409, {
        type: 'https://tasktrackr.dev/problems/audit-stream-file-in-use',
        title: 'File already streamed to',
        status: 409,
        detail: 'Another stream writes archive.jsonl; two streams in one file would interleave.',
      }),
    );
    const { root, submit } = await render({
      kind: 'file',
      name: 'Again',
      fileName: 'archive.jsonl',
    });
    await submit();
    expect(root.querySelector('[data-testid="create-stream-error"]')?.textContent).toContain(
      'Another stream writes archive.jsonl',
    );
  });
});
