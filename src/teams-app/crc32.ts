import * as zlib from 'node:zlib';

/** CRC-32 (IEEE 802.3, the polynomial PNG and ZIP use). */
let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** Table-driven CRC-32 in plain JS; `crc` continues a running checksum. */
export function crc32Js(data: Uint8Array, crc = 0): number {
  const t = crcTable();
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

type NativeCrc32 = (data: Uint8Array | string, value?: number) => number;
const native = (zlib as unknown as { crc32?: NativeCrc32 }).crc32;

/** CRC-32 of `data`; uses zlib.crc32 where the running Node has it (>= 20.15), else the JS table. */
export function crc32(data: Uint8Array, crc = 0): number {
  return typeof native === 'function' ? native(data, crc) >>> 0 : crc32Js(data, crc);
}
