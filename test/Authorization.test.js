import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ethers, loadFixture, now, DAY, SIGNER_CHANGE_DELAY, deployLegacyRegistry, withoutNodes, addSigner, removeSigner, decide,
  digestOf, nodeEntry, signTyped, signerConsent, kindId, TERMS, INTERIOR, CIVIL_REGISTRY, HEALTH,
  passkeyExtension,
} from "./fixtures.js";
import { Passkey, registryDomain, passkeyChallenge } from "./passkey.js";

const SINGLE = [ethers.ZeroHash, []];

/**
 * Interior owns a document, a batch, a second key (`interiorKey`), a pending signer change, a grant to the
 * Civil Registry and a pending proposal, and anchored a document in registry 1.1.0 before the cut-over; the
 * Civil Registry granted Interior access to a record it issued; a citizen consented by passkey; Health granted
 * Interior access and was then suspended; `formerSigner` was an Interior key and has been removed;
 * `compromisedKey` was an Interior key and has been reported compromised.
 */
async function deployMatrix() {
  const [deployer, interior, civilRegistry, health, outsider, relayer, citizen, spareKey, otherKey, thirdKey] =
    await ethers.getSigners();
  const legacy = await deployLegacyRegistry();
  const legacyDocument = digestOf("matrix: 1.x document");
  await legacy.connect(interior).anchor(legacyDocument, 0);
  const registry = await ethers.deployContract(
    "EthGovRegistry",
    [
      ["INT", "REG", "HLT"],
      ["Ministry of Interior", "Civil Registry", "Health Office"],
      [interior.address, civilRegistry.address, health.address],
      ...withoutNodes(3),
      2,
      SIGNER_CHANGE_DELAY,
      await legacy.getAddress(),
      await passkeyExtension(deployer),
    ],
    deployer,
  );
  const asInterior = registry.connect(interior);

  await addSigner(registry, interior, spareKey);
  await removeSigner(registry, interior, spareKey);
  await addSigner(registry, interior, otherKey);
  await addSigner(registry, interior, thirdKey);
  await asInterior.reportCompromisedKey(thirdKey.address, await now());
  const current = await now();

  const document = digestOf("matrix: single document");
  await asInterior.anchor(document, 0);
  const leaves = [0, 1, 2, 3].map((i) => [digestOf(`matrix: batch leaf ${i}`)]);
  const tree = StandardMerkleTree.of(leaves, ["bytes32"]);
  await asInterior.anchorBatch(tree.root, 4, 0);

  const interiorRecord = digestOf("matrix: record held by Interior");
  await asInterior.anchor(interiorRecord, 0);
  const registryRecord = digestOf("matrix: record held by Registry");
  await registry.connect(civilRegistry).anchor(registryRecord, 0);
  const healthRecord = digestOf("matrix: record held by Health");
  await registry.connect(health).anchor(healthRecord, 0);
  await asInterior.grantAccess(interiorRecord, ...SINGLE, CIVIL_REGISTRY, 1, current + 30n * DAY, digestOf("statute"), TERMS);
  await registry.connect(civilRegistry).grantAccess(registryRecord, ...SINGLE, INTERIOR, 1, current + 30n * DAY, digestOf("statute"), TERMS);
  const consentDeadline = current + DAY;
  await registry.connect(health).grantAccess(healthRecord, ...SINGLE, INTERIOR, 1, current + 30n * DAY, digestOf("statute"), TERMS);
  const passkey = new Passkey("matrix: citizen passkey");
  const passkeyRecord = digestOf("matrix: record consented by passkey");
  await registry.connect(relayer).grantAccessByPasskey(passkeyRecord, CIVIL_REGISTRY, 1, current + 30n * DAY, TERMS,
    await passkeyAssertion(registry, passkey, "PasskeyConsent", { recordId: passkeyRecord, granteeDepartment: CIVIL_REGISTRY, purpose: 1n, expiresAt: current + 30n * DAY, ...TERMS, deadline: consentDeadline }),
    consentDeadline);
  await decide(registry, asInterior.proposeSuspendDepartment(HEALTH, current + DAY), [civilRegistry]);

  await asInterior.requestRemoveSigner(otherKey.address);
  const pendingChange = await registry.signerChangeCount();
  const proposalId = await decide(registry, asInterior.proposeThreshold(1, current + DAY));

  return {
    registry, interior, civilRegistry, health, outsider, relayer, citizen,
    formerSigner: spareKey,
    interiorKey: otherKey,
    compromisedKey: thirdKey,
    document,
    root: tree.root,
    leaf: leaves[2][0],
    proof: tree.getProof(2),
    registryRecord,
    grantToRegistry: 1n,
    grantToInterior: 2n,
    healthGrant: 3n,
    passkey,
    passkeyGrant: 4n,
    pendingChange,
    proposalId,
    legacyDocument,
  };
}

const deadlineSoon = async () => (await now()) + DAY;

/** `passkey`'s assertion over a `primaryType` message to `registry` (its current nonce filled in). */
async function passkeyAssertion(registry, passkey, primaryType, message) {
  const domain = registryDomain((await ethers.provider.getNetwork()).chainId, await registry.getAddress());
  const nonce = await registry.passkeyNonce(passkey.id);
  return passkey.assert(passkeyChallenge(domain, primaryType, { ...message, passkeyId: passkey.id, nonce }));
}

/**
 * Each operation is tried by five actors. `other(f, a)` names the error and its arguments for an active signer
 * of another department; `null` means that actor may legitimately call it for its own department (checked
 * below). Inactive actors get NotActiveSigner(account) unless `inactive` (or, for the compromised key,
 * `compromised`) says otherwise.
 */
const OPERATIONS = [
  { name: "anchor", call: (r, a) => r.connect(a).anchor(digestOf("matrix: new"), 0), other: null },
  { name: "anchorBatch", call: (r, a) => r.connect(a).anchorBatch(digestOf("matrix: new root"), 3, 0), other: null },
  { name: "revoke", call: (r, a, f) => r.connect(a).revoke(f.document, 1), other: (f) => ["NotAnchored", f.document] },
  { name: "revokeInBatch", call: (r, a, f) => r.connect(a).revokeInBatch(f.root, f.leaf, f.proof, 1), other: (f) => ["BatchNotFound", f.root] },
  { name: "supersede", call: (r, a, f) => r.connect(a).supersede(f.document, digestOf("matrix: successor"), 0), other: (f) => ["NotAnchored", f.document] },
  { name: "supersedeInBatch", call: (r, a, f) => r.connect(a).supersedeInBatch(f.root, f.leaf, f.proof, digestOf("matrix: successor"), 0), other: (f) => ["BatchNotFound", f.root] },
  {
    name: "anchorBySig",
    call: async (r, a, f) => {
      const digest = digestOf("matrix: by sig");
      const deadline = await deadlineSoon();
      const signature = await signTyped(r, a, "Anchor", { digest, validUntil: 0n, deadline });
      return r.connect(f.relayer).anchorBySig(digest, 0, a.address, deadline, signature);
    },
    other: null,
  },
  {
    name: "anchorBatchBySig",
    call: async (r, a, f) => {
      const root = digestOf("matrix: root by sig");
      const deadline = await deadlineSoon();
      const signature = await signTyped(r, a, "AnchorBatch", { root, documentCount: 2n, validUntil: 0n, deadline });
      return r.connect(f.relayer).anchorBatchBySig(root, 2, 0, a.address, deadline, signature);
    },
    other: null,
  },
  {
    name: "revokeBySig",
    call: async (r, a, f) => {
      const deadline = await deadlineSoon();
      const signature = await signTyped(r, a, "Revoke", { digest: f.document, reason: 1n, deadline });
      return r.connect(f.relayer).revokeBySig(f.document, 1, a.address, deadline, signature);
    },
    other: (f) => ["NotAnchored", f.document],
  },
  {
    name: "grantAccess",
    call: async (r, a, f) => r.connect(a).grantAccess(f.registryRecord, ...SINGLE, INTERIOR, 1, (await now()) + DAY, digestOf("statute"), TERMS),
    other: null,
  },

  {
    name: "grantAccessByPasskey",
    call: async (r, a, f) => {
      const recordId = digestOf("matrix: passkey consent submitted by actor");
      const expiresAt = (await now()) + DAY;
      const deadline = await deadlineSoon();
      const assertion = await passkeyAssertion(r, f.passkey, "PasskeyConsent", { recordId, granteeDepartment: INTERIOR, purpose: 1n, expiresAt, ...TERMS, deadline });
      return r.connect(a).grantAccessByPasskey(recordId, INTERIOR, 1, expiresAt, TERMS, assertion, deadline);
    },
    // Whoever submits it, the passkey consents; the caller is a relayer only (grantor 0).
    other: null,
    inactive: null,
    actsFor: () => 0n,
  },
  {
    name: "revokeGrantByPasskey",
    call: async (r, a, f) => {
      const deadline = await deadlineSoon();
      const assertion = await passkeyAssertion(r, f.passkey, "PasskeyRevocation", { grantId: f.passkeyGrant, deadline });
      return r.connect(a).revokeGrantByPasskey(f.passkeyGrant, assertion, deadline);
    },
    other: null,
    inactive: null,
    actsFor: () => 0n,
  },
  {
    name: "grantKindAccess",
    call: async (r, a) => r.connect(a).grantKindAccess(kindId("birth-certificate"), INTERIOR, 1, (await now()) + DAY, digestOf("statute"), TERMS),
    other: null,
  },
  { name: "logAccess", call: (r, a, f) => r.connect(a).logAccess(f.grantToInterior), other: (f, a) => ["NotGrantee", f.grantToInterior, a.address] },
  { name: "logAccessBatch", call: (r, a) => r.connect(a).logAccessBatch(digestOf("matrix: access batch"), 5), other: null },
  {
    name: "revokeGrant",
    call: (r, a, f) => r.connect(a).revokeGrant(f.grantToRegistry),
    other: (f, a) => ["NotRevoker", f.grantToRegistry, a.address],
    inactive: (f, a) => ["NotRevoker", f.grantToRegistry, a.address],
    compromised: (f, a) => ["NotActiveSigner", a.address],
  },

  { name: "proposeClearNode", call: async (r, a) => r.connect(a).proposeClearNode(INTERIOR, await deadlineSoon()), other: null },
  { name: "proposeRevokeGrants", call: async (r, a, f) => r.connect(a).proposeRevokeGrants([f.healthGrant], await deadlineSoon()), other: null },
  {
    name: "requestAddSigner",
    call: async (r, a) => {
      const newKey = ethers.Wallet.createRandom();
      const [departmentId] = await r.departmentOf(a.address);
      return r.connect(a).requestAddSigner(newKey.address, ...(await signerConsent(r, newKey, departmentId)));
    },
    other: null,
  },
  { name: "requestSetNode", call: (r, a) => r.connect(a).requestSetNode(...nodeEntry("https://node.matrix.example")), other: null },
  { name: "requestRemoveSigner", call: (r, a, f) => r.connect(a).requestRemoveSigner(f.interiorKey.address), other: (f) => ["SignerNotInDepartment", f.interiorKey.address, CIVIL_REGISTRY] },
  { name: "applySignerChange", call: (r, a, f) => r.connect(a).applySignerChange(f.pendingChange), other: (f, a) => ["SignerNotInDepartment", a.address, INTERIOR] },
  { name: "cancelSignerChange", call: (r, a, f) => r.connect(a).cancelSignerChange(f.pendingChange), other: (f, a) => ["SignerNotInDepartment", a.address, INTERIOR] },
  { name: "reportCompromisedKey", call: async (r, a, f) => r.connect(a).reportCompromisedKey(f.interiorKey.address, await now()), other: (f) => ["SignerNotInDepartment", f.interiorKey.address, CIVIL_REGISTRY] },
  { name: "proposeAddDepartment", call: async (r, a) => r.connect(a).proposeAddDepartment("NEW", "New Office", ethers.Wallet.createRandom().address, await deadlineSoon()), other: null },
  { name: "proposeSuspendDepartment", call: async (r, a) => r.connect(a).proposeSuspendDepartment(INTERIOR, await deadlineSoon()), other: null },
  { name: "proposeRestoreDepartment", call: async (r, a) => r.connect(a).proposeRestoreDepartment(HEALTH, await deadlineSoon()), other: null },
  { name: "proposeThreshold", call: async (r, a) => r.connect(a).proposeThreshold(1, await deadlineSoon()), other: null },
  { name: "proposeReplaceSigners", call: async (r, a) => r.connect(a).proposeReplaceSigners(HEALTH, [ethers.Wallet.createRandom().address], await deadlineSoon()), other: null },
  { name: "proposeReportCompromisedKey", call: async (r, a, f) => r.connect(a).proposeReportCompromisedKey(f.interiorKey.address, await now(), await deadlineSoon()), other: null },
  { name: "approve", call: (r, a, f) => r.connect(a).approve(f.proposalId), other: null },
  // Any active signer may execute; it executes only at quorum (here one approval of two).
  { name: "execute", call: (r, a, f) => r.connect(a).execute(f.proposalId), other: (f) => ["QuorumNotReached", f.proposalId, 1n, 2n] },
  { name: "revokeLegacy", call: (r, a, f) => r.connect(a).revokeLegacy(ethers.ZeroHash, f.legacyDocument, [], 1), other: (f) => ["NotIssuingDepartment", f.legacyDocument, CIVIL_REGISTRY] },
];

const ACTORS = [
  { label: "another department's signer", pick: (f) => f.civilRegistry, kind: "other" },
  { label: "a former signer (non-member)", pick: (f) => f.formerSigner, kind: "inactive" },
  { label: "a key reported compromised", pick: (f) => f.compromisedKey, kind: "compromised" },
  { label: "a suspended department's signer", pick: (f) => f.health, kind: "inactive" },
  { label: "a random account", pick: (f) => f.outsider, kind: "inactive" },
];

function expectationOf(operation, actor) {
  if (actor.kind === "other") return operation.other ? operation.other : null;
  if (actor.kind === "compromised" && operation.compromised !== undefined) return operation.compromised;
  if (operation.inactive !== undefined) return operation.inactive;
  return (f, a) => ["NotActiveSigner", a.address];
}

describe("Authorization matrix", function () {
  for (const operation of OPERATIONS) {
    describe(operation.name, function () {
      for (const actor of ACTORS) {
        const expectation = expectationOf(operation, actor);
        const title = expectation === null
          ? `by ${actor.label} acts only for that account's own department or person`
          : `is rejected for ${actor.label}`;
        it(title, async function () {
          const fixture = await loadFixture(deployMatrix);
          const { registry } = fixture;
          const account = actor.pick(fixture);
          if (expectation === null) {
            const receipt = await (await operation.call(registry, account, fixture)).wait();
            const [ownDepartment] = operation.actsFor ? [operation.actsFor()] : await registry.departmentOf(account.address);
            const parsed = receipt.logs.map((log) => registry.interface.parseLog(log)).filter(Boolean);
            expect(parsed.length).to.be.greaterThan(0);
            for (const event of parsed) {
              for (const field of ["departmentId", "proposer", "grantorDepartment"]) {
                if (field in event.args.toObject()) expect(event.args[field], `${event.name}.${field}`).to.equal(ownDepartment);
              }
            }
            return;
          }
          const [error, ...args] = expectation(fixture, account);
          await expect(operation.call(registry, account, fixture)).to.be.revertedWithCustomError(registry, error).withArgs(...args);
        });
      }
    });
  }

  it("covers every state-changing function of the ABI", async function () {
    const { registry } = await loadFixture(deployMatrix);
    const stateChanging = registry.interface.fragments
      .filter((fragment) => fragment.type === "function" && !["view", "pure"].includes(fragment.stateMutability))
      .map((fragment) => fragment.name)
      .sort();
    expect(OPERATIONS.map((operation) => operation.name).sort()).to.deep.equal(stateChanging);
  });
});
