import { defineCommand } from '../registry';
import { SEKRETESS_EXAMPLES, SEKRETESS_PATTERN } from '../../domain/sekretess';

/** `sekretess §12 26 kap. 1 § OSL` (and `… beslut …`, `… person …`, `… bort`): the whole line goes to the action, which parses it. */
export const sekretessCommand = defineCommand({
  name: 'sekretess',
  pattern: SEKRETESS_PATTERN,
  actions: { 'punkt.sekretess': SEKRETESS_EXAMPLES[0] },
  parse: (_ctx, { firstLine, body }) => ({ action: 'punkt.sekretess', payload: { rad: body ? `${firstLine} ${body}` : firstLine } }),
});
