import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { Auth, type Role } from './auth';

/** Signed-in users only; others go to login, which brings them back here afterwards. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(Auth);
  if (auth.signedIn()) return true;
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Users holding any of `roles`; others land on the dashboard, which every role has. */
export function roleGuard(...roles: Role[]): CanActivateFn {
  return () => {
    const auth = inject(Auth);
    if (auth.hasAnyRole(roles)) return true;
    return inject(Router).createUrlTree(['/']);
  };
}

/** Login and register are for signed-out visitors. */
export const signedOutGuard: CanActivateFn = () => {
  const auth = inject(Auth);
  return auth.signedIn() && !auth.offline() ? inject(Router).createUrlTree(['/']) : true;
};
