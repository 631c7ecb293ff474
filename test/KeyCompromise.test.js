import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ethers, loadFixture, time, now, DAY, YEAR, deployRegistry, addSigner, decide, signerConsent, signTyped,
  DocumentStatus, INTERIOR, HEALTH, digestOf,
} from "./fixtures.js";

/**
 * Interior holds `interior` (key 1) and `otherKey` (key 2). Key 2 anchored `before` a day before the
 * compromise began, then `since` (exactly at `compromisedSince`) and the batch `root`, and `after`; `interior`
 * anchored `honest` after it. Nothing is reported yet.
 */
async function deployWithKeyToReport() {
  const fixture = await deployRegistry();
  const { registry, interior, otherKey } = fixture;
  await addSigner(registry, interior, otherKey);
  const asKey = registry.connect(otherKey);
  const before = digestOf("anchored before the theft");
  await asKey.anchor(before, 0);
  await time.increase(DAY);
  const compromisedSince = (await now()) + 1n;
  await time.setNextBlockTimestamp(compromisedSince);
  const since = digestOf("anchored by the thief");
  await asKey.anchor(since, 0);
  const tree = StandardMerkleTree.of([[digestOf("thief batch 0")], [digestOf("thief batch 1")]], ["bytes32"]);
  await asKey.anchorBatch(tree.root, 2, 0);
  const after = digestOf("anchored later by the thief");
  await asKey.anchor(after, (await now()) + YEAR);
  const honest = digestOf("anchored by the honest key");
  await registry.connect(interior).anchor(honest, 0);
  return { ...fixture, thief: otherKey, compromisedSince, before, since, after, honest, tree };
}

describe("Compromised keys", function () {
  describe("reported by another signer of the department", function () {
    it("takes the key out at once and records when the compromise began", async function () {
      const { registry, interior, thief, compromisedSince } = await loadFixture(deployWithKeyToReport);
      await expect(registry.connect(interior).reportCompromisedKey(thief.address, compromisedSince))
        .to.emit(registry, "SignerRemoved").withArgs(INTERIOR, thief.address, 2n)
        .and.to.emit(registry, "KeyCompromised").withArgs(INTERIOR, thief.address, 2n, compromisedSince)
        .and.to.emit(registry, "PendingSignerChangesCancelled").withArgs(INTERIOR);
      expect((await registry.department(INTERIOR)).signers).to.deep.equal([interior.address]);
      expect(await registry.keyOf(thief.address)).to.deep.equal([INTERIOR, 2n, false, compromisedSince]);
      expect(await registry.departmentOf(thief.address)).to.deep.equal([INTERIOR, false]);
      expect(await registry.key(INTERIOR, 2)).to.deep.equal([thief.address, compromisedSince]);
      await expect(registry.connect(thief).anchor(digestOf("too late"), 0))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(thief.address);
    });

    it("marks what the key anchored at or after compromisedSince KeyCompromised; earlier documents stay valid", async function () {
      const { registry, interior, thief, compromisedSince, before, since, after, honest, tree } = await loadFixture(deployWithKeyToReport);
      await registry.connect(interior).reportCompromisedKey(thief.address, compromisedSince);

      const earlier = await registry.check(INTERIOR, before);
      expect(earlier.status).to.equal(DocumentStatus.Valid);
      expect(earlier.keyId).to.equal(2n);
      expect(earlier.keyCompromisedSince).to.equal(compromisedSince);
      const atSince = await registry.check(INTERIOR, since);
      expect(atSince.anchoredAt).to.equal(compromisedSince);
      expect(atSince.status).to.equal(DocumentStatus.KeyCompromised);
      expect((await registry.check(INTERIOR, after)).status).to.equal(DocumentStatus.KeyCompromised);
      const member = await registry.checkInBatch(INTERIOR, tree.root, digestOf("thief batch 1"), tree.getProof(1));
      expect(member.status).to.equal(DocumentStatus.KeyCompromised);
      expect(member.keyId).to.equal(2n);
      expect((await registry.batch(INTERIOR, tree.root)).keyId).to.equal(2n);
      const fine = await registry.check(INTERIOR, honest);
      expect([fine.status, fine.keyId, fine.keyCompromisedSince]).to.deep.equal([DocumentStatus.Valid, 1n, 0n]);
    });

    it("ranks Revoked above KeyCompromised above Superseded and Expired", async function () {
      const { registry, interior, thief, compromisedSince, since, after } = await loadFixture(deployWithKeyToReport);
      await registry.connect(interior).supersede(since, digestOf("reissued"), 0);
      await registry.connect(interior).reportCompromisedKey(thief.address, compromisedSince);
      expect((await registry.check(INTERIOR, since)).status).to.equal(DocumentStatus.KeyCompromised);
      await time.increase(2n * YEAR);
      expect((await registry.check(INTERIOR, after)).status).to.equal(DocumentStatus.KeyCompromised);
      await registry.connect(interior).revoke(since, 7);
      const revoked = await registry.check(INTERIOR, since);
      expect([revoked.status, revoked.revocationReason]).to.deep.equal([DocumentStatus.Revoked, 7n]);
    });

    it("keeps the key off after the department is suspended and restored", async function () {
      const { registry, interior, civilRegistry, health, thief, compromisedSince } = await loadFixture(deployWithKeyToReport);
      await registry.connect(interior).reportCompromisedKey(thief.address, compromisedSince);
      await decide(registry, registry.connect(civilRegistry).proposeSuspendDepartment(INTERIOR, (await now()) + DAY), [health]);
      await decide(registry, registry.connect(civilRegistry).proposeRestoreDepartment(INTERIOR, (await now()) + DAY), [health]);
      expect(await registry.departmentOf(interior.address)).to.deep.equal([INTERIOR, true]);
      expect(await registry.keyOf(thief.address)).to.deep.equal([INTERIOR, 2n, false, compromisedSince]);
      await expect(registry.connect(thief).anchor(digestOf("after restore"), 0))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(thief.address);
    });

    it("can never be registered again, by any department or the quorum", async function () {
      const { registry, interior, health, thief, compromisedSince } = await loadFixture(deployWithKeyToReport);
      await registry.connect(interior).reportCompromisedKey(thief.address, compromisedSince);
      await expect(registry.connect(interior).requestAddSigner(thief.address, ...(await signerConsent(registry, thief, INTERIOR))))
        .to.be.revertedWithCustomError(registry, "CompromisedKey").withArgs(thief.address);
      await expect(registry.connect(health).requestAddSigner(thief.address, ...(await signerConsent(registry, thief, HEALTH))))
        .to.be.revertedWithCustomError(registry, "CompromisedKey").withArgs(thief.address);
      await expect(registry.connect(health).proposeAddDepartment("TAX", "Tax", thief.address, (await now()) + DAY))
        .to.be.revertedWithCustomError(registry, "CompromisedKey").withArgs(thief.address);
      await expect(registry.connect(health).proposeReplaceSigners(INTERIOR, [thief.address], (await now()) + DAY))
        .to.be.revertedWithCustomError(registry, "CompromisedKey").withArgs(thief.address);
      await expect(registry.connect(interior).reportCompromisedKey(thief.address, compromisedSince))
        .to.be.revertedWithCustomError(registry, "CompromisedKey").withArgs(thief.address);
    });

    it("refuses its signatures: a relayed anchor by the compromised key fails with NotActiveSigner", async function () {
      const { registry, interior, relayer, thief, compromisedSince } = await loadFixture(deployWithKeyToReport);
      const digest = digestOf("relayed after the report");
      const deadline = (await now()) + DAY;
      const signature = await signTyped(registry, thief, "Anchor", { digest, validUntil: 0n, deadline });
      await registry.connect(interior).reportCompromisedKey(thief.address, compromisedSince);
      await expect(registry.connect(relayer).anchorBySig(digest, 0, thief.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(thief.address);
    });

    it("lets a key report itself, but never the department's last key (LastSigner)", async function () {
      const { registry, interior, thief } = await loadFixture(deployWithKeyToReport);
      await expect(registry.connect(thief).reportCompromisedKey(thief.address, await now()))
        .to.emit(registry, "KeyCompromised");
      await expect(registry.connect(interior).reportCompromisedKey(interior.address, await now()))
        .to.be.revertedWithCustomError(registry, "LastSigner").withArgs(INTERIOR);
    });

    it("rejects a compromisedSince of zero or in the future with InvalidCompromisedSince", async function () {
      const { registry, interior, thief } = await loadFixture(deployWithKeyToReport);
      await expect(registry.connect(interior).reportCompromisedKey(thief.address, 0))
        .to.be.revertedWithCustomError(registry, "InvalidCompromisedSince").withArgs(0n);
      const future = (await now()) + 100n;
      await expect(registry.connect(interior).reportCompromisedKey(thief.address, future))
        .to.be.revertedWithCustomError(registry, "InvalidCompromisedSince").withArgs(future);
    });

    it("refuses a report of another department's key or of an unknown address with SignerNotInDepartment", async function () {
      const { registry, health, thief, outsider } = await loadFixture(deployWithKeyToReport);
      await expect(registry.connect(health).reportCompromisedKey(thief.address, await now()))
        .to.be.revertedWithCustomError(registry, "SignerNotInDepartment").withArgs(thief.address, HEALTH);
      await expect(registry.connect(health).reportCompromisedKey(outsider.address, await now()))
        .to.be.revertedWithCustomError(registry, "SignerNotInDepartment").withArgs(outsider.address, HEALTH);
    });

    it("shows the compromise time in the raw records", async function () {
      const { registry, interior, thief, compromisedSince, before, tree } = await loadFixture(deployWithKeyToReport);
      await registry.connect(interior).reportCompromisedKey(thief.address, compromisedSince);
      const [single, member] = await registry.records([
        [INTERIOR, ethers.ZeroHash, before],
        [INTERIOR, tree.root, digestOf("thief batch 0")],
      ]);
      expect([single.keyId, single.keyCompromisedSince]).to.deep.equal([2n, compromisedSince]);
      expect([member.keyId, member.keyCompromisedSince]).to.deep.equal([2n, compromisedSince]);
    });
  });

  describe("reported by the quorum", function () {
    it("reports any department's key, even its last one, and the department is then recovered", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployRegistry);
      const digest = digestOf("health record signed with the stolen key");
      await registry.connect(health).anchor(digest, 0);
      const since = await now();
      await registry.connect(interior).proposeReportCompromisedKey(health.address, since, since + DAY);
      await expect(registry.connect(civilRegistry).approve(1))
        .to.emit(registry, "KeyCompromised").withArgs(HEALTH, health.address, 1n, since)
        .and.to.emit(registry, "ProposalExecuted").withArgs(1n);
      expect((await registry.department(HEALTH)).signers).to.deep.equal([]);
      expect((await registry.check(HEALTH, digest)).status).to.equal(DocumentStatus.KeyCompromised);

      await decide(registry, registry.connect(interior).proposeReplaceSigners(HEALTH, [spareKey.address], (await now()) + DAY), [civilRegistry]);
      expect(await registry.keyOf(spareKey.address)).to.deep.equal([HEALTH, 2n, true, 0n]);
    });

    it("refuses to propose a report of an unknown key or with an invalid time", async function () {
      const { registry, interior, outsider, health } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await expect(registry.connect(interior).proposeReportCompromisedKey(outsider.address, await now(), deadline))
        .to.be.revertedWithCustomError(registry, "SignerNotInDepartment").withArgs(outsider.address, 0n);
      await expect(registry.connect(interior).proposeReportCompromisedKey(health.address, 0, deadline))
        .to.be.revertedWithCustomError(registry, "InvalidCompromisedSince").withArgs(0n);
    });

    it("re-dates a back-dated report that a stolen key filed against an honest key", async function () {
      const { registry, interior, civilRegistry, health, otherKey } = await loadFixture(deployRegistry);
      await addSigner(registry, interior, otherKey);
      const honest = digestOf("issued with the honest key before the rogue report");
      await registry.connect(interior).anchor(honest, 0);
      await time.increase(DAY);

      // The thief holds otherKey and reports the honest key compromised since long before.
      const rogueSince = (await now()) - 30n * DAY;
      await registry.connect(otherKey).reportCompromisedKey(interior.address, rogueSince);
      expect((await registry.check(INTERIOR, honest)).status).to.equal(DocumentStatus.KeyCompromised);

      // The quorum has the last word on when the compromise began: the time of the rogue report.
      const reportedAt = await now();
      await decide(registry, registry.connect(civilRegistry).proposeReportCompromisedKey(interior.address, reportedAt, reportedAt + DAY), [health]);
      expect((await registry.check(INTERIOR, honest)).status).to.equal(DocumentStatus.Valid);
      expect(await registry.keyOf(interior.address)).to.deep.equal([INTERIOR, 1n, false, reportedAt]);
      await expect(registry.connect(interior).anchor(digestOf("the reported key stays off"), 0))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(interior.address);
    });

    it("applies the quorum's time when the key was reported meanwhile", async function () {
      const { registry, interior, civilRegistry, otherKey } = await loadFixture(deployRegistry);
      await addSigner(registry, interior, otherKey);
      const quorumSince = await now();
      await registry.connect(civilRegistry).proposeReportCompromisedKey(otherKey.address, quorumSince, quorumSince + DAY);
      await registry.connect(interior).reportCompromisedKey(otherKey.address, quorumSince - DAY);
      await expect(registry.connect(interior).approve(1))
        .to.emit(registry, "KeyCompromised").withArgs(INTERIOR, otherKey.address, 2n, quorumSince)
        .and.to.emit(registry, "ProposalExecuted").withArgs(1n);
      expect((await registry.keyOf(otherKey.address))[3]).to.equal(quorumSince);
    });
  });
});
