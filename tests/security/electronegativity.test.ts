import { expect, it } from 'vitest';
import { runElectronegativity, unexplained } from '../../scripts/security-lint.js';

it('leaves no high or medium Electronegativity finding unexplained', () => {
  const findings = runElectronegativity();
  expect(findings.filter((f) => f.severity === 'HIGH')).toEqual([]);
  expect(unexplained(findings)).toEqual([]);
}, 300_000);
