export type ExpiryPreset = 'never' | '7' | '30' | '90' | '365' | 'custom';

export const EXPIRY_PRESETS: readonly { value: ExpiryPreset; label: string }[] = [
  { value: 'never', label: 'Never' },
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In 1 year' },
  { value: 'custom', label: 'On a date…' },
];

/**
 * The `expiresAt` to send for a choice: undefined for never; N days from `now`; or the end of a
 * chosen local day (`YYYY-MM-DD` from a date input), so "until the 31st" includes the 31st.
 * Null when the custom date is missing or invalid.
 */
export function expiresAtFor(
  preset: ExpiryPreset,
  customDate: string,
  now: Date = new Date(),
): string | undefined | null {
  if (preset === 'never') return undefined;
  if (preset === 'custom') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customDate);
    if (!match) return null;
    const [, year, month, day] = match.map(Number);
    const end = new Date(year ?? 0, (month ?? 1) - 1, day ?? 1, 23, 59, 59, 999);
    return Number.isNaN(end.getTime()) ? null : end.toISOString();
  }
  return new Date(now.getTime() + Number(preset) * 86_400_000).toISOString();
}

/** Today as `YYYY-MM-DD` in local time: the earliest day a date input should offer. */
export function localDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
