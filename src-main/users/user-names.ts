/**
 * How user names compare: two names are the same when they differ only in case, in the spaces
 * around them or in the Unicode form of their letters ("Jörg", " JÖRG", "Jo\u0308rg").
 * Names are unique by this key; a name typed at the login is compared by it too.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('de');
}

/** Whether `name` is the name of one of `users` other than `exceptId`. */
export function nameInUse(users: readonly { id: string; name: string }[], name: string, exceptId?: string): boolean {
  const key = nameKey(name);
  return users.some((u) => u.id !== exceptId && nameKey(u.name) === key);
}
