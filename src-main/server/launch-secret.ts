import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the harness's per-launch secret, the one-time setup token. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares a presented value with a secret in constant time; both are hashed first, so
 * neither the content nor the length of the secret leaks through the time taken.
 */
export function sameSecret(candidate: unknown, secret: string | null): boolean {
  if (typeof candidate !== 'string' || !secret) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(candidate), digest(secret));
}
