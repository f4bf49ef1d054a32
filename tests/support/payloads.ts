import type { z } from 'zod';

/**
 * A plausible payload for a verb's zod schema: known ids filled from `known` (meetingId, itemId,
 * caseId …), every other required field the simplest value of its type. Used to press every
 * registered verb without knowing it in advance.
 */
export function samplePayload(schema: z.ZodTypeAny, known: Record<string, unknown>): Record<string, unknown> {
  const obj = objectShape(schema);
  if (!obj) return {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(obj)) {
    if (key in known) out[key] = known[key];
    else if (!isOptional(field)) out[key] = sampleValue(field);
  }
  return out;
}

export function objectShape(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> | undefined {
  const def = (schema as any)._def;
  if (def.typeName === 'ZodObject') return def.shape();
  if (def.typeName === 'ZodEffects') return objectShape(def.schema);
  if (def.typeName === 'ZodOptional' || def.typeName === 'ZodDefault' || def.typeName === 'ZodNullable') return objectShape(def.innerType);
  if (def.typeName === 'ZodPipeline') return objectShape(def.in);
  return undefined;
}

function isOptional(t: z.ZodTypeAny): boolean {
  return (t as any).isOptional?.() ?? false;
}

function sampleValue(t: z.ZodTypeAny): unknown {
  const def = (t as any)._def;
  switch (def.typeName) {
    case 'ZodString':
      return 'Test';
    case 'ZodNumber':
      return 1;
    case 'ZodBoolean':
      return true;
    case 'ZodEnum':
      return def.values[0];
    case 'ZodNativeEnum':
      return Object.values(def.values)[0];
    case 'ZodLiteral':
      return def.value;
    case 'ZodArray':
      return [];
    case 'ZodObject':
      return samplePayload(t, {});
    case 'ZodUnion':
      return sampleValue(def.options[0]);
    case 'ZodEffects':
      return sampleValue(def.schema);
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
      return sampleValue(def.innerType);
    case 'ZodPipeline':
      return sampleValue(def.in);
    default:
      return 'Test';
  }
}

/** A Swedish sentence, roughly: Swedish letters or common Swedish words. */
export function looksSwedish(text: string): boolean {
  return /[åäöÅÄÖ]/.test(text) || /\b(inte|det|och|kan|får|finns|skriv|mötet|kortet|ska|saknas|eller|för)\b/i.test(text);
}

/** A stack trace or an internal error name leaking into what a user reads. */
export function looksLikeInternals(text: string): boolean {
  return /\bat [\w.<>]+ \(|\.(ts|js):\d+|\b(TypeError|ReferenceError|RestError|SyntaxError|Cannot read properties|undefined is not)\b|ZodError/.test(text);
}
