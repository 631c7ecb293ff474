// A citizen's passkey consent as the tests give it: shared by the passkey and access grant tests.
import { ethers, now, DAY, TERMS, CIVIL_REGISTRY, digestOf } from "./fixtures.js";
import { registryDomain, passkeyChallenge } from "./passkey.js";

export const domainOf = async (registry) => registryDomain((await ethers.provider.getNetwork()).chainId, await registry.getAddress());

/** A citizen's passkey consent as a holder's page asks for it: the grant's arguments, the challenge and the assertion. */
export async function passkeyConsent(registry, passkey, overrides = {}, assertOptions = {}) {
  const current = await now();
  const grant = {
    recordId: digestOf("passkey: birth certificate"),
    granteeDepartment: CIVIL_REGISTRY,
    purpose: 3n,
    expiresAt: current + 30n * DAY,
    terms: TERMS,
    deadline: current + DAY,
    ...overrides,
  };
  const nonce = grant.nonce ?? (await registry.passkeyNonce(passkey.id));
  const challenge = passkeyChallenge(await domainOf(registry), "PasskeyConsent", {
    recordId: grant.recordId, granteeDepartment: grant.granteeDepartment, purpose: grant.purpose, expiresAt: grant.expiresAt,
    ...grant.terms, passkeyId: passkey.id, nonce, deadline: grant.deadline,
  });
  return { ...grant, challenge, assertion: passkey.assert(challenge, assertOptions) };
}

/** Submits `c` (from passkeyConsent) by `relayer`, with any argument replaced by `as`. */
export function submitPasskeyConsent(registry, relayer, c, as = {}) {
  const g = { ...c, ...as };
  return registry.connect(relayer).grantAccessByPasskey(g.recordId, g.granteeDepartment, g.purpose, g.expiresAt, g.terms, g.assertion, g.deadline);
}
