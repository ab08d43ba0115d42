import { HttpStatus } from '@nestjs/common';
import {
  FOREIGN_KEY_VIOLATION,
  INVALID_DATETIME_FORMAT,
  INVALID_TEXT_REPRESENTATION,
  isPgError,
} from '../common/database/pg-errors';
import { ProblemException } from '../common/problem/problem.exception';
import { invalidFields } from '../common/problem/validation-errors';
import { expectedVersionFromIfMatch, taskETag } from './task-etag';

/*
 * The problems (RFC 9457) the task endpoints answer with, each written once, and the checks
 * and database-error translations that raise them.
 */

type TaskVersion = { id: string; version: number };

/** 404 for a task that does not exist and for one the caller cannot see alike (a 403 would confirm it exists). */
export const taskNotFound = () =>
  new ProblemException({
    status: HttpStatus.NOT_FOUND,
    title: 'Task not found',
    detail: 'No such task.',
  });

/** A bulk change's 404: nothing changed, and `missingIds` says which ids were not found. */
export const tasksNotFound = (missingIds: string[]) =>
  new ProblemException({
    status: HttpStatus.NOT_FOUND,
    title: 'Task not found',
    detail: `${missingIds.length} of the tasks do not exist or are not visible; nothing was changed.`,
    extensions: { missingIds },
  });

/** 412 with the current version when If-Match names another one. */
export const staleIfMatch = (row: TaskVersion) =>
  new ProblemException({
    status: HttpStatus.PRECONDITION_FAILED,
    title: 'The task has changed',
    detail: `If-Match does not name the current version (${row.version}); fetch the task and retry.`,
    extensions: { currentVersion: row.version, currentETag: taskETag(row) },
    headers: { ETag: taskETag(row) },
  });

export const concurrentChange = () =>
  new ProblemException({
    status: HttpStatus.CONFLICT,
    detail: 'Concurrent change; retry.',
  });

export const invalidCursor = () =>
  new ProblemException({
    status: HttpStatus.BAD_REQUEST,
    slug: 'invalid-cursor',
    title: 'Invalid cursor',
    detail: 'cursor is not a cursor this API issued',
    errors: [{ path: 'cursor', message: 'cursor is not a cursor this API issued' }],
  });

/** One field's 400, in the ValidationPipe's shape, for rules a DTO cannot express. */
const invalidField = (path: string, message: string) => invalidFields([{ path, message }], message);

export const unknownAssignee = () => invalidField('assigneeId', 'assigneeId does not name a user');

export const emptyBulkChanges = () =>
  invalidField('changes', 'changes must name at least one field');

export const dueRangeInverted = () =>
  invalidField('dueAfter', 'dueAfter must be earlier than dueBefore');

/** `row`, or a 404 when there is none. */
export function found<Row>(row: Row | undefined): Row {
  if (row === undefined) throw taskNotFound();
  return row;
}

/** 412 when If-Match names another version; no header = unconditional. */
export function checkIfMatch(row: TaskVersion, ifMatch: string | undefined): void {
  const expected = expectedVersionFromIfMatch(ifMatch, row.id);
  if (expected !== undefined && expected !== row.version) throw staleIfMatch(row);
}

/** Runs a write; an unknown assignee (a foreign key violation) is a field error, not a 500. */
export async function translateWriteErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isPgError(error, FOREIGN_KEY_VIOLATION) ? unknownAssignee() : error;
  }
}

/** A well-formed cursor whose values do not cast (edited by hand) is still a bad cursor. */
export function uncastableCursorAsInvalid(error: unknown): unknown {
  const uncastable =
    isPgError(error, INVALID_TEXT_REPRESENTATION) || isPgError(error, INVALID_DATETIME_FORMAT);
  return uncastable ? invalidCursor() : error;
}
