/**
 * The list with one item replaced by its newer copy (after an action the server answered with
 * the item), order kept so cards do not jump; an unknown item goes to the end.
 */
export function withItem<T extends { id: string }>(items: readonly T[], updated: T): T[] {
  if (!items.some((item) => item.id === updated.id)) return [...items, updated];
  return items.map((item) => (item.id === updated.id ? updated : item));
}

/** The list without the item of this id. */
export function withoutItem<T extends { id: string }>(items: readonly T[], id: string): T[] {
  return items.filter((item) => item.id !== id);
}
