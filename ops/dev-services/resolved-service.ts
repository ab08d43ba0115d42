/** One service as resolved: where it answers, what was decided, and how to undo it. */
export interface ResolvedService {
  url: string;
  /** One line for the person starting the app; never holds credentials. */
  note: string;
  /** A few words on where it comes from (`local server`, `embedded, started here`). */
  origin: string;
  /** Stops what was started for this service; a no-op for services found running. */
  stop(): Promise<void>;
}

export const nothingToStop = (): Promise<void> => Promise.resolve();

/** A URL without its credentials, for notes and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** A URL with its password replaced by `***`, for what `npm start` prints. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'an unparsable URL';
  }
}
