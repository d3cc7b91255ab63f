// Byte-level mutations of a response body as it travels over HTTP: flipped bits, invalid UTF-8
// and byte-order marks, which a text-level mutation cannot produce.
import type { Random } from './seeded-random';

export type ByteMutation = (random: Random, body: Buffer) => Buffer;

const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0xc3, 0x28], // a lead byte followed by ASCII
  [0xc0, 0xaf], // overlong "/"
  [0x80], // a lone continuation byte
  [0xed, 0xa0, 0x80], // an encoded surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0xe2, 0x82], // cut short
];

const BOMS: readonly (readonly number[])[] = [
  [0xef, 0xbb, 0xbf],
  [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
];

function insertBytes(body: Buffer, index: number, bytes: readonly number[]): Buffer {
  return Buffer.concat([body.subarray(0, index), Buffer.from(bytes), body.subarray(index)]);
}

export const BYTE_MUTATIONS: Readonly<Record<string, ByteMutation>> = {
  'byte-flip': (random, body) => {
    const out = Buffer.from(body);
    if (out.length === 0) return out;
    for (let flips = random.int(1, 8); flips > 0; flips -= 1) {
      const index = random.int(0, out.length - 1);
      out[index] = (out[index] ?? 0) ^ random.int(1, 255);
    }
    return out;
  },
  'invalid-utf8': (random, body) => insertBytes(body, random.int(0, body.length), random.pick(INVALID_UTF8)),
  bom: (random, body) => insertBytes(body, random.chance(0.8) ? 0 : random.int(0, body.length), random.pick(BOMS)),
};
