// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dialog } from './feedback.js';

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  const proto = HTMLDialogElement.prototype as unknown as Record<string, unknown>;
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});
afterEach(cleanup);

/** A dialog that exists only while open (as most dialogs of the app are drawn). */
function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Öffnen
      </button>
      {open && (
        <Dialog open title="Beispiel" onClose={() => setOpen(false)}>
          <button type="button" onClick={() => setOpen(false)}>
            Fertig
          </button>
        </Dialog>
      )}
    </>
  );
}

describe('dialog focus', () => {
  it('returns focus to the control that opened it, also when the dialog is taken away', async () => {
    const user = userEvent.setup();
    render(<Opener />);
    const opener = screen.getByRole('button', { name: 'Öffnen' });
    await user.click(opener);
    screen.getByRole('button', { name: 'Fertig' }).focus();
    await user.click(screen.getByRole('button', { name: 'Fertig' }));
    expect(screen.queryByText('Fertig')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});
