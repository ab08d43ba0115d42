import { BreakpointObserver } from '@angular/cdk/layout';
import { formatDate } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import {
  type IsActiveMatchOptions,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { map } from 'rxjs';
import { Auth } from '../auth/auth';
import { registerIcons } from '../icons/icons';
import { NetworkStatus } from '../offline/network-status';
import { NAV_ITEMS } from './nav-items';

/** The signed-in frame: toolbar, role-filtered navigation, offline banner, the page. */
@Component({
  selector: 'tt-shell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatListModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Shared by every signed-in page (they render inside this component's outlet).
  providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
})
export class Shell {
  protected readonly auth = inject(Auth);
  protected readonly network = inject(NetworkStatus);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 840px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly offlineMessage = computed(() => {
    const from = this.network.dataFrom();
    const when = from ? ` — showing data from ${formatDate(from, 'HH:mm', 'en-US')}` : '';
    return `Offline${when}. Changes are disabled until you are back online.`;
  });
  /** The page itself, whatever its filters (query) say; `subtree` also covers pages below it. */
  protected readonly exactPath: IsActiveMatchOptions = {
    paths: 'exact',
    queryParams: 'ignored',
    matrixParams: 'ignored',
    fragment: 'ignored',
  };
  protected readonly subtree: IsActiveMatchOptions = { ...this.exactPath, paths: 'subset' };
  protected readonly navItems = computed(() =>
    NAV_ITEMS.filter((item) => this.auth.hasAnyRole(item.roles)),
  );

  constructor() {
    registerIcons();
    // The server refused the session (expired, revoked, user disabled): back to login, and
    // remember the page so signing in returns there.
    let seen = this.auth.sessionLostCount();
    effect(() => {
      const count = this.auth.sessionLostCount();
      if (count === seen) return;
      seen = count;
      this.auth.forget();
      this.snackBar.open('Your session has ended. Please sign in again.', 'OK', { duration: 6000 });
      void this.router.navigate(['/login'], { queryParams: { returnUrl: this.router.url } });
    });
  }

  protected async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }
}
