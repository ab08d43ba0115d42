/** How dependencies reported by readiness are named on screen. */
export const DEPENDENCY_LABELS: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
  migrations: 'Database migrations',
  auditOutbox: 'Audit outbox',
};

/** A lag in seconds as "none", "under 1 s", "42 s", "3 min 5 s" or "2 h 10 min". */
export function lagText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'none';
  const whole = Math.round(seconds);
  if (whole === 0) return 'under 1 s';
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) {
    const rest = whole % 60;
    return `${Math.floor(whole / 60)} min${rest ? ` ${rest} s` : ''}`;
  }
  const minutes = Math.floor((whole % 3600) / 60);
  return `${Math.floor(whole / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}
