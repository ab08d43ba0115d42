import {
  checkCosignature,
  type NamedKey,
  NoteError,
  type NoteSignature,
  parseNote,
} from '../merkle';
import { formatAddCheckpoint } from './add-checkpoint-request';

/** One configured witness: where it listens and the key its cosignatures must verify with. */
export interface WitnessTarget {
  url: string;
  key: NamedKey & { keyHash: Buffer };
}

export type WitnessOutcome =
  | { kind: 'cosigned'; signature: NoteSignature; line: string; timestamp: number }
  /** The witness said no (or answered something that is not its valid cosignature). */
  | { kind: 'refused'; status: number; reason: string };

/** The witness could not be asked (network, timeout, 5xx): worth a retry later. */
export class WitnessUnavailableError extends Error {
  override readonly name = 'WitnessUnavailableError';
}

export interface CosignRequest {
  /** The signed checkpoint note. */
  checkpoint: string;
  size: number;
  /** The size we believe the witness holds (its last cosignature we stored, else 0). */
  oldSize: number;
  /** The log's consistency proof from `from` to `size`. */
  proof: (from: number) => Promise<Buffer[]>;
  timeoutMs: number;
}

/** A 409 tells the true size at most this many times per request (it cannot move back). */
const MAX_CONFLICTS = 3;

/**
 * Asks one witness to co-sign (c2sp.org/tlog-witness add-checkpoint). On 409 with the
 * witness's size it resends with the proof from that size; the answer counts only if it
 * holds a cosignature/v1 line by the configured key that verifies over this checkpoint.
 */
export async function requestCosignature(
  target: WitnessTarget,
  request: CosignRequest,
): Promise<WitnessOutcome> {
  let oldSize = request.oldSize;
  for (let round = 0; round <= MAX_CONFLICTS; round += 1) {
    if (oldSize > request.size) {
      return {
        kind: 'refused',
        status: 409,
        reason: `witness holds size ${oldSize}, above this checkpoint's ${request.size}: the log went back`,
      };
    }
    const body = formatAddCheckpoint({
      oldSize,
      proof: await request.proof(oldSize),
      checkpoint: request.checkpoint,
    });
    const answer = await post(`${target.url.replace(/\/+$/, '')}/add-checkpoint`, body, request);
    if (answer.status === 200) return readCosignature(target, request.checkpoint, answer.body);
    if (answer.status >= 500) {
      throw new WitnessUnavailableError(`witness answered ${answer.status}: ${answer.body.trim()}`);
    }
    const witnessSize = /^(0|[1-9][0-9]*)\n$/.exec(answer.body)?.[1];
    if (answer.status === 409 && answer.type.startsWith('text/x.tlog.size') && witnessSize) {
      const size = Number(witnessSize);
      if (size !== oldSize) {
        oldSize = size;
        continue;
      }
    }
    return {
      kind: 'refused',
      status: answer.status,
      reason: answer.body.trim().slice(0, 500) || `HTTP ${answer.status}`,
    };
  }
  return { kind: 'refused', status: 409, reason: 'witness kept changing its size' };
}

async function post(
  url: string,
  body: string,
  request: CosignRequest,
): Promise<{ status: number; type: string; body: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: await res.text(),
    };
  } catch (error) {
    throw new WitnessUnavailableError(`witness ${url} not reachable: ${String(error)}`);
  }
}

function readCosignature(target: WitnessTarget, checkpoint: string, body: string): WitnessOutcome {
  const lines = body.split('\n').filter((line) => line !== '');
  for (const line of lines) {
    try {
      // One line at a time: other witnesses' keys sharing the answer are ignored.
      const note = parseNote(`${checkpoint}${line}\n`);
      const signature = note.signatures.at(-1);
      if (!signature || signature.name !== target.key.name) continue;
      if (!signature.keyHash.equals(target.key.keyHash)) continue;
      const timestamp = checkCosignature({ body: note.body, signatures: [signature] }, target.key);
      return { kind: 'cosigned', signature, line: `${line}\n`, timestamp };
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
    }
  }
  return {
    kind: 'refused',
    status: 200,
    reason: `answer holds no valid cosignature by ${target.key.name}`,
  };
}
