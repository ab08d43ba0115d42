/** Colours a canvas chart needs, resolved from the Material theme's system tokens. */
export interface ChartColors {
  bar: string;
  text: string;
  grid: string;
}

/**
 * The colour a CSS custom property resolves to at `host`. The theme writes its tokens as
 * `light-dark(…, …)` (it follows the OS scheme), which a canvas cannot take, so a probe element
 * lets the browser resolve the token for the current scheme into `rgb(…)`.
 */
export function resolveToken(host: Element, token: string, fallback: string): string {
  const doc = host.ownerDocument;
  const raw = getComputedStyle(doc.documentElement).getPropertyValue(token).trim();
  if (!raw) return fallback;
  if (!raw.includes('(') || raw.startsWith('rgb') || raw.startsWith('#')) return raw;
  const probe = doc.createElement('span');
  probe.style.color = `var(${token})`;
  probe.style.display = 'none';
  host.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || fallback;
}

export function chartColors(host: Element, barToken = '--mat-sys-primary'): ChartColors {
  return {
    bar: resolveToken(host, barToken, '#1b5fb3'),
    text: resolveToken(host, '--mat-sys-on-surface-variant', '#444'),
    grid: resolveToken(host, '--mat-sys-outline-variant', '#ccc'),
  };
}
