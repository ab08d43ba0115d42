import { TestBed } from '@angular/core/testing';
import { registerIcons } from '../../core/icons/icons';
import { SecretValue } from './secret-value';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function render() {
  TestBed.runInInjectionContext(registerIcons);
  const fixture = TestBed.createComponent(SecretValue);
  fixture.componentRef.setInput('value', 'whsec_c2VjcmV0');
  fixture.componentRef.setInput('label', 'Signing secret');
  fixture.componentRef.setInput('testId', 'webhook-secret');
  await fixture.whenStable();
  const root = fixture.nativeElement as HTMLElement;
  const copy = async () => {
    root.querySelector<HTMLButtonElement>('button')?.click();
    await sleep(0);
    await fixture.whenStable();
  };
  return { root, copy };
}

function setClipboard(writeText: (text: string) => Promise<void>): void {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

describe('SecretValue', () => {
  it('shows the value read-only under its label, with the warning', async () => {
    const { root } = await render();
    const field = root.querySelector<HTMLTextAreaElement>('[data-testid="webhook-secret"]');
    expect(field?.value).toBe('whsec_c2VjcmV0');
    expect(field?.readOnly).toBe(true);
    expect(root.querySelector(`label[for="${field?.id}"]`)?.textContent).toBe('Signing secret');
    expect(root.textContent).toContain("you won't see it again");
  });

  it('copies the value and says so', async () => {
    const copied: string[] = [];
    setClipboard(async (text) => {
      copied.push(text);
    });
    const { root, copy } = await render();
    await copy();
    expect(copied).toEqual(['whsec_c2VjcmV0']);
    expect(root.querySelector('[role="status"]')?.textContent).toContain(
      'Signing secret copied to the clipboard.',
    );
  });

  it('says to copy by hand when the clipboard refuses', async () => {
    setClipboard(() => Promise.reject(new Error('denied')));
    const { root, copy } = await render();
    await copy();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('copy it by hand');
  });
});
