// DLMS COSEM APDU pieces GBCS uses (Green Book / GBCS 8.2): Access-Response and Data-Notification.
import { ByteWriter } from './bytes.ts';

/**
 * long-invoke-id-and-priority (Green Book 9.3.4): GBCS sets "break on error" (0x20 in the top
 * octet) and puts the low 24 bits of the originator counter in the invoke ID.
 */
export function invokeIdOf(counter: bigint): number {
  return (0x20_00_00_00 | Number(counter & 0xff_ff_ffn)) >>> 0;
}

/** What one DLMS Access-Response carries: each datum and its result, in order. */
export interface AccessResult {
  /** The Data (A-XDR encoded, tag first); `[0x00]` is null-data. */
  readonly data: readonly number[];
  /** Access-Response-Specification choice: 1 get, 2 set, 3 action. */
  readonly kind: 1 | 2 | 3;
  /** Data-Access-Result / Action-Result: 0 success, 1 hardware fault, … */
  readonly result: number;
}

/**
 * Access-Response (tag 0xDA): invoke ID, date-time (empty), no access-request-specification,
 * the list of data, then the list of access-response-specifications.
 */
export function accessResponse(counter: bigint, results: readonly AccessResult[]): number[] {
  const w = new ByteWriter().u8(0xda).u32(invokeIdOf(counter)).u8(0x00).u8(0x00);
  w.length(results.length);
  for (const r of results) w.raw(r.data);
  w.length(results.length);
  for (const r of results) w.u8(r.kind).u8(r.result);
  return w.bytes;
}

/** Data-Notification (tag 0x0F): invoke ID, no date-time, then one Data. */
export function dataNotification(counter: bigint, body: readonly number[]): number[] {
  return new ByteWriter().u8(0x0f).u32(invokeIdOf(counter)).u8(0x00).raw(body).bytes;
}

/** A structure or array: tag, count, then the items (a loop: Array.flat is slow here). */
function sequence(tag: number, items: readonly (readonly number[])[]): number[] {
  const w = new ByteWriter().u8(tag).length(items.length);
  for (const item of items) w.raw(item);
  return w.bytes;
}

/** A-XDR Data encoders (Blue Book 4.1.5 tags). */
export const data = {
  octetString: (bytes: readonly number[]): number[] =>
    new ByteWriter().u8(0x09).counted(bytes).bytes,
  doubleLongUnsigned: (value: number): number[] => new ByteWriter().u8(0x06).u32(value).bytes,
  longUnsigned: (value: number): number[] => new ByteWriter().u8(0x12).u16(value).bytes,
  integer: (value: number): number[] => [0x0f, value & 0xff],
  enumerated: (value: number): number[] => [0x16, value & 0xff],
  structure: (...items: readonly (readonly number[])[]): number[] => sequence(0x02, items),
  array: (items: readonly (readonly number[])[]): number[] => sequence(0x01, items),
};
