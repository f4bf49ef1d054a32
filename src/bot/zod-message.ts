import type { ZodError } from 'zod';

/** Names the fields that were wrong, in Swedish, without echoing the (possibly huge or hostile) values. */
export function describeZodError(err: ZodError): string {
  const parts = err.issues.slice(0, 4).map((i) => {
    const field = i.path.length ? `fältet "${i.path.join('.')}"` : 'uppgifterna';
    if (i.code === 'invalid_type' && i.received === 'undefined') return `${field} saknas`;
    if (i.code === 'too_big') return `${field} är för långt`;
    if (i.code === 'too_small') return `${field} är tomt eller för kort`;
    if (i.code === 'invalid_enum_value') return `${field} har ett okänt värde`;
    return `${field} är ogiltigt`;
  });
  return parts.join(', ');
}
