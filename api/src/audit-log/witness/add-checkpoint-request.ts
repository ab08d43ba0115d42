/**
 * The body of a c2sp.org/tlog-witness `add-checkpoint` request:
 *
 *   old <size>\n
 *   <base64 consistency proof hash>\n   (0 to 63 lines)
 *   \n
 *   <checkpoint note>
 */
export interface AddCheckpointRequest {
  oldSize: number;
  proof: Buffer[];
  /** The signed checkpoint note, as sent. */
  checkpoint: string;
}

/** A request the witness cannot read: answered 400. */
export class AddCheckpointFormatError extends Error {
  override readonly name = 'AddCheckpointFormatError';
}

export const MAX_PROOF_LINES = 63;
const HASH_SIZE = 32;

export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const blank = body.indexOf('\n\n');
  if (blank < 0)
    throw new AddCheckpointFormatError('no blank line between the proof and the checkpoint');
  const [oldLine, ...proofLines] = body.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]*)$/.exec(oldLine);
  if (!old) throw new AddCheckpointFormatError('first line must be "old <size>"');
  const oldSize = Number(old[1]);
  if (!Number.isSafeInteger(oldSize)) throw new AddCheckpointFormatError('old size is too large');
  if (proofLines.length > MAX_PROOF_LINES) {
    throw new AddCheckpointFormatError(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  }
  const proof = proofLines.map((line, i) => {
    const hash = Buffer.from(line, 'base64');
    // Canonical base64 only: re-encoding must give the line back.
    if (hash.length !== HASH_SIZE || hash.toString('base64') !== line) {
      throw new AddCheckpointFormatError(`proof line ${i + 1} is not a base64 SHA-256 hash`);
    }
    return hash;
  });
  return { oldSize, proof, checkpoint: body.slice(blank + 2) };
}

/** The request body a log sends (the inverse of parseAddCheckpoint). */
export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  const proof = request.proof.map((hash) => `${hash.toString('base64')}\n`).join('');
  return `old ${request.oldSize}\n${proof}\n${request.checkpoint}`;
}
