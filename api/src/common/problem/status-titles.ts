import { STATUS_CODES } from 'node:http';

/** Human titles per status, taken from Node's own table (`Not Found`, `Too Many Requests`). */
export const STATUS_TITLES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(STATUS_CODES).map(([code, title]) => [Number(code), title ?? 'Error']),
);
