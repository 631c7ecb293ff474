import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ethers, loadFixture, time, now, DAY, YEAR, SIGNER_CHANGE_DELAY, deployRegistry, deployLegacyRegistry, withoutNodes,
  addSigner, decide, signerConsent, digestOf, DepartmentStatus, DocumentStatus, HEALTH, TERMS,
  passkeyExtension,
} from "./fixtures.js";

// The attacks of issue 14, each run twice: against registry 1.1.0 (the fixture artifact, built at the last 1.x
// commit), where it succeeds, and against registry 2.0, where it is refused with the error named in the title.
// The first run shows that the second would fail on the old contract.

const TRANSPORT = 1n;
const CIVIL = 2n;
const HEALTH_OFFICE = 3n;
const CODES = ["TRANSPORT", "CIVIL", "HEALTH"];
const NAMES = ["Transport Agency", "Civil Registry", "Health Office"];
const SINGLE = [ethers.ZeroHash, []];

async function actors() {
  const [, transport, civil, health, outsider, , , spareKey, otherKey] = await ethers.getSigners();
  return { transport, civil, health, outsider, spareKey, otherKey };
}

/** Registry 1.1.0 with TRANSPORT, CIVIL and HEALTH, threshold 2. */
async function deployV1() {
  const { transport, civil, health, ...rest } = await actors();
  const registry = await deployLegacyRegistry({ codes: CODES, names: NAMES, signers: [transport, civil, health] });
  return { registry, transport, civil, health, ...rest };
}

/** Registry 2.0 with TRANSPORT, CIVIL and HEALTH, threshold 2. */
async function deployV2() {
  const { transport, civil, health, ...rest } = await actors();
  const registry = await ethers.deployContract("EthGovRegistry", [
    CODES, NAMES, [transport.address, civil.address, health.address], ...withoutNodes(3), 2, SIGNER_CHANGE_DELAY, ethers.ZeroAddress,
    await passkeyExtension(),
  ]);
  return { registry, transport, civil, health, ...rest };
}

describe("Attacks of issue 14", function () {
  describe("stale-vote takeover of governance (3 departments, threshold 2)", function () {
    /** The sequence up to HEALTH approving TRANSPORT's old proposal to suspend CIVIL. */
    async function staleVote({ registry, transport, civil, health }) {
      await registry.connect(transport).proposeSuspendDepartment(CIVIL, (await now()) + DAY);
      await registry.connect(civil).proposeSuspendDepartment(TRANSPORT, (await now()) + DAY);
      await registry.connect(health).approve(2);
      expect((await registry.department(TRANSPORT)).status).to.equal(DepartmentStatus.Suspended);
      return registry.connect(health).approve(1);
    }

    it("succeeds against registry 1.1.0: CIVIL is suspended and HEALTH alone adds a department", async function () {
      const fixture = await loadFixture(deployV1);
      const { registry, health, spareKey } = fixture;
      await (await staleVote(fixture)).wait();
      expect((await registry.department(CIVIL)).status).to.equal(DepartmentStatus.Suspended);
      expect(await registry.activeDepartmentCount()).to.equal(1n);
      await registry.connect(health).proposeAddDepartment("ROGUE", "Rogue Office", spareKey.address, (await now()) + DAY);
      expect(await registry.departmentCount()).to.equal(4n);
    });

    it("is refused by registry 2.0: the suspended department's approval no longer counts (QuorumNotReached)", async function () {
      const fixture = await loadFixture(deployV2);
      const { registry, health, spareKey } = fixture;
      await expect(staleVote(fixture))
        .to.emit(registry, "ProposalApproved").withArgs(1n, HEALTH_OFFICE, 1n)
        .and.not.to.emit(registry, "DepartmentSuspended");
      expect((await registry.department(CIVIL)).status).to.equal(DepartmentStatus.Active);
      expect(await registry.quorum()).to.equal(2n);
      await expect(registry.connect(health).execute(1))
        .to.be.revertedWithCustomError(registry, "QuorumNotReached").withArgs(1n, 1n, 2n);
      await registry.connect(health).proposeAddDepartment("ROGUE", "Rogue Office", spareKey.address, (await now()) + DAY);
      expect(await registry.departmentCount()).to.equal(3n);
    });
  });

  describe("front-running another department's pending key", function () {
    it("succeeds against registry 1.1.0: TRANSPORT registers CIVIL's new key first and its documents are credited to TRANSPORT", async function () {
      const { registry, transport, civil, spareKey } = await loadFixture(deployV1);
      await registry.connect(transport).addSigner(spareKey.address);
      await expect(registry.connect(civil).addSigner(spareKey.address))
        .to.be.revertedWithCustomError(registry, "SignerAlreadyRegistered").withArgs(spareKey.address);
      await registry.connect(spareKey).anchor(digestOf("civil certificate"), 0);
      expect((await registry.check(digestOf("civil certificate"))).departmentId).to.equal(TRANSPORT);
    });

    it("is refused by registry 2.0: the new key's consent names CIVIL (InvalidSignature)", async function () {
      const { registry, transport, civil, spareKey } = await loadFixture(deployV2);
      const consent = await signerConsent(registry, spareKey, CIVIL);
      await expect(registry.connect(transport).requestAddSigner(spareKey.address, ...consent))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(spareKey.address);
      await expect(registry.connect(civil).requestAddSigner(spareKey.address, ...consent))
        .to.emit(registry, "SignerChangeRequested");
    });
  });

  describe("claiming or blocking another department's digest or root by sending it first", function () {
    const tree = StandardMerkleTree.of([[digestOf("batch a")], [digestOf("batch b")]], ["bytes32"]);

    it("succeeds against registry 1.1.0: CIVIL's anchor and batch revert AlreadyAnchored, the digest is HEALTH's", async function () {
      const { registry, civil, health } = await loadFixture(deployV1);
      const digest = digestOf("certificate seen in the mempool");
      await registry.connect(health).anchor(digest, 0);
      await registry.connect(health).anchorBatch(tree.root, 2, 0);
      await expect(registry.connect(civil).anchor(digest, 0)).to.be.revertedWithCustomError(registry, "AlreadyAnchored").withArgs(digest);
      await expect(registry.connect(civil).anchorBatch(tree.root, 2, 0)).to.be.revertedWithCustomError(registry, "AlreadyAnchored").withArgs(tree.root);
      expect((await registry.check(digest)).departmentId).to.equal(HEALTH_OFFICE);
    });

    it("is refused by registry 2.0: CIVIL anchors both in its own namespace and they verify as CIVIL's", async function () {
      const { registry, civil, health } = await loadFixture(deployV2);
      const digest = digestOf("certificate seen in the mempool");
      await registry.connect(health).anchor(digest, 0);
      await registry.connect(health).anchorBatch(tree.root, 2, 0);
      await expect(registry.connect(civil).anchor(digest, 0)).to.emit(registry, "DocumentAnchored").withArgs(digest, CIVIL, 0n);
      await expect(registry.connect(civil).anchorBatch(tree.root, 2, 0)).to.emit(registry, "BatchAnchored").withArgs(tree.root, CIVIL, 2n, 0n);
      expect((await registry.check(CIVIL, digest)).status).to.equal(DocumentStatus.Valid);
      expect((await registry.checkInBatch(CIVIL, tree.root, digestOf("batch b"), tree.getProof(1))).status).to.equal(DocumentStatus.Valid);
    });
  });

  describe("one stolen key taking over its department", function () {
    it("succeeds against registry 1.1.0: the thief adds its accomplice and removes the honest key at once", async function () {
      const { registry, transport, spareKey, otherKey } = await loadFixture(deployV1);
      const thief = otherKey;
      await registry.connect(transport).addSigner(thief.address);
      await registry.connect(thief).addSigner(spareKey.address);
      await registry.connect(thief).removeSigner(transport.address);
      expect([...(await registry.department(TRANSPORT)).signers]).to.have.members([thief.address, spareKey.address]);
    });

    it("is refused by registry 2.0: nothing completes before the delay (SignerChangeTooEarly) and the honest key cancels", async function () {
      const { registry, transport, spareKey, otherKey } = await loadFixture(deployV2);
      const thief = otherKey;
      await addSigner(registry, transport, thief);
      await registry.connect(thief).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, TRANSPORT)));
      await registry.connect(thief).requestRemoveSigner(transport.address);
      await expect(registry.connect(thief).applySignerChange(3)).to.be.revertedWithCustomError(registry, "SignerChangeTooEarly");
      await registry.connect(transport).cancelSignerChange(2);
      await registry.connect(transport).cancelSignerChange(3);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(thief).applySignerChange(3)).to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(3n);
      expect((await registry.department(TRANSPORT)).signers).to.deep.equal([transport.address, thief.address]);
    });
  });

  describe("a stolen key coming back after suspension and restoration", function () {
    it("succeeds against registry 1.1.0: the restoration reactivates every old key", async function () {
      const { registry, transport, civil, health, otherKey } = await loadFixture(deployV1);
      await registry.connect(health).addSigner(otherKey.address);
      await registry.connect(transport).proposeSuspendDepartment(HEALTH_OFFICE, (await now()) + DAY);
      await registry.connect(civil).approve(1);
      await registry.connect(transport).proposeRestoreDepartment(HEALTH_OFFICE, (await now()) + DAY);
      await registry.connect(civil).approve(2);
      expect(await registry.departmentOf(otherKey.address)).to.deep.equal([HEALTH_OFFICE, true]);
    });

    it("is refused by registry 2.0: a key reported compromised stays off (NotActiveSigner)", async function () {
      const { registry, transport, civil, health, otherKey } = await loadFixture(deployV2);
      await addSigner(registry, health, otherKey);
      await registry.connect(health).reportCompromisedKey(otherKey.address, await now());
      await decide(registry, registry.connect(transport).proposeSuspendDepartment(HEALTH_OFFICE, (await now()) + DAY), [civil]);
      await decide(registry, registry.connect(transport).proposeRestoreDepartment(HEALTH_OFFICE, (await now()) + DAY), [civil]);
      expect(await registry.departmentOf(otherKey.address)).to.deep.equal([HEALTH_OFFICE, false]);
      await expect(registry.connect(otherKey).anchor(digestOf("back again"), 0))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(otherKey.address);
    });
  });

  describe("documents a stolen key anchored", function () {
    it("stay valid in registry 1.1.0 after the key is removed", async function () {
      const { registry, health, otherKey } = await loadFixture(deployV1);
      await registry.connect(health).addSigner(otherKey.address);
      const forged = digestOf("forged licence");
      await registry.connect(otherKey).anchor(forged, 0);
      await registry.connect(health).removeSigner(otherKey.address);
      expect((await registry.check(forged)).status).to.equal(DocumentStatus.Valid);
    });

    it("verify as KeyCompromised in registry 2.0 once the key is reported since the theft", async function () {
      const { registry, health, otherKey } = await loadFixture(deployV2);
      await addSigner(registry, health, otherKey);
      const theft = await now();
      const forged = digestOf("forged licence");
      await registry.connect(otherKey).anchor(forged, 0);
      await registry.connect(health).reportCompromisedKey(otherKey.address, theft);
      expect((await registry.check(HEALTH_OFFICE, forged)).status).to.equal(DocumentStatus.KeyCompromised);
    });
  });

  describe("more keys than a department's loops should carry", function () {
    it("succeeds against registry 1.1.0: a ninth key is added", async function () {
      const { registry, transport } = await loadFixture(deployV1);
      for (let i = 0; i < 8; i++) await registry.connect(transport).addSigner(ethers.Wallet.createRandom().address);
      expect((await registry.department(TRANSPORT)).signers.length).to.equal(9);
    });

    it("is refused by registry 2.0 with TooManySigners", async function () {
      const { registry, transport } = await loadFixture(deployV2);
      const keys = Array.from({ length: 8 }, () => ethers.Wallet.createRandom());
      for (const key of keys.slice(0, 7)) {
        await registry.connect(transport).requestAddSigner(key.address, ...(await signerConsent(registry, key, TRANSPORT)));
      }
      await time.increase(SIGNER_CHANGE_DELAY);
      for (let id = 1n; id <= 7n; id++) await registry.connect(transport).applySignerChange(id);
      await expect(registry.connect(transport).requestAddSigner(keys[7].address, ...(await signerConsent(registry, keys[7], TRANSPORT))))
        .to.be.revertedWithCustomError(registry, "TooManySigners").withArgs(TRANSPORT, 8n);
    });
  });

  describe("grants a department should not be able to make", function () {
    it("succeed against registry 1.1.0: to itself, for a record it did not issue, for a century", async function () {
      const { registry, transport } = await loadFixture(deployV1);
      const notIssued = digestOf("someone else's record");
      await registry.connect(transport).grantAccess(notIssued, TRANSPORT, 1, (await now()) + 100n * YEAR, digestOf("statute"));
      const grant = await registry.grant(1);
      expect([grant.grantorDepartment, grant.granteeDepartment]).to.deep.equal([TRANSPORT, TRANSPORT]);
    });

    it("are refused by registry 2.0 with SelfGrant, NotIssuingDepartment and InvalidExpiry", async function () {
      const { registry, transport, civil } = await loadFixture(deployV2);
      const notIssued = digestOf("someone else's record");
      await registry.connect(civil).anchor(notIssued, 0);
      const own = digestOf("transport record");
      await registry.connect(transport).anchor(own, 0);
      const statute = digestOf("statute");
      await expect(registry.connect(transport).grantAccess(own, ...SINGLE, TRANSPORT, 1, (await now()) + DAY, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "SelfGrant").withArgs(TRANSPORT);
      await expect(registry.connect(transport).grantAccess(notIssued, ...SINGLE, HEALTH_OFFICE, 1, (await now()) + DAY, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "NotIssuingDepartment").withArgs(notIssued, TRANSPORT);
      const century = (await now()) + 100n * YEAR;
      await expect(registry.connect(transport).grantAccess(own, ...SINGLE, HEALTH_OFFICE, 1, century, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "InvalidExpiry").withArgs(century);
    });
  });

  describe("a public view answering valid for a batch member it did not prove", function () {
    it("succeeds against registry 1.1.0: checkManyMembers calls a stranger Valid", async function () {
      const { registry, transport } = await loadFixture(deployV1);
      const tree = StandardMerkleTree.of([[digestOf("member 0")], [digestOf("member 1")]], ["bytes32"]);
      await registry.connect(transport).anchorBatch(tree.root, 2, 0);
      const [view] = await registry.checkManyMembers([[tree.root, digestOf("stranger")]]);
      expect(view.status).to.equal(DocumentStatus.Valid);
    });

    it("is gone in registry 2.0: records returns raw facts without a status or membership", async function () {
      const { registry, transport } = await loadFixture(deployV2);
      expect(registry.interface.getFunction("checkManyMembers")).to.equal(null);
      const tree = StandardMerkleTree.of([[digestOf("member 0")], [digestOf("member 1")]], ["bytes32"]);
      await registry.connect(transport).anchorBatch(tree.root, 2, 0);
      const [record] = await registry.records([[TRANSPORT, tree.root, digestOf("stranger")]]);
      expect(record.toObject()).to.not.have.property("status");
      expect(record.anchored).to.equal(true);
    });
  });

  describe("proposals left open indefinitely for a later quorum", function () {
    it("succeed against registry 1.1.0: a proposal stays open for a year", async function () {
      const { registry, transport } = await loadFixture(deployV1);
      await registry.connect(transport).proposeSuspendDepartment(CIVIL, (await now()) + 365n * DAY);
      expect((await registry.proposal(1)).deadline).to.be.greaterThan((await now()) + 300n * DAY);
    });

    it("are refused by registry 2.0: deadlines are at most 30 days ahead (InvalidDeadline)", async function () {
      const { registry, transport } = await loadFixture(deployV2);
      const distant = (await now()) + 365n * DAY;
      await expect(registry.connect(transport).proposeSuspendDepartment(CIVIL, distant))
        .to.be.revertedWithCustomError(registry, "InvalidDeadline").withArgs(distant);
    });
  });

  describe("a department that lost its last key", function () {
    it("is recovered by the quorum in registry 2.0 (ReplaceSigners); 1.1.0 has no such function", async function () {
      const v1 = await loadFixture(deployV1);
      expect(v1.registry.interface.getFunction("proposeReplaceSigners")).to.equal(null);
      const { registry, interior, civilRegistry, spareKey } = await loadFixture(deployRegistry);
      await decide(registry, registry.connect(interior).proposeReplaceSigners(HEALTH, [spareKey.address], (await now()) + DAY), [civilRegistry]);
      expect((await registry.department(HEALTH)).signers).to.deep.equal([spareKey.address]);
    });
  });
});
