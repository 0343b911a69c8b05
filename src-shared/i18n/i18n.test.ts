import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../contract/index.js';
import { de } from './de.js';
import { en } from './en.js';
import { isMessageKey, keysOf, translate, translateKnown } from './index.js';

describe('texts in German and English', () => {
  it('have the same keys, none empty', () => {
    expect(keysOf(de).sort()).toEqual(keysOf(en).sort());
    for (const key of keysOf(de)) {
      expect(translateKnown('de', key).trim(), key).not.toBe('');
      expect(translateKnown('en', key).trim(), key).not.toBe('');
    }
  });
  it('translate every error code', () => {
    for (const code of ERROR_CODES) {
      expect(translate('de', `errors.${code}`)).not.toBe(`errors.${code}`);
      expect(translate('en', `errors.${code}`)).not.toBe(`errors.${code}`);
    }
  });
  it('fill placeholders', () => {
    expect(translate('de', 'settings.seriesExample', { example: 'RE-2026-A-000001' })).toBe('Nächste Rechnungsnummer z. B.: RE-2026-A-000001');
  });
});

describe('texts by capability', () => {
  it('each top-level group has one home, the same in German and English', async () => {
    const parts = ['app', 'users', 'settings', 'errors', 'sales', 'invoices', 'documents', 'payments', 'mail', 'reminders', 'sync', 'printed', 'cash', 'cashbook', 'reports', 'report-export', 'reports-screen', 'reports-sales', 'auditor', 'tax-advisor-screen', 'datev'];
    for (const [language, table] of [['de', de], ['en', en]] as const) {
      const homes = new Map<string, string>();
      for (const part of parts) {
        const module = (await import(`./${language}/${part}.ts`)) as Record<string, object>;
        // A file `reports-screen.ts` exports `reportsScreen`.
        const name = part.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
        for (const group of Object.keys(module[name]!)) {
          expect(homes.get(group), `${language}: ${group} in ${part} and ${homes.get(group)}`).toBeUndefined();
          homes.set(group, part);
        }
      }
      expect([...homes.keys()].sort()).toEqual(Object.keys(table).sort());
    }
  });

  it('a key known only at run time is checked against the German table', () => {
    expect(isMessageKey('settings.vatId')).toBe(true);
    expect(isMessageKey('settings.vatID')).toBe(false);
    expect(translateKnown('en', 'errors.INTERNAL')).toBe(en.errors.INTERNAL);
    expect(translateKnown('de', 'validation.noSuchProblem')).toBe('validation.noSuchProblem');
  });
});

describe('every validation key the code uses', () => {
  it('has a text in both languages', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) files.push(full);
      }
    };
    ['src-shared', 'src-main', 'src-renderer'].forEach((d) => fs.existsSync(d) && walk(d));
    const used = new Set<string>();
    for (const file of files) for (const m of fs.readFileSync(file, 'utf8').matchAll(/'((?:validation|import|issue|vatNotes)\.[A-Za-z.]+[A-Za-z])'/g)) used.add(m[1]!);
    // Keys built from a problem name: validation.iban.<problem>, validation.vatId.<problem>
    for (const p of ['format', 'length', 'checksum']) used.add(`validation.iban.${p}`);
    for (const p of ['country', 'format', 'checksum']) used.add(`validation.vatId.${p}`);
    // The scan reaches the contract's field rules, the dunning rules, the VAT notes and the main process.
    expect([...used]).toEqual(expect.arrayContaining(['validation.required', 'validation.emailAddress', 'validation.dunningFirstAfterDueDate', 'vatNotes.reverseCharge', 'validation.templateSyntax', 'validation.iban.checksum']));
    for (const key of used) {
      expect(translateKnown('de', key), key).not.toBe(key);
      expect(translateKnown('en', key), key).not.toBe(key);
    }
  });
});
