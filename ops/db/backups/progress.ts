/** "1.5 MiB" */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Progress lines on stderr, at most one per `everyMs` (plus the final one): long dumps and
 * checksums show they are moving without flooding a CronJob's log.
 */
export function byteProgress(
  label: string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  everyMs = 2000,
): { update(bytes: number): void; done(bytes: number): void } {
  let last = Date.now();
  return {
    update(bytes) {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      write(`… ${label}: ${formatBytes(bytes)}`);
    },
    done(bytes) {
      write(`${label}: ${formatBytes(bytes)} done`);
    },
  };
}
