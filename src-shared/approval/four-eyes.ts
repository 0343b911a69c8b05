/**
 * Four eyes: whoever created, edited or submitted a document may not approve it. One rule for
 * invoices and credit notes (one by one, several at once, the approval queue, the invoice
 * screen) and for payment requests, whose requester neither reviews nor pays them out.
 */

/** Who took part in a document before its approval. */
export type Participants = {
  createdBy?: string;
  editedBy?: readonly string[];
  submittedBy?: readonly string[];
};

export function participantsOf(doc: Participants): Set<string> {
  return new Set([doc.createdBy ?? '', ...(doc.editedBy ?? []), ...(doc.submittedBy ?? [])].filter(Boolean));
}

/** True when `userId` took no part in the document and so may approve it (as far as four eyes go). */
export function mayApproveAsSecondPerson(doc: Participants, userId: string): boolean {
  return !participantsOf(doc).has(userId);
}

/** `list` with `userId` added at its end, once. */
export function withParticipant(list: readonly string[] | undefined, userId: string): string[] {
  const rest = (list ?? []).filter((id) => id !== userId);
  return [...rest, userId];
}

/** True when `userId` did not request the payment and so may pay it out as the cashier. */
export function mayExecuteAsSecondPerson(request: { createdBy?: string }, userId: string): boolean {
  return !request.createdBy || request.createdBy !== userId;
}
