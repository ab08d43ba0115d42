import { TestBed } from '@angular/core/testing';
import { fakeLog } from '../../components/transparency/testing/fake-log';
import { toBase64 } from '../../components/transparency/merkle-proof';
import { registerIcons } from '../../core/icons/icons';
import { AuditCheckpointsPage } from './audit-checkpoints-page';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function render(log: Awaited<ReturnType<typeof fakeLog>>) {
  TestBed.runInInjectionContext(registerIcons);
  const fixture = TestBed.createComponent(AuditCheckpointsPage);
  fixture.detectChanges();
  await fixture.whenStable();
  await sleep(0);
  fixture.detectChanges();
  return { fixture, element: fixture.nativeElement as HTMLElement, log };
}

async function waitForVerdict(fixture: { detectChanges(): void }, element: HTMLElement) {
  for (let i = 0; i < 200; i += 1) {
    fixture.detectChanges();
    const verdict = element.querySelector('[data-testid="check-verdict"]');
    if (verdict) return verdict;
    await sleep(10);
  }
  throw new Error('no verdict');
}

describe('AuditCheckpointsPage', () => {
  it('shows the latest note, its missing cosignatures, the history, and checks consistency', async () => {
    const log = await fakeLog(9, [3, 6, 9]);
    const { fixture, element } = await render(log);
    const latest = element.querySelector('[data-testid="latest-checkpoint"]');
    expect(latest?.querySelector('[data-testid="latest-size"]')?.textContent).toContain('9 events');
    expect(latest?.querySelector('[data-testid="checkpoint-note"]')?.textContent).toBe(
      log.checkpoints[0].note,
    );
    expect(latest?.querySelector('[data-testid="not-cosigned"]')?.textContent).toContain(
      'Not co-signed',
    );
    expect(element.querySelectorAll('tr.checkpoint-row')).toHaveLength(3);
    expect(element.querySelector('[data-testid="note-file-name"]')?.textContent).toBe(
      '00000000000000000009.checkpoint',
    );

    // Defaults: the oldest loaded against the newest.
    (element.querySelector('[data-testid="check-consistency"]') as HTMLButtonElement).click();
    const verdict = await waitForVerdict(fixture, element);
    expect(verdict.getAttribute('data-verdict')).toBe('pass');
    expect(verdict.textContent).toContain('the tree of 9 events extends the tree of 3 events');
  });

  it('lists witness cosignatures by name and time', async () => {
    const log = await fakeLog(4, [4]);
    const blob = new Uint8Array(76);
    new DataView(blob.buffer).setBigUint64(4, 1_764_468_000n);
    log.checkpoints[0].cosignatures = [`— witness.test/w1 ${toBase64(blob)}\n`];
    const { element } = await render(log);
    const list = element.querySelector('[data-testid="latest-cosignatures"]');
    expect(list?.textContent).toContain('witness.test/w1');
    expect(list?.querySelector('time')?.getAttribute('datetime')).toBe(
      new Date(1_764_468_000_000).toISOString(),
    );
    expect(element.querySelector('[data-testid="not-cosigned"]')).toBeNull();
  });

  it('refuses a pair in the wrong order', async () => {
    const log = await fakeLog(9, [3, 9]);
    const { fixture, element } = await render(log);
    const from = element.querySelector('[data-testid="consistency-from"]') as HTMLSelectElement;
    from.value = '9';
    from.dispatchEvent(new Event('change'));
    (element.querySelector('[data-testid="check-consistency"]') as HTMLButtonElement).click();
    await sleep(0);
    fixture.detectChanges();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Choose an older');
    expect(element.querySelector('[data-testid="check-verdict"]')).toBeNull();
  });
});
