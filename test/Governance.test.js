import { expect } from "chai";
import {
  ethers, loadFixture, time, now, DAY, deployRegistry, deployRegistryWith, deployWithSuspendedHealth, addSigner, decide,
  signerConsent, lastChangeId, digestOf, nodeEntry, DepartmentStatus, DocumentStatus, ProposalKind, SignerChangeStatus, INTERIOR,
  CIVIL_REGISTRY, HEALTH, SIGNER_CHANGE_DELAY,
} from "./fixtures.js";

const INTERIOR_NODE = nodeEntry("https://node.interior.example");
const HEALTH_NODE = nodeEntry("https://node.health.example");

/**
 * Interior and Health publish node entries at deployment; Health also holds `otherKey`, which an attacker has stolen
 * and used to request redirecting Health's node (change 2, pending).
 */
async function deployWithPendingRedirect() {
  const fixture = await deployRegistryWith({ nodes: [INTERIOR_NODE, ["", "0x", "0x"], HEALTH_NODE] });
  const { registry, health, otherKey } = fixture;
  await addSigner(registry, health, otherKey);
  await registry.connect(otherKey).requestSetNode(...nodeEntry("https://attacker.example"));
  return { ...fixture, thief: otherKey, redirect: await lastChangeId(registry) };
}

/** {deployRegistry} with threshold 3: every decision needs all three departments while they are active. */
const deployWithThresholdThree = () => deployRegistryWith({ threshold: 3 });

describe("Governance", function () {
  describe("live approvals", function () {
    it("does not count the approval of a department suspended after it approved", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY);
      await decide(registry, registry.connect(civilRegistry).proposeSuspendDepartment(INTERIOR, (await now()) + DAY), [health]);
      expect(await registry.liveApprovals(1)).to.equal(0n);

      await expect(registry.connect(health).approve(1))
        .to.emit(registry, "ProposalApproved").withArgs(1n, HEALTH, 1n)
        .and.not.to.emit(registry, "ProposalExecuted");
      expect(await registry.departmentCount()).to.equal(3n);
      expect((await registry.proposal(1)).approvers).to.deep.equal([INTERIOR, HEALTH]);
      await expect(registry.connect(health).execute(1))
        .to.be.revertedWithCustomError(registry, "QuorumNotReached").withArgs(1n, 1n, 2n);
    });

    it("counts the approval again once the department is restored", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + 20n * DAY);
      await decide(registry, registry.connect(civilRegistry).proposeSuspendDepartment(INTERIOR, (await now()) + DAY), [health]);
      expect(await registry.liveApprovals(1)).to.equal(0n);
      await decide(registry, registry.connect(civilRegistry).proposeRestoreDepartment(INTERIOR, (await now()) + DAY), [health]);
      expect(await registry.liveApprovals(1)).to.equal(1n);
      await expect(registry.connect(health).approve(1)).to.emit(registry, "DepartmentAdded").withArgs(4n, "TAX", "Tax");
    });

    it("execute() carries out a proposal whose approvals reach a quorum lowered by a suspension", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployWithThresholdThree);
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY);
      await registry.connect(civilRegistry).approve(1);
      expect(await registry.liveApprovals(1)).to.equal(2n);
      await expect(registry.connect(civilRegistry).execute(1))
        .to.be.revertedWithCustomError(registry, "QuorumNotReached").withArgs(1n, 2n, 3n);

      await decide(registry, registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY), [civilRegistry, health]);
      expect(await registry.quorum()).to.equal(2n);
      await expect(registry.connect(civilRegistry).execute(1))
        .to.emit(registry, "DepartmentAdded").withArgs(4n, "TAX", "Tax")
        .and.to.emit(registry, "ProposalExecuted").withArgs(1n);
      expect((await registry.proposal(1)).executed).to.equal(true);
    });

    it("execute() carries out a proposal whose approvals reach a quorum lowered by a threshold change", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployWithThresholdThree);
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY);
      await registry.connect(civilRegistry).approve(1);
      await decide(registry, registry.connect(interior).proposeThreshold(2, (await now()) + DAY), [civilRegistry, health]);
      await expect(registry.connect(health).execute(1)).to.emit(registry, "ProposalExecuted").withArgs(1n);
    });

    it("refuses execute() by a key that is not an active signer with NotActiveSigner", async function () {
      const { registry, interior, health, outsider } = await loadFixture(deployWithSuspendedHealth);
      await registry.connect(interior).proposeThreshold(1, (await now()) + DAY);
      await expect(registry.connect(outsider).execute(2))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(outsider.address);
      await expect(registry.connect(health).execute(2))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
    });
  });

  describe("recovery (ReplaceSigners)", function () {
    it("replaces the lost last key of a department with fresh keys and key ids", async function () {
      const { registry, interior, civilRegistry, health, spareKey, otherKey } = await loadFixture(deployRegistry);
      const earlier = digestOf("issued before the key was lost");
      await registry.connect(health).anchor(earlier, 0);

      await registry.connect(interior).proposeReplaceSigners(HEALTH, [spareKey.address, otherKey.address], (await now()) + DAY);
      await expect(registry.connect(civilRegistry).approve(1))
        .to.emit(registry, "SignerRemoved").withArgs(HEALTH, health.address, 1n)
        .and.to.emit(registry, "SignerAdded").withArgs(HEALTH, spareKey.address, 2n)
        .and.to.emit(registry, "SignerAdded").withArgs(HEALTH, otherKey.address, 3n)
        .and.to.emit(registry, "PendingSignerChangesCancelled").withArgs(HEALTH)
        .and.to.emit(registry, "ProposalExecuted").withArgs(1n);

      expect((await registry.department(HEALTH)).signers).to.deep.equal([spareKey.address, otherKey.address]);
      expect(await registry.keyOf(health.address)).to.deep.equal([0n, 0n, false, 0n]);
      await expect(registry.connect(health).anchor(digestOf("lost key"), 0))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
      await expect(registry.connect(spareKey).anchor(digestOf("after recovery"), 0))
        .to.emit(registry, "DocumentAnchored").withArgs(digestOf("after recovery"), HEALTH, 0n);
      const view = await registry.check(HEALTH, earlier);
      expect(view.status).to.equal(DocumentStatus.Valid);
      expect(view.keyCompromisedSince).to.equal(0n);
    });

    it("recovers a suspended department: the new keys act once it is restored", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployWithSuspendedHealth);
      await decide(registry, registry.connect(interior).proposeReplaceSigners(HEALTH, [spareKey.address], (await now()) + DAY), [civilRegistry]);
      expect(await registry.keyOf(spareKey.address)).to.deep.equal([HEALTH, 2n, false, 0n]);
      expect(await registry.departmentOf(health.address)).to.deep.equal([0n, false]);
      await decide(registry, registry.connect(interior).proposeRestoreDepartment(HEALTH, (await now()) + DAY), [civilRegistry]);
      expect(await registry.keyOf(spareKey.address)).to.deep.equal([HEALTH, 2n, true, 0n]);
      expect(await registry.departmentOf(health.address)).to.deep.equal([0n, false]);
    });

    it("cancels the department's pending signer changes", async function () {
      const { registry, interior, civilRegistry, health, spareKey, otherKey } = await loadFixture(deployRegistry);
      await registry.connect(health).requestAddSigner(otherKey.address, ...(await signerConsent(registry, otherKey, HEALTH)));
      const changeId = await lastChangeId(registry);
      await decide(registry, registry.connect(interior).proposeReplaceSigners(HEALTH, [spareKey.address], (await now()) + DAY), [civilRegistry]);
      expect((await registry.signerChange(changeId)).status).to.equal(SignerChangeStatus.Cancelled);
      await time.increase(3n * DAY);
      await expect(registry.connect(spareKey).applySignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(changeId);
    });

    it("may keep a current key of the department, under a fresh key id", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployRegistry);
      await decide(registry, registry.connect(interior).proposeReplaceSigners(HEALTH, [health.address, spareKey.address], (await now()) + DAY), [civilRegistry]);
      expect(await registry.keyOf(health.address)).to.deep.equal([HEALTH, 2n, true, 0n]);
      expect(await registry.key(HEALTH, 1)).to.deep.equal([health.address, 0n]);
    });

    it("rejects an empty list, a zero key, too many keys, duplicates and keys of other departments", async function () {
      const { registry, interior, civilRegistry, spareKey } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      const asInterior = registry.connect(interior);
      await expect(asInterior.proposeReplaceSigners(HEALTH, [], deadline)).to.be.revertedWithCustomError(registry, "InvalidDepartment");
      await expect(asInterior.proposeReplaceSigners(HEALTH, [ethers.ZeroAddress], deadline)).to.be.revertedWithCustomError(registry, "InvalidDepartment");
      const nine = Array.from({ length: 9 }, () => ethers.Wallet.createRandom().address);
      await expect(asInterior.proposeReplaceSigners(HEALTH, nine, deadline))
        .to.be.revertedWithCustomError(registry, "TooManySigners").withArgs(HEALTH, 8n);
      await expect(asInterior.proposeReplaceSigners(HEALTH, [spareKey.address, spareKey.address], deadline))
        .to.be.revertedWithCustomError(registry, "SignerAlreadyRegistered").withArgs(spareKey.address);
      await expect(asInterior.proposeReplaceSigners(HEALTH, [civilRegistry.address], deadline))
        .to.be.revertedWithCustomError(registry, "SignerAlreadyRegistered").withArgs(civilRegistry.address);
      await expect(asInterior.proposeReplaceSigners(9, [spareKey.address], deadline))
        .to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(9n);
      await expect(asInterior.proposeReplaceSigners(HEALTH, Array.from({ length: 8 }, () => ethers.Wallet.createRandom().address), deadline))
        .to.emit(registry, "ProposalCreated");
    });

    it("re-checks the keys at execution: one registered meanwhile makes it fail with SignerAlreadyRegistered", async function () {
      const { registry, interior, civilRegistry, spareKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeReplaceSigners(HEALTH, [spareKey.address], (await now()) + 10n * DAY);
      await addSigner(registry, interior, spareKey);
      await expect(registry.connect(civilRegistry).approve(1))
        .to.be.revertedWithCustomError(registry, "SignerAlreadyRegistered").withArgs(spareKey.address);
      expect((await registry.department(HEALTH)).status).to.equal(DepartmentStatus.Active);
    });
  });

  describe("clearing a department's node entry (ClearNode)", function () {
    it("deletes the entry once a quorum approves, and cancels the department's pending changes", async function () {
      const { registry, interior, civilRegistry, thief, redirect } = await loadFixture(deployWithPendingRedirect);
      const deadline = (await now()) + DAY;
      await expect(registry.connect(interior).proposeClearNode(HEALTH, deadline))
        .to.emit(registry, "ProposalCreated").withArgs(1n, ProposalKind.ClearNode, INTERIOR, deadline)
        .and.not.to.emit(registry, "DepartmentNodeCleared");
      const proposal = await registry.proposal(1);
      expect(proposal.kind).to.equal(ProposalKind.ClearNode);
      expect(proposal.targetDepartment).to.equal(HEALTH);
      expect(proposal.data).to.equal("0x");
      expect((await registry.departmentNode(HEALTH)).url).to.equal(HEALTH_NODE[0]);

      await expect(registry.connect(civilRegistry).approve(1))
        .to.emit(registry, "DepartmentNodeCleared").withArgs(HEALTH)
        .and.to.emit(registry, "PendingSignerChangesCancelled").withArgs(HEALTH)
        .and.to.emit(registry, "ProposalExecuted").withArgs(1n);
      expect(await registry.departmentNode(HEALTH)).to.deep.equal(["", "0x", "0x", 0n]);
      expect((await registry.departmentNode(INTERIOR)).url).to.equal(INTERIOR_NODE[0]);

      // The redirect the stolen key requested died with the entry.
      await time.increase(SIGNER_CHANGE_DELAY);
      expect((await registry.signerChange(redirect)).status).to.equal(SignerChangeStatus.Cancelled);
      await expect(registry.connect(thief).applySignerChange(redirect))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(redirect);
      expect(await registry.departmentNode(HEALTH)).to.deep.equal(["", "0x", "0x", 0n]);
    });

    it("lets the department publish a new entry afterwards under the signer-change rule", async function () {
      const { registry, interior, civilRegistry, health } = await loadFixture(deployWithPendingRedirect);
      await decide(registry, registry.connect(interior).proposeClearNode(HEALTH, (await now()) + DAY), [civilRegistry]);
      const fresh = nodeEntry("https://node3.health.example");
      await registry.connect(health).requestSetNode(...fresh);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(health).applySignerChange(await lastChangeId(registry)))
        .to.emit(registry, "DepartmentNodeChanged").withArgs(HEALTH, ...fresh);
    });

    it("clears a suspended department's entry and one without an entry", async function () {
      const { registry, interior, civilRegistry } = await loadFixture(deployWithPendingRedirect);
      await decide(registry, registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY), [civilRegistry]);
      await registry.connect(interior).proposeClearNode(HEALTH, (await now()) + DAY);
      await expect(registry.connect(civilRegistry).approve(2)).to.emit(registry, "DepartmentNodeCleared").withArgs(HEALTH);
      expect((await registry.departmentNode(HEALTH)).url).to.equal("");
      await expect(registry.connect(interior).proposeClearNode(CIVIL_REGISTRY, (await now()) + DAY)).to.emit(registry, "ProposalCreated");
      await expect(registry.connect(civilRegistry).approve(3)).to.emit(registry, "DepartmentNodeCleared").withArgs(CIVIL_REGISTRY);
    });

    it("is not carried out by one department alone", async function () {
      const { registry, health } = await loadFixture(deployWithPendingRedirect);
      await expect(registry.connect(health).proposeClearNode(INTERIOR, (await now()) + DAY)).not.to.emit(registry, "DepartmentNodeCleared");
      expect((await registry.departmentNode(INTERIOR)).url).to.equal(INTERIOR_NODE[0]);
    });

    it("rejects an unknown department with UnknownDepartment", async function () {
      const { registry, interior } = await loadFixture(deployWithPendingRedirect);
      await expect(registry.connect(interior).proposeClearNode(9, (await now()) + DAY))
        .to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(9n);
      await expect(registry.connect(interior).proposeClearNode(0, (await now()) + DAY))
        .to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(0n);
    });
  });
});
