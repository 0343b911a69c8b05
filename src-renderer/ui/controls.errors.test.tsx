// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18next, { setLanguage } from '../i18n.js';
import { SelectField, TextField } from './controls.js';

beforeAll(async () => {
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);

/** A form after a failed save: both fields came back "required". */
function AfterFailedSave() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  return (
    <>
      <TextField name="name" label="Name" required value={name} error="validation.required" onChange={setName} />
      <SelectField name="kind" label="Art" required value={kind} error="validation.required" onChange={setKind} options={[{ value: '', label: '–' }, { value: 'a', label: 'A' }]} />
    </>
  );
}

describe('field errors', () => {
  it('are linked to their field (aria-describedby, aria-invalid), also for a select', () => {
    render(<AfterFailedSave />);
    for (const field of [screen.getByRole('textbox', { name: /Name/ }), screen.getByRole('combobox', { name: /Art/ })]) {
      expect(field.getAttribute('aria-invalid')).toBe('true');
      const described = document.getElementById(field.getAttribute('aria-describedby') ?? '');
      expect(described?.textContent).toBe('Pflichtfeld');
    }
  });

  it('"Pflichtfeld" goes once the field is filled, before saving, and comes back when it is emptied', async () => {
    const user = userEvent.setup();
    render(<AfterFailedSave />);
    const name = screen.getByRole('textbox', { name: /Name/ });
    await user.type(name, 'Café Morgenrot');
    expect(name.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getAllByText('Pflichtfeld')).toHaveLength(1);
    await user.selectOptions(screen.getByRole('combobox', { name: /Art/ }), 'a');
    expect(screen.queryByText('Pflichtfeld')).toBeNull();
    await user.clear(name);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Pflichtfeld')).toBeTruthy();
  });
});
