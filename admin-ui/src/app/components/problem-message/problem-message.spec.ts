import { TestBed } from '@angular/core/testing';
import { ProblemMessage } from './problem-message';

function render(problem: { type: string; title: string; status: number; detail?: string }) {
  const fixture = TestBed.createComponent(ProblemMessage);
  fixture.componentRef.setInput('problem', problem);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  return {
    title: element.querySelector('strong')?.textContent?.trim(),
    lineBreaks: element.querySelectorAll('br').length,
    text: element.textContent?.replace(/\s+/g, ' ').trim(),
  };
}

describe('ProblemMessage', () => {
  it('shows the title in bold, then the detail on its own line when it says more', () => {
    const shown = render({
      type: 'x',
      title: 'Conflict',
      status: 409,
      detail: 'At least one admin must remain.',
    });
    expect(shown).toEqual({
      title: 'Conflict',
      lineBreaks: 1,
      text: 'ConflictAt least one admin must remain.',
    });
  });

  it('shows the title once when the detail repeats it or is absent', () => {
    const repeated = { title: 'Not found', lineBreaks: 0, text: 'Not found' };
    expect(render({ type: 'x', title: 'Not found', status: 404, detail: 'Not found' })).toEqual(
      repeated,
    );
    expect(render({ type: 'x', title: 'Not found', status: 404 })).toEqual(repeated);
  });
});
