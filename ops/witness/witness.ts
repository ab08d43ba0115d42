import type { KeyObject } from 'node:crypto';
import {
  AddCheckpointFormatError,
  checkConsistency,
  cosign,
  formatSignatureLine,
  type NamedKey,
  NoteError,
  openCheckpoint,
  parseAddCheckpoint,
  parseNote,
  ProofError,
  SIG_TYPE_COSIGNATURE_V1,
  vkey,
} from '../../api/src/audit-log';
import type { WitnessStateStore } from './witness-state';

/** An HTTP answer of the witness: status, content type and body. */
export interface WitnessAnswer {
  status: number;
  contentType: string;
  body: string;
  /** Why the checkpoint was not co-signed, for the witness's own log (absent on 200). */
  refusal?: string;
}

export interface WitnessOptions {
  /** The witness's key name (its identity in cosignature lines). */
  name: string;
  privateKey: KeyObject;
  /** The logs it witnesses: key name = checkpoint origin; one origin may have several keys. */
  logs: readonly NamedKey[];
  state: WitnessStateStore;
  /** Unix seconds; tests pin it. */
  now?: () => number;
}

const TEXT = 'text/plain; charset=utf-8';

function refuse(status: number, refusal: string, body = `${refusal}\n`): WitnessAnswer {
  return { status, contentType: TEXT, body, refusal };
}

/**
 * The c2sp.org/tlog-witness `add-checkpoint` rules. It co-signs a checkpoint only when the
 * log's signature verifies, the client's old size is the size it last co-signed, and the
 * consistency proof leads from its stored root to the new one; it never goes back to a
 * smaller tree nor accepts another root at the same size. Requests are handled one at a
 * time, so checking the stored size and persisting the new one is atomic.
 */
export class Witness {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: WitnessOptions) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** The verifier key line a log (or an auditor) configures to check this witness. */
  get vkey(): string {
    return vkey(this.options.name, this.options.privateKey, SIG_TYPE_COSIGNATURE_V1);
  }

  addCheckpoint(body: string): Promise<WitnessAnswer> {
    const answer = this.queue.then(() => this.handle(body));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  private handle(body: string): WitnessAnswer {
    let request;
    let origin;
    try {
      request = parseAddCheckpoint(body);
      origin = parseNote(request.checkpoint).body.split('\n', 1)[0];
    } catch (error) {
      if (error instanceof AddCheckpointFormatError || error instanceof NoteError) {
        return refuse(400, error.message);
      }
      throw error;
    }
    // A log may have several vkeys (a signing key rotation): any of them may have signed it.
    // The co-signed state is per origin, so the new key's checkpoint must extend the old one's.
    const logKeys = this.options.logs.filter((key) => key.name === origin);
    if (logKeys.length === 0) return refuse(404, `unknown log origin ${JSON.stringify(origin)}`);
    let checkpoint;
    const failures: string[] = [];
    for (const logKey of logKeys) {
      try {
        checkpoint = openCheckpoint(request.checkpoint, logKey);
        break;
      } catch (error) {
        if (!(error instanceof NoteError)) throw error;
        failures.push(error.message);
      }
    }
    if (!checkpoint) return refuse(403, failures.join('; '));
    if (request.oldSize > checkpoint.size) {
      return refuse(400, `old size ${request.oldSize} is above the checkpoint size`);
    }
    const stored = this.options.state.get(origin) ?? { size: 0, root: '' };
    if (request.oldSize !== stored.size) {
      // The body is the size the client must prove from (text/x.tlog.size).
      return {
        status: 409,
        contentType: 'text/x.tlog.size',
        body: `${stored.size}\n`,
        refusal: `old size ${request.oldSize} is not the co-signed size ${stored.size}`,
      };
    }
    if (checkpoint.size === stored.size && stored.size > 0) {
      if (checkpoint.root.toString('base64') !== stored.root) {
        return refuse(
          409,
          `checkpoint at size ${stored.size} has root ${checkpoint.root.toString('base64')}, ` +
            `the co-signed one ${stored.root}`,
        );
      }
    }
    try {
      const oldRoot = stored.size === 0 ? checkpoint.root : Buffer.from(stored.root, 'base64');
      checkConsistency(stored.size, checkpoint.size, request.proof, oldRoot, checkpoint.root);
    } catch (error) {
      if (error instanceof ProofError) return refuse(422, error.message);
      throw error;
    }
    // Durable before the answer: a crash after answering must not let a rollback through.
    this.options.state.set(origin, {
      size: checkpoint.size,
      root: checkpoint.root.toString('base64'),
    });
    const line = formatSignatureLine(
      cosign(checkpoint.note.body, this.options.name, this.options.privateKey, this.now()),
    );
    return { status: 200, contentType: TEXT, body: line };
  }
}
