/** Small helpers for Swedish running text. */

/** "Borlänge och Hedemora", "A, B och C". */
export function joinSv(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}
