import { SetMetadata } from '@nestjs/common';

export const STRICT_THROTTLE_KEY = 'tasktrackr:strict-throttle';

/**
 * Puts a route under the strict credential limits (per IP and per submitted email) on top of
 * the general one: login, register, refresh.
 */
export const StrictThrottle = () => SetMetadata(STRICT_THROTTLE_KEY, true);
