/**
 * The rules run in worker threads: the main process keeps answering while a long invoice is
 * judged, the verdict is the in-process validator's, and a file the rules cannot even read is
 * refused or reported, never crashes the judge.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEInvoice } from '../../src-main/documents/einvoice/index.js';
import { warmupView } from '../../src-main/documents/pdf/warmup.js';
import { createEInvoiceValidator, createRulesPool, NotAnEInvoiceError, type RulesPool } from '../../src-main/einvoice-rules/index.js';

const CEN = path.resolve('tests/fixtures/einvoice-rules/cen-en16931-1.3.15');
let pool: RulesPool;
beforeAll(async () => {
  pool = createRulesPool({ size: 1 });
  await pool.warm();
}, 60_000);
afterAll(async () => pool?.close());

function xrechnungXml(lines: number): Promise<Buffer> {
  const view = warmupView(lines);
  return buildEInvoice(
    { ...view, seller: { ...view.seller!, email: 'rechnung@muster.example', phone: '+49 211 123456' }, buyer: { ...view.buyer!, email: 'einkauf@schmidt.example', buyerReference: '04011000-12345-03' } },
    'xrechnung-cii',
  ).then((f) => f.bytes);
}

describe('the rules pool', () => {
  it('keeps the main thread answering while a 120-line invoice is judged, with the same verdict as in process', async () => {
    const xml = await xrechnungXml(120);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    const report = await pool.validate(xml);
    const took = Date.now() - started;
    clearInterval(timer);
    expect(report).toMatchObject({ valid: true, profile: 'XRechnung', errors: [], warnings: [] });
    // The judgement takes hundreds of milliseconds; the main thread ticked through them.
    expect(took).toBeGreaterThan(200);
    expect(ticks).toBeGreaterThan(took / 10 / 3);
    expect(await createEInvoiceValidator().validate(xml)).toEqual(report);
  }, 60_000);

  it('refuses what is no e-invoice with NotAnEInvoiceError across the thread', async () => {
    await expect(pool.validate('<note>hello</note>')).rejects.toBeInstanceOf(NotAnEInvoiceError);
    await expect(pool.validate('not xml at all')).rejects.toBeInstanceOf(NotAnEInvoiceError);
  });

  it('reports a value the official stylesheet cannot read as a fatal finding instead of failing', async () => {
    const example = fs.readFileSync(path.join(CEN, 'cii/examples/CII_example2.xml'), 'utf8');
    const broken = example.replace('<udt:Indicator>false</udt:Indicator>', '<udt:Indicator>yes</udt:Indicator>');
    expect(broken).not.toBe(example);
    const report = await pool.validate(broken);
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.rule)).toContain('EN16931-CII');
    expect(report.errors.find((e) => e.rule === 'EN16931-CII')!.text).toMatch(/could not be evaluated.*yes/);
    // And the judge is still there for the next file.
    expect((await pool.validate(example)).valid).toBe(true);
  });
});
