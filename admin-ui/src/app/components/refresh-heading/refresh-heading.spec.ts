import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { registerIcons } from '../../core/icons/icons';
import { RefreshHeading } from './refresh-heading';

@Component({
  imports: [RefreshHeading],
  template: `
    <tt-refresh-heading
      heading="Webhooks"
      headingId="webhooks-title"
      [refreshing]="refreshing()"
      (refresh)="refreshes.set(refreshes() + 1)"
    >
      <span ttBeforeRefresh data-testid="toggle">toggle</span>
      <button type="button" data-testid="new">New</button>
    </tt-refresh-heading>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly refreshing = signal(false);
  readonly refreshes = signal(0);
}

async function render() {
  TestBed.runInInjectionContext(registerIcons);
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  return { fixture, root: fixture.nativeElement as HTMLElement };
}

describe('RefreshHeading', () => {
  it('renders the heading with its id, the page controls around Refresh in order', async () => {
    const { root } = await render();
    const h1 = root.querySelector('h1');
    expect(h1?.id).toBe('webhooks-title');
    expect(h1?.textContent).toBe('Webhooks');
    const order = [...root.querySelectorAll('tt-refresh-heading > *')].map(
      (element) => element.getAttribute('data-testid') ?? element.tagName.toLowerCase(),
    );
    expect(order).toEqual(['h1', 'span', 'toggle', 'refresh', 'new']);
  });

  it('emits refresh on click, and waits while a refresh runs', async () => {
    const { fixture, root } = await render();
    const button = root.querySelector<HTMLButtonElement>('[data-testid="refresh"]');
    button?.click();
    expect(fixture.componentInstance.refreshes()).toBe(1);
    fixture.componentInstance.refreshing.set(true);
    await fixture.whenStable();
    expect(button?.disabled).toBe(true);
  });
});
