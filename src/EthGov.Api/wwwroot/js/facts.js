// What a person needs to see beside the verdict, taken from a verify response's `facts`
// (the chain's own fields, read at the block named in `chain`).

/** The facts behind a verdict: only what the API read from the chain (a receipt's transaction once confirmed there). */
export function factsOf(response) {
  const facts = response.facts ?? {};
  const anchored = facts.status !== undefined && facts.status !== 'unknown';
  return {
    outcome: response.outcome,
    digest: response.digest,
    departmentCode: response.department,
    departmentName: facts.departmentName,
    departmentStatus: facts.departmentStatus,
    anchoredAt: facts.anchoredAt,
    anchoredBlock: facts.anchoredBlock,
    // The API leaves out absent values: for an anchored document no validUntil means no expiry.
    validUntil: anchored ? facts.validUntil ?? null : undefined,
    revocationReason: facts.revocationReason,
    revocationReasonName: facts.revocationReasonName,
    keyCompromisedSince: facts.keyCompromisedSince,
    successor: facts.successor,
    transactionHash: facts.transactionHash,
    chain: response.chain,
    checks: response.checks ?? [],
  };
}
