import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoteError, parseCheckpointBody, parseNote } from '../merkle/checkpoint-note';
import { noteSignerOf, type TrustedKeys } from './trusted-keys';

/** A signed checkpoint note that verification holds the log to. */
export interface PublishedCheckpoint {
  size: number;
  root: Buffer;
  origin: string;
  /** Where it came from (a file path, or what the caller calls it), for messages. */
  source: string;
  /** The note text as published. */
  note: string;
  /** Key id of the trusted audit key that signed it (the current or a retired one). */
  keyId: string;
}

/**
 * Parses a checkpoint note and checks its log signature: by a trusted audit key, under the key
 * name the note's origin gives (the log signs with its origin as key name). Throws NoteError.
 */
export function openPublishedCheckpoint(
  text: string,
  source: string,
  keys: TrustedKeys,
): PublishedCheckpoint {
  const note = parseNote(text);
  const body = parseCheckpointBody(note.body);
  const signer = noteSignerOf(note, body.origin, keys);
  return {
    size: body.size,
    root: body.root,
    origin: body.origin,
    source,
    note: text,
    keyId: signer.keyId,
  };
}

/** `<size, 20 digits>.checkpoint` (CheckpointPublisher); its temporary files start with a dot. */
function isCheckpointFile(name: string): boolean {
  return name.endsWith('.checkpoint') && !name.startsWith('.');
}

/**
 * Every checkpoint file under `dir` (none when it does not exist), smallest tree first.
 * A file that does not parse or whose signature does not verify is a problem, not skipped:
 * a forged or damaged published checkpoint must not pass unnoticed.
 */
export function readPublishedCheckpoints(
  dir: string,
  keys: TrustedKeys,
): { checkpoints: PublishedCheckpoint[]; problems: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && isCheckpointFile(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { checkpoints: [], problems: [] };
    throw error;
  }
  const checkpoints: PublishedCheckpoint[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      checkpoints.push(openPublishedCheckpoint(readFileSync(file, 'utf8'), file, keys));
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      problems.push(`checkpoint file ${file} does not verify: ${error.message}`);
    }
  }
  checkpoints.sort((a, b) => a.size - b.size);
  return { checkpoints, problems };
}
