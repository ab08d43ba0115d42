import type { DestinationStream } from 'pino';
import type PinoPretty from 'pino-pretty';

/** Keys the pretty line shows in its message (or that only matter to machines). */
const PRETTY_HIDDEN = 'pid,hostname,context,req,res,responseTime,reqId,userId';

/**
 * Human-readable lines for a person at a terminal in development; JSON for everything else
 * (production, files, pipes, log shippers).
 */
export function wantsPrettyLogs(nodeEnv: string, stdoutIsTty: boolean): boolean {
  return stdoutIsTty && nodeEnv !== 'production';
}

/** `[Context] message`, and for request lines the request id and user id after it. */
export const prettyMessage: PinoPretty.MessageFormatFunc = (log, messageKey) => {
  const message = log[messageKey];
  const text = typeof message === 'string' ? message : JSON.stringify(message ?? '');
  const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
  const req = log.req as { id?: unknown } | undefined;
  const requestId = req?.id ?? log.reqId;
  const ids = [
    typeof requestId === 'string' ? `req ${requestId}` : undefined,
    typeof log.userId === 'string' ? `user ${log.userId}` : undefined,
  ].filter(Boolean);
  return `${context}${text}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
};

/**
 * pino-pretty as an in-process stream, or undefined when it is not installed (a production
 * install omits devDependencies): the caller then writes JSON.
 */
export async function prettyStream(): Promise<DestinationStream | undefined> {
  let pretty: typeof PinoPretty;
  try {
    pretty = (await import('pino-pretty')).default;
  } catch {
    return undefined;
  }
  return pretty({
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: PRETTY_HIDDEN,
    messageFormat: prettyMessage,
    sync: true,
  });
}
