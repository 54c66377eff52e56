// DUIS RequestID text (`EUI64:EUI64:counter`) to and from the parsed RequestId.
import { parseEui64 } from '../../core/eui64.ts';
import type { RequestId } from '../messages.ts';

const EUI = '[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){7}';
const REQUEST_ID = new RegExp(`^(${EUI}):(${EUI}):(\\d+)$`);
const MAX_COUNTER = 18446744073709551615n;

/** Parses a DUIS RequestID / ResponseID (xs:token, so surrounding spaces are collapsed). */
export function parseRequestIdText(text: string): { id: RequestId } | { reason: string } {
  const trimmed = text.trim();
  const match = REQUEST_ID.exec(trimmed);
  if (match === null) {
    return {
      reason: `${JSON.stringify(text)} is not of the form EUI64:EUI64:counter (e.g. 90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A4:1000)`,
    };
  }
  const [, originator = '', target = '', counterText = ''] = match;
  // DUIS RequestIDType: the counter is a uint64 written without leading zeros.
  if (counterText.length > 1 && counterText.startsWith('0')) {
    return { reason: `the counter ${counterText} has leading zeros` };
  }
  const counter = BigInt(counterText);
  if (counter > MAX_COUNTER) {
    return { reason: `the counter ${counterText} is larger than 18446744073709551615 (uint64)` };
  }
  return { id: { originator: parseEui64(originator), target: parseEui64(target), counter } };
}
