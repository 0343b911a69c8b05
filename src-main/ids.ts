import { randomFillSync } from 'node:crypto';
import { ulid } from 'ulid';

/**
 * ULIDs (time-ordered, 80 random bits) for every record made on this device. The random bits
 * come from a pool filled by the operating system's generator 4096 values at a time: asking it
 * for each character separately made id generation the slowest part of a batch write.
 */
const pool = new Uint32Array(4096);
let next = pool.length;

function random(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++]! / 0x1_0000_0000;
}

export function newId(): string {
  return ulid(undefined, random);
}
