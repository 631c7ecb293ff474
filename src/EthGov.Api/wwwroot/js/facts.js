// What a person needs to see beside the verdict, taken from a verify response.
//
// The verify response names the outcome, the department code and the chain state read, but carries the
// document's own facts (anchoring time and block, validity, revocation reason, successor, department name
// and standing) only inside the checks' sentences, which EthGov.Core writes in one fixed form. They are
// read from there; fields of the same name on the response, once it has them, take precedence.

const digestPattern = /0x[0-9a-f]{64}/;
const timePattern = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/;

function check(response, name) {
  return response.checks?.find((c) => c.name === name);
}

function anchoring(response) {
  const detail = check(response, 'anchored');
  if (detail?.outcome !== 'passed') {
    return {};
  }
  const block = /in block (\d+)/.exec(detail.detail)?.[1];
  const at = / at (\S+)$/.exec(detail.detail)?.[1];
  return { anchoredBlock: block ? Number(block) : undefined, anchoredAt: at };
}

function issuer(response) {
  const detail = check(response, 'issuer-known');
  if (detail?.outcome !== 'passed') {
    return {};
  }
  const match = /^issued by department (\d+)(?: \(([^,)]+)(?:, (.+))?\))?$/.exec(detail.detail);
  return match ? { departmentId: Number(match[1]), departmentName: match[3] } : {};
}

function departmentStatus(response) {
  const detail = check(response, 'issuer-status');
  if (detail?.outcome !== 'passed') {
    return undefined;
  }
  return /suspended/.test(detail.detail) ? 'suspended' : 'active';
}

function validity(response) {
  const detail = check(response, 'not-expired');
  if (!detail || detail.outcome === 'skipped') {
    return {};
  }
  if (detail.detail === 'no expiry') {
    return { validUntil: null };
  }
  return { validUntil: timePattern.exec(detail.detail)?.[0] };
}

function revocationReason(response) {
  const detail = check(response, 'not-revoked');
  const code = detail?.outcome === 'failed' ? /reason code (\d+)/.exec(detail.detail)?.[1] : undefined;
  return code === undefined ? undefined : Number(code);
}

function successor(response) {
  const detail = check(response, 'not-superseded');
  return detail?.outcome === 'failed' ? digestPattern.exec(detail.detail)?.[0] : undefined;
}

/** The facts behind a verdict; receipt (given or issued by this server) adds the transaction. */
export function factsOf(response, receipt) {
  const fromChecks = {
    ...anchoring(response),
    ...issuer(response),
    ...validity(response),
    departmentStatus: departmentStatus(response),
    revocationReason: revocationReason(response),
    successor: successor(response),
  };
  const pick = (name) => (response[name] !== undefined ? response[name] : fromChecks[name]);
  return {
    outcome: response.outcome,
    digest: response.digest,
    departmentCode: response.department,
    // A receipt's issuer is only a claim: name it only when the chain names the same department.
    departmentName: pick('departmentName') ?? (receipt?.issuer?.code === response.department ? receipt?.issuer?.name : undefined),
    departmentStatus: pick('departmentStatus'),
    anchoredAt: pick('anchoredAt'),
    anchoredBlock: pick('anchoredBlock'),
    validUntil: pick('validUntil'),
    revocationReason: pick('revocationReason'),
    successor: pick('successor'),
    transactionHash: pick('transactionHash') ?? (receipt?.digest === response.digest ? receipt?.transactionHash : undefined),
    chain: response.chain,
    checks: response.checks ?? [],
  };
}
