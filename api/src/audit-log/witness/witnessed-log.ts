/** Injection token of the WitnessedLog the witness service reads. */
export const WITNESSED_LOG = Symbol('WITNESSED_LOG');

/** What the witness service needs from the log: its latest checkpoint and proofs. */
export interface WitnessedLog {
  /** The latest committed checkpoint note (signed by the log key), if any. */
  latestCheckpoint(): Promise<{ size: number; note: string } | undefined>;
  /** RFC 9162 consistency proof from tree size `from` to `to` (empty when from is 0 or to). */
  consistencyProof(from: number, to: number): Promise<Buffer[]>;
}
