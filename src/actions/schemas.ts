/**
 * Payload pieces every action shares. The one zod schema for the ids cards carry (body, meeting, item, roster entry): Paragraf makes them
 * all from letters and digits ('b…', 'm…', item ids, 'r12'), so anything else is a broken or forged card.
 */
import { z } from 'zod';

export const idSchema = z.string().trim().min(1, 'saknas').max(80).regex(/^[A-Za-z0-9]+$/, 'ogiltigt id');

/** An ärendelogg case's number-shaped id ("2026-00012"). */
export const caseIdSchema = z.string().regex(/^\d{4}-\d{5}$/, 'ärendets id');

/** A card's yes/no: Adaptive Cards send toggles as "true"/"false" strings, our own data as booleans. */
export const boolish = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
