import { describe, expect, it } from 'vitest';
import { mayApproveAsSecondPerson, mayExecuteAsSecondPerson, participantsOf, withParticipant } from './four-eyes.js';

describe('four eyes', () => {
  const doc = { createdBy: 'bookkeeper', editedBy: ['bookkeeper', 'supervisor'], submittedBy: ['admin'] };

  it('keeps out whoever created, edited or submitted the document', () => {
    for (const id of ['bookkeeper', 'supervisor', 'admin']) expect(mayApproveAsSecondPerson(doc, id), id).toBe(false);
    expect(mayApproveAsSecondPerson(doc, 'other supervisor')).toBe(true);
    expect([...participantsOf(doc)].sort()).toEqual(['admin', 'bookkeeper', 'supervisor']);
  });

  it('knows the creator alone of documents that record no more', () => {
    expect(mayApproveAsSecondPerson({ createdBy: 'requester' }, 'requester')).toBe(false);
    expect(mayApproveAsSecondPerson({ createdBy: 'requester' }, 'reviewer')).toBe(true);
    expect(mayApproveAsSecondPerson({}, '')).toBe(true);
  });

  it('keeps the requester of a payment from paying it out', () => {
    expect(mayExecuteAsSecondPerson({ createdBy: 'requester' }, 'requester')).toBe(false);
    expect(mayExecuteAsSecondPerson({ createdBy: 'requester' }, 'cashier')).toBe(true);
  });

  it('records each participant once, the latest last', () => {
    expect(withParticipant(undefined, 'a')).toEqual(['a']);
    expect(withParticipant(['a', 'b'], 'a')).toEqual(['b', 'a']);
  });
});
