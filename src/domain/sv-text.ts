/** Small helpers for Swedish running text. */

/** "Borlänge och Hedemora", "A, B och C". */
export function joinSv(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** "Sara Lunds", "Lars" (a name ending in s, x or z takes no genitive s). */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/**
 * Whether a body's name is neuter (ett samråd, rådet, utskottet), for "beslutför"/"beslutfört"
 * and "den"/"det". Most bodies are nämnder and styrelser (common gender).
 */
export function isNeuterBody(name: string): boolean {
  return name.split(/[\s-]+/).some((w) => /^(?:\p{L}*(?:råd|rådet|utskott|utskottet|presidium|presidiet|fullmäktige|forum|forumet|organ|organet|samråd|samrådet|kollegium|kollegiet))$/iu.test(w));
}

/** "Socialnämnden är beslutför", "Samråd vård och omsorg är beslutfört". */
export function beslutforWord(bodyName: string): string {
  return isNeuterBody(bodyName) ? 'beslutfört' : 'beslutför';
}
