import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'tt-not-found-page',
  imports: [MatButtonModule, RouterLink],
  template: `
    <section class="page">
      <h1>Page not found</h1>
      <p class="muted">There is nothing at this address.</p>
      <a mat-flat-button routerLink="/">Go to the dashboard</a>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
