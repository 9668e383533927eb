// Tests assert what a finding says by its message id and arguments, not by its sentence: the
// sentences live in the catalogs (server/src/engine/messages/<locale>.json) and may be reworded.
import assert from 'node:assert/strict';
import { catalogMessage } from '../../server/src/engine/catalog';

interface Said {
  ruleId: string;
  message: string;
  messageId?: string;
  data?: Record<string, unknown>;
}

/** The finding has message id `messageId` and these arguments (a subset of its data); its message is the catalog's template filled with them. */
export function assertSaid(f: Said | undefined, messageId: string, args: Record<string, unknown> = {}, locale = 'en'): void {
  assert.ok(f, `a finding ${messageId}`);
  assert.equal(f.messageId, messageId, `${f.ruleId}: message id (${f.message})`);
  for (const [k, v] of Object.entries(args)) assert.deepEqual(f.data?.[k], v, `${f.ruleId}.${messageId}: argument ${k} (${f.message})`);
  const expected = catalogMessage(locale, f.ruleId, messageId, f.data);
  if (expected !== undefined) assert.equal(f.message, expected, `${f.ruleId}.${messageId}: the ${locale} catalog's template`);
}

/** `messageId(key)` of a finding: what tests select findings by. */
export const saidKey = (f: Said) => `${f.messageId}(${String(f.data?.key ?? '')})`;
