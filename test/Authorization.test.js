import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ethers, loadFixture, now, DAY, deployWithSuspendedHealth, digestOf, signTyped, INTERIOR, CIVIL_REGISTRY,
} from "./fixtures.js";

/**
 * Interior owns a document, a batch, a second key, a grant to the Civil Registry and a pending proposal;
 * the Civil Registry granted Interior access to a record; a citizen consented to a grant; Health is
 * suspended; `formerSigner` was an Interior key and has been removed.
 */
async function deployMatrix() {
  const fixture = await deployWithSuspendedHealth();
  const { registry, interior, civilRegistry, citizen, relayer, spareKey, otherKey } = fixture;
  const asInterior = registry.connect(interior);
  const current = await now();

  await asInterior.addSigner(spareKey.address);
  await asInterior.removeSigner(spareKey.address);
  await asInterior.addSigner(otherKey.address);

  const document = digestOf("matrix: single document");
  await asInterior.anchor(document, 0);
  const leaves = [0, 1, 2, 3].map((i) => [digestOf(`matrix: batch leaf ${i}`)]);
  const tree = StandardMerkleTree.of(leaves, ["bytes32"]);
  await asInterior.anchorBatch(tree.root, 4, 0);

  await asInterior.grantAccess(digestOf("matrix: record held by Interior"), CIVIL_REGISTRY, 1, current + 30n * DAY, digestOf("statute"));
  await registry.connect(civilRegistry).grantAccess(digestOf("matrix: record held by Registry"), INTERIOR, 1, current + 30n * DAY, digestOf("statute"));
  const consentDeadline = current + DAY;
  const consentRecord = digestOf("matrix: citizen record");
  await registry.connect(relayer).grantAccessBySig(consentRecord, CIVIL_REGISTRY, 1, current + 30n * DAY, citizen.address, consentDeadline,
    await signTyped(registry, citizen, "Consent", { recordId: consentRecord, granteeDepartment: CIVIL_REGISTRY, purpose: 1n, expiresAt: current + 30n * DAY, deadline: consentDeadline }));

  await asInterior.proposeThreshold(1, current + DAY);

  return {
    ...fixture,
    formerSigner: spareKey,
    interiorKey: otherKey,
    document,
    root: tree.root,
    leaf: leaves[2][0],
    proof: tree.getProof(2),
    grantToRegistry: 1n,
    grantToInterior: 2n,
    consentGrant: 3n,
    proposalId: 2n,
  };
}

const deadlineSoon = async () => (await now()) + DAY;

/**
 * Each operation is tried by four actors. `expected(actor, f)` names the error and its arguments;
 * `null` means the actor may legitimately call it for its own department (checked separately below).
 */
const OPERATIONS = [
  { name: "anchor", call: (r, a) => r.connect(a).anchor(digestOf("matrix: new"), 0), other: null },
  { name: "anchorBatch", call: (r, a) => r.connect(a).anchorBatch(digestOf("matrix: new root"), 3, 0), other: null },
  { name: "revoke", call: (r, a, f) => r.connect(a).revoke(f.document, 1), other: (f) => ["NotIssuingDepartment", f.document, CIVIL_REGISTRY] },
  { name: "revokeInBatch", call: (r, a, f) => r.connect(a).revokeInBatch(f.root, f.leaf, f.proof, 1), other: (f) => ["NotIssuingDepartment", f.leaf, CIVIL_REGISTRY] },
  { name: "supersede", call: (r, a, f) => r.connect(a).supersede(f.document, digestOf("matrix: successor"), 0), other: (f) => ["NotIssuingDepartment", f.document, CIVIL_REGISTRY] },
  { name: "supersedeInBatch", call: (r, a, f) => r.connect(a).supersedeInBatch(f.root, f.leaf, f.proof, digestOf("matrix: successor"), 0), other: (f) => ["NotIssuingDepartment", f.leaf, CIVIL_REGISTRY] },
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
    other: (f) => ["NotIssuingDepartment", f.document, CIVIL_REGISTRY],
  },
  { name: "grantAccess", call: async (r, a) => r.connect(a).grantAccess(digestOf("matrix: record"), INTERIOR, 1, (await now()) + DAY, digestOf("statute")), other: null },
  { name: "logAccess", call: (r, a, f) => r.connect(a).logAccess(f.grantToInterior), other: (f, a) => ["NotGrantee", f.grantToInterior, a.address] },
  { name: "revokeGrant", call: (r, a, f) => r.connect(a).revokeGrant(f.grantToRegistry), other: (f, a) => ["NotGrantorOrSubject", f.grantToRegistry, a.address], inactive: (f, a) => ["NotGrantorOrSubject", f.grantToRegistry, a.address] },
  {
    name: "revokeGrantBySig",
    call: async (r, a, f) => {
      const deadline = await deadlineSoon();
      const signature = await signTyped(r, a, "RevokeConsent", { grantId: f.consentGrant, deadline });
      return r.connect(f.relayer).revokeGrantBySig(f.consentGrant, a.address, deadline, signature);
    },
    other: (f, a) => ["NotGrantorOrSubject", f.consentGrant, a.address],
    inactive: (f, a) => ["NotGrantorOrSubject", f.consentGrant, a.address],
  },
  { name: "addSigner", call: (r, a) => r.connect(a).addSigner(ethers.Wallet.createRandom().address), other: null },
  { name: "removeSigner", call: (r, a, f) => r.connect(a).removeSigner(f.interiorKey.address), other: (f) => ["SignerNotInDepartment", f.interiorKey.address, CIVIL_REGISTRY] },
  { name: "proposeAddDepartment", call: async (r, a) => r.connect(a).proposeAddDepartment("NEW", "New Office", ethers.Wallet.createRandom().address, await deadlineSoon()), other: null },
  { name: "proposeSuspendDepartment", call: async (r, a) => r.connect(a).proposeSuspendDepartment(INTERIOR, await deadlineSoon()), other: null },
  { name: "proposeRestoreDepartment", call: async (r, a) => r.connect(a).proposeRestoreDepartment(3, await deadlineSoon()), other: null },
  { name: "proposeThreshold", call: async (r, a) => r.connect(a).proposeThreshold(1, await deadlineSoon()), other: null },
  { name: "approve", call: (r, a, f) => r.connect(a).approve(f.proposalId), other: null },
];

const ACTORS = [
  { label: "another department's signer", pick: (f) => f.civilRegistry, kind: "other" },
  { label: "a former signer (non-member)", pick: (f) => f.formerSigner, kind: "inactive" },
  { label: "a suspended department's signer", pick: (f) => f.health, kind: "inactive" },
  { label: "a random account", pick: (f) => f.outsider, kind: "inactive" },
];

describe("Authorization matrix", function () {
  for (const operation of OPERATIONS) {
    describe(operation.name, function () {
      for (const actor of ACTORS) {
        const expectation = (f, a) => {
          if (actor.kind === "other") return operation.other ? operation.other(f, a) : null;
          return operation.inactive ? operation.inactive(f, a) : ["NotActiveSigner", a.address];
        };
        const title = actor.kind === "other" && !operation.other
          ? `by ${actor.label} acts only for that signer's own department`
          : `is rejected for ${actor.label}`;
        it(title, async function () {
          const fixture = await loadFixture(deployMatrix);
          const { registry } = fixture;
          const account = actor.pick(fixture);
          const expected = expectation(fixture, account);
          if (expected === null) {
            const receipt = await (await operation.call(registry, account, fixture)).wait();
            const parsed = receipt.logs.map((log) => registry.interface.parseLog(log)).filter(Boolean);
            for (const event of parsed) {
              for (const field of ["departmentId", "proposer", "grantorDepartment"]) {
                if (field in event.args.toObject()) expect(event.args[field]).to.equal(CIVIL_REGISTRY);
              }
            }
            return;
          }
          const [error, ...args] = expected;
          await expect(operation.call(registry, account, fixture)).to.be.revertedWithCustomError(registry, error).withArgs(...args);
        });
      }
    });
  }
});
