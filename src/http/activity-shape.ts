import { z } from 'zod';

/**
 * The fields of an incoming activity that Paragraf, teams-ai or botbuilder read, with the types
 * the Bot Framework schema gives them. An activity with one of them of another type (text as an
 * object, entities as a number) is refused as malformed with 400 before any handler runs: the SDK
 * and the handlers would otherwise fail on it. Unknown fields pass through untouched.
 */
const text = z.string().nullish();
const list = z.array(z.object({}).passthrough()).nullish();
const account = z.object({ id: z.string(), name: text, aadObjectId: text, role: text }).passthrough();

const activity = z
  .object({
    type: z.string().min(1),
    serviceUrl: z.string().regex(/^https?:\/\//),
    conversation: z.object({ id: z.string(), conversationType: text, tenantId: text, name: text }).passthrough(),
    from: account,
    recipient: account.nullish(),
    ...Object.fromEntries(
      ['id', 'channelId', 'text', 'textFormat', 'locale', 'replyToId', 'name', 'timestamp', 'localTimestamp', 'expiration', 'summary', 'speak', 'inputHint', 'action', 'topicName', 'callerId', 'deliveryMode', 'importance', 'localTimezone', 'label', 'valueType'].map((f) => [f, text]),
    ),
    entities: list,
    attachments: list,
    membersAdded: z.array(account).nullish(),
    membersRemoved: z.array(account).nullish(),
    reactionsAdded: list,
    reactionsRemoved: list,
    channelData: z.object({ tenant: z.object({ id: text }).passthrough().nullish() }).passthrough().nullish(),
  })
  .passthrough();

/** Why the body is not an activity Paragraf can handle (an English sentence for the sender), or undefined. */
export function malformedActivity(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body is not an activity object';
  const parsed = activity.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const where = `activity.${issue.path.join('.')}`;
  if (issue.code === 'invalid_type') {
    if (issue.received === 'undefined' || issue.received === 'null') return `${where} is missing`;
    return `${where} must be ${article(issue.expected)}`;
  }
  return `${where} is missing`;
}

function article(type: string): string {
  return /^[aeio]/.test(type) ? `an ${type}` : `a ${type}`;
}
