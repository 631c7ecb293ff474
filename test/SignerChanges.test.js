import { expect } from "chai";
import {
  ethers, loadFixture, time, now, DAY, SIGNER_CHANGE_DELAY, deployRegistry, deployRegistryWith, deployWithSuspendedHealth,
  addSigner, decide, signerConsent, signTyped, lastChangeId, nodeEntry, SignerChangeKind, SignerChangeStatus, INTERIOR,
  CIVIL_REGISTRY, HEALTH,
} from "./fixtures.js";

const coder = ethers.AbiCoder.defaultAbiCoder();
const encodedKey = (address) => coder.encode(["address"], [address]);
const encodedNode = (entry) => coder.encode(["string", "bytes", "bytes"], entry);

/** Interior publishes `https://node.interior.example` at deployment; the other departments have no node entry. */
const INTERIOR_NODE = nodeEntry("https://node.interior.example");
const NO_NODE = ["", "0x", "0x"];
const deployWithInteriorNode = () => deployRegistryWith({ nodes: [INTERIOR_NODE, NO_NODE, NO_NODE] });

/** {deployWithInteriorNode} where Interior also holds `otherKey`, which an attacker has stolen. */
async function deployWithNodeAndStolenKey() {
  const fixture = await deployWithInteriorNode();
  await addSigner(fixture.registry, fixture.interior, fixture.otherKey);
  return { ...fixture, thief: fixture.otherKey };
}

/** Interior's node entry as the view answers it, without its time. */
const nodeOf = async (registry, departmentId) => (await registry.departmentNode(departmentId)).slice(0, 3);

/** Interior requested to add `spareKey` (change 1), with `spareKey`'s consent. */
async function deployWithPendingAddition() {
  const fixture = await deployRegistry();
  const { registry, interior, spareKey } = fixture;
  await registry.connect(interior).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, INTERIOR)));
  const requestedAt = await now();
  return { ...fixture, changeId: 1n, requestedAt, executableAt: requestedAt + SIGNER_CHANGE_DELAY };
}

/** Interior holds two keys: `interior` (honest) and `otherKey`, which an attacker has stolen. */
async function deployWithStolenKey() {
  const fixture = await deployRegistry();
  await addSigner(fixture.registry, fixture.interior, fixture.otherKey);
  return { ...fixture, thief: fixture.otherKey };
}

describe("Signer changes (time-locked)", function () {
  describe("adding a key", function () {
    it("records the request with the new key's consent and emits SignerChangeRequested", async function () {
      const { registry, interior, spareKey } = await loadFixture(deployRegistry);
      const [deadline, signature] = await signerConsent(registry, spareKey, INTERIOR);
      const tx = registry.connect(interior).requestAddSigner(spareKey.address, deadline, signature);
      const receipt = await (await tx).wait();
      const requestedAt = BigInt((await ethers.provider.getBlock(receipt.blockNumber)).timestamp);
      await expect(tx).to.emit(registry, "SignerChangeRequested")
        .withArgs(1n, INTERIOR, SignerChangeKind.AddSigner, interior.address, requestedAt + SIGNER_CHANGE_DELAY, encodedKey(spareKey.address));
      const change = await registry.signerChange(1);
      expect(change.kind).to.equal(SignerChangeKind.AddSigner);
      expect(change.departmentId).to.equal(INTERIOR);
      expect(change.requestedBy).to.equal(interior.address);
      expect(change.requestedAt).to.equal(requestedAt);
      expect(change.executableAt).to.equal(requestedAt + SIGNER_CHANGE_DELAY);
      expect(change.status).to.equal(SignerChangeStatus.Pending);
      expect(change.data).to.equal(encodedKey(spareKey.address));
      expect(await registry.signerChangeCount()).to.equal(1n);
      expect(await registry.nonces(spareKey.address)).to.equal(1n);
      expect(await registry.departmentOf(spareKey.address)).to.deep.equal([0n, false]);
    });

    it("applies only once the delay has passed: SignerChangeTooEarly before", async function () {
      const { registry, interior, spareKey, changeId, executableAt } = await loadFixture(deployWithPendingAddition);
      await time.setNextBlockTimestamp(executableAt - 1n);
      await expect(registry.connect(interior).applySignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerChangeTooEarly").withArgs(changeId, executableAt);
      await time.setNextBlockTimestamp(executableAt);
      await expect(registry.connect(interior).applySignerChange(changeId))
        .to.emit(registry, "SignerAdded").withArgs(INTERIOR, spareKey.address, 2n)
        .and.to.emit(registry, "SignerChangeApplied").withArgs(changeId, INTERIOR, interior.address);
      expect(await registry.keyOf(spareKey.address)).to.deep.equal([INTERIOR, 2n, true, 0n]);
      expect((await registry.signerChange(changeId)).status).to.equal(SignerChangeStatus.Applied);
      await expect(registry.connect(interior).applySignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(changeId);
    });

    it("is applied by any active signer of the department, not by another department", async function () {
      const { registry, interior, civilRegistry, outsider, spareKey, otherKey } = await loadFixture(deployRegistry);
      await addSigner(registry, interior, otherKey);
      await registry.connect(interior).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, INTERIOR)));
      const changeId = await lastChangeId(registry);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(civilRegistry).applySignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerNotInDepartment").withArgs(civilRegistry.address, INTERIOR);
      await expect(registry.connect(outsider).applySignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(outsider.address);
      await expect(registry.connect(otherKey).applySignerChange(changeId))
        .to.emit(registry, "SignerChangeApplied").withArgs(changeId, INTERIOR, otherKey.address);
    });

    it("rejects a consent signed by another key, for another department, replayed or expired", async function () {
      const { registry, interior, health, spareKey, otherKey } = await loadFixture(deployRegistry);
      const asInterior = registry.connect(interior);
      const [deadline, byOther] = await signerConsent(registry, otherKey, INTERIOR, { nonce: 0n });
      await expect(asInterior.requestAddSigner(spareKey.address, deadline, byOther))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(spareKey.address);
      const [, forHealth] = await signerConsent(registry, spareKey, HEALTH, { deadline });
      await expect(asInterior.requestAddSigner(spareKey.address, deadline, forHealth))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(spareKey.address);
      const forOtherChain = await signTyped(registry, spareKey, "SignerConsent", { departmentId: INTERIOR, deadline }, { chainId: 1n });
      await expect(asInterior.requestAddSigner(spareKey.address, deadline, forOtherChain))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(spareKey.address);

      const [, valid] = await signerConsent(registry, spareKey, INTERIOR, { deadline });
      await asInterior.requestAddSigner(spareKey.address, deadline, valid);
      await expect(asInterior.requestAddSigner(spareKey.address, deadline, valid))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(spareKey.address);

      const [late, lateSignature] = await signerConsent(registry, spareKey, INTERIOR, { deadline: (await now()) + 60n });
      await time.increaseTo(late + 1n);
      await expect(asInterior.requestAddSigner(spareKey.address, late, lateSignature))
        .to.be.revertedWithCustomError(registry, "ExpiredSignature").withArgs(late);
    });

    it("rejects a key already registered, the zero address and a compromised key", async function () {
      const { registry, interior, health, spareKey } = await loadFixture(deployRegistry);
      const asInterior = registry.connect(interior);
      await expect(asInterior.requestAddSigner(health.address, ...(await signerConsent(registry, health, INTERIOR))))
        .to.be.revertedWithCustomError(registry, "SignerAlreadyRegistered").withArgs(health.address);
      await expect(asInterior.requestAddSigner(ethers.ZeroAddress, (await now()) + DAY, "0x"))
        .to.be.revertedWithCustomError(registry, "InvalidDepartment");
      await addSigner(registry, interior, spareKey);
      await asInterior.reportCompromisedKey(spareKey.address, await now());
      await expect(registry.connect(health).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, HEALTH))))
        .to.be.revertedWithCustomError(registry, "CompromisedKey").withArgs(spareKey.address);
    });

    it("checks again at apply that the key is still unregistered", async function () {
      const { registry, interior, health, spareKey, changeId } = await loadFixture(deployWithPendingAddition);
      await registry.connect(health).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, HEALTH)));
      await time.increase(SIGNER_CHANGE_DELAY);
      await registry.connect(health).applySignerChange(2);
      await expect(registry.connect(interior).applySignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerAlreadyRegistered").withArgs(spareKey.address);
    });
  });

  describe("at most MAX_SIGNERS keys", function () {
    it("refuses a ninth key with TooManySigners, at request and at apply", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const keys = Array.from({ length: 8 }, () => ethers.Wallet.createRandom().connect(ethers.provider));
      for (const key of keys.slice(0, 6)) {
        await registry.connect(interior).requestAddSigner(key.address, ...(await signerConsent(registry, key, INTERIOR)));
      }
      await time.increase(SIGNER_CHANGE_DELAY);
      for (let id = 1n; id <= 6n; id++) await registry.connect(interior).applySignerChange(id);
      expect((await registry.department(INTERIOR)).signers.length).to.equal(7);

      await registry.connect(interior).requestAddSigner(keys[6].address, ...(await signerConsent(registry, keys[6], INTERIOR)));
      await registry.connect(interior).requestAddSigner(keys[7].address, ...(await signerConsent(registry, keys[7], INTERIOR)));
      await time.increase(SIGNER_CHANGE_DELAY);
      await registry.connect(interior).applySignerChange(7);
      await expect(registry.connect(interior).applySignerChange(8))
        .to.be.revertedWithCustomError(registry, "TooManySigners").withArgs(INTERIOR, 8n);
      const ninth = ethers.Wallet.createRandom();
      await expect(registry.connect(interior).requestAddSigner(ninth.address, ...(await signerConsent(registry, ninth, INTERIOR))))
        .to.be.revertedWithCustomError(registry, "TooManySigners").withArgs(INTERIOR, 8n);
    });
  });

  describe("removing a key", function () {
    it("removes a key of the department after the delay", async function () {
      const { registry, interior, spareKey } = await loadFixture(deployRegistry);
      await addSigner(registry, interior, spareKey);
      await expect(registry.connect(spareKey).requestRemoveSigner(interior.address))
        .to.emit(registry, "SignerChangeRequested");
      const changeId = await lastChangeId(registry);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(spareKey).applySignerChange(changeId))
        .to.emit(registry, "SignerRemoved").withArgs(INTERIOR, interior.address, 1n)
        .and.to.emit(registry, "SignerChangeApplied").withArgs(changeId, INTERIOR, spareKey.address);
      expect((await registry.department(INTERIOR)).signers).to.deep.equal([spareKey.address]);
      expect(await registry.keyOf(interior.address)).to.deep.equal([0n, 0n, false, 0n]);
      expect(await registry.key(INTERIOR, 1)).to.deep.equal([interior.address, 0n]);
    });

    it("never removes the last key (LastSigner), at request and at apply", async function () {
      const { registry, interior, spareKey } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).requestRemoveSigner(interior.address))
        .to.be.revertedWithCustomError(registry, "LastSigner").withArgs(INTERIOR);
      await addSigner(registry, interior, spareKey);
      await registry.connect(interior).requestRemoveSigner(interior.address);
      await registry.connect(interior).requestRemoveSigner(spareKey.address);
      await time.increase(SIGNER_CHANGE_DELAY);
      await registry.connect(spareKey).applySignerChange(2);
      await expect(registry.connect(spareKey).applySignerChange(3))
        .to.be.revertedWithCustomError(registry, "LastSigner").withArgs(INTERIOR);
    });

    it("refuses to remove another department's key with SignerNotInDepartment", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).requestRemoveSigner(health.address))
        .to.be.revertedWithCustomError(registry, "SignerNotInDepartment").withArgs(health.address, INTERIOR);
    });
  });

  describe("cancelling", function () {
    it("lets any active signer of the department cancel a pending change", async function () {
      const { registry, interior, civilRegistry, spareKey, changeId } = await loadFixture(deployWithPendingAddition);
      await expect(registry.connect(civilRegistry).cancelSignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerNotInDepartment").withArgs(civilRegistry.address, INTERIOR);
      await expect(registry.connect(interior).cancelSignerChange(changeId))
        .to.emit(registry, "SignerChangeCancelled").withArgs(changeId, INTERIOR, interior.address);
      expect((await registry.signerChange(changeId)).status).to.equal(SignerChangeStatus.Cancelled);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(interior).applySignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(changeId);
      await expect(registry.connect(interior).cancelSignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(changeId);
      expect(await registry.departmentOf(spareKey.address)).to.deep.equal([0n, false]);
    });

    it("reverts for an unknown change with SignerChangeNotFound", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).applySignerChange(5)).to.be.revertedWithCustomError(registry, "SignerChangeNotFound").withArgs(5n);
      await expect(registry.connect(interior).cancelSignerChange(5)).to.be.revertedWithCustomError(registry, "SignerChangeNotFound").withArgs(5n);
      await expect(registry.signerChange(5)).to.be.revertedWithCustomError(registry, "SignerChangeNotFound").withArgs(5n);
    });

    it("cancels every pending change of a department the quorum suspends, also after its restoration", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployRegistry);
      await registry.connect(health).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, HEALTH)));
      await registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY);
      await expect(registry.connect(civilRegistry).approve(1)).to.emit(registry, "PendingSignerChangesCancelled").withArgs(HEALTH);
      await decide(registry, registry.connect(interior).proposeRestoreDepartment(HEALTH, (await now()) + DAY), [civilRegistry]);
      await time.increase(SIGNER_CHANGE_DELAY);
      expect((await registry.signerChange(1)).status).to.equal(SignerChangeStatus.Cancelled);
      await expect(registry.connect(health).applySignerChange(1))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(1n);
    });
  });

  describe("a stolen key", function () {
    it("cannot add its own key and remove the honest one before the delay, and the honest key cancels both", async function () {
      const { registry, interior, thief, spareKey } = await loadFixture(deployWithStolenKey);
      const accomplice = spareKey;
      await registry.connect(thief).requestAddSigner(accomplice.address, ...(await signerConsent(registry, accomplice, INTERIOR)));
      const addition = await lastChangeId(registry);
      await registry.connect(thief).requestRemoveSigner(interior.address);
      const removal = await lastChangeId(registry);
      const { executableAt } = await registry.signerChange(removal);
      await expect(registry.connect(thief).applySignerChange(addition))
        .to.be.revertedWithCustomError(registry, "SignerChangeTooEarly");
      await expect(registry.connect(thief).applySignerChange(removal))
        .to.be.revertedWithCustomError(registry, "SignerChangeTooEarly").withArgs(removal, executableAt);

      await registry.connect(interior).cancelSignerChange(addition);
      await registry.connect(interior).cancelSignerChange(removal);
      await time.increaseTo(executableAt + DAY);
      await expect(registry.connect(thief).applySignerChange(removal))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(removal);
      expect((await registry.department(INTERIOR)).signers).to.deep.equal([interior.address, thief.address]);
    });

    it("cannot even request changes once another signer reported it compromised", async function () {
      const { registry, interior, thief, spareKey } = await loadFixture(deployWithStolenKey);
      await registry.connect(thief).requestRemoveSigner(interior.address);
      await expect(registry.connect(interior).reportCompromisedKey(thief.address, await now()))
        .to.emit(registry, "PendingSignerChangesCancelled").withArgs(INTERIOR);
      expect((await registry.signerChange(2)).status).to.equal(SignerChangeStatus.Cancelled);
      await expect(registry.connect(thief).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, INTERIOR))))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(thief.address);
    });
  });

  describe("a suspended department", function () {
    it("cannot request changes", async function () {
      const { registry, health, spareKey } = await loadFixture(deployWithSuspendedHealth);
      await expect(registry.connect(health).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, HEALTH))))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
      await expect(registry.connect(health).requestRemoveSigner(health.address))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
    });
  });

  describe("the department's node entry (SetNode)", function () {
    const moved = nodeEntry("https://node2.interior.example");

    it("records the request with its payload and emits SignerChangeRequested; the entry stays until applied", async function () {
      const { registry, interior } = await loadFixture(deployWithInteriorNode);
      const tx = registry.connect(interior).requestSetNode(...moved);
      const requestedAt = BigInt((await ethers.provider.getBlock((await (await tx).wait()).blockNumber)).timestamp);
      await expect(tx).to.emit(registry, "SignerChangeRequested")
        .withArgs(1n, INTERIOR, SignerChangeKind.SetNode, interior.address, requestedAt + SIGNER_CHANGE_DELAY, encodedNode(moved));
      await expect(tx).not.to.emit(registry, "DepartmentNodeChanged");
      const change = await registry.signerChange(1);
      expect(change.kind).to.equal(SignerChangeKind.SetNode);
      expect(change.status).to.equal(SignerChangeStatus.Pending);
      expect(change.data).to.equal(encodedNode(moved));
      expect(await nodeOf(registry, INTERIOR)).to.deep.equal(INTERIOR_NODE);
    });

    it("applies only once the delay has passed, then emits DepartmentNodeChanged and the view answers the new entry", async function () {
      const { registry, interior } = await loadFixture(deployWithInteriorNode);
      await registry.connect(interior).requestSetNode(...moved);
      const { executableAt } = await registry.signerChange(1);
      await time.setNextBlockTimestamp(executableAt - 1n);
      await expect(registry.connect(interior).applySignerChange(1))
        .to.be.revertedWithCustomError(registry, "SignerChangeTooEarly").withArgs(1n, executableAt);
      await time.setNextBlockTimestamp(executableAt);
      await expect(registry.connect(interior).applySignerChange(1))
        .to.emit(registry, "DepartmentNodeChanged").withArgs(INTERIOR, ...moved)
        .and.to.emit(registry, "SignerChangeApplied").withArgs(1n, INTERIOR, interior.address);
      expect(await registry.departmentNode(INTERIOR)).to.deep.equal([...moved, executableAt]);
      expect((await registry.department(INTERIOR)).signers).to.deep.equal([interior.address]);
    });

    it("publishes a first entry for a department that had none", async function () {
      const { registry, health } = await loadFixture(deployWithInteriorNode);
      const healthNode = nodeEntry("http://127.0.0.1:5082");
      await registry.connect(health).requestSetNode(...healthNode);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(health).applySignerChange(1)).to.emit(registry, "DepartmentNodeChanged").withArgs(HEALTH, ...healthNode);
      expect(await nodeOf(registry, HEALTH)).to.deep.equal(healthNode);
      expect(await nodeOf(registry, CIVIL_REGISTRY)).to.deep.equal(NO_NODE);
    });

    it("is cancelled by another key of the department, and the entry stays", async function () {
      const { registry, interior, thief } = await loadFixture(deployWithNodeAndStolenKey);
      await registry.connect(interior).requestSetNode(...moved);
      const changeId = await lastChangeId(registry);
      await expect(registry.connect(thief).cancelSignerChange(changeId))
        .to.emit(registry, "SignerChangeCancelled").withArgs(changeId, INTERIOR, thief.address);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(interior).applySignerChange(changeId))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(changeId);
      expect(await nodeOf(registry, INTERIOR)).to.deep.equal(INTERIOR_NODE);
    });

    it("cannot be completed by a stolen key alone before the delay, and the honest key cancels it", async function () {
      const { registry, interior, thief } = await loadFixture(deployWithNodeAndStolenKey);
      const attacker = nodeEntry("https://attacker.example");
      await registry.connect(thief).requestSetNode(...attacker);
      const redirect = await lastChangeId(registry);
      const { executableAt } = await registry.signerChange(redirect);
      await expect(registry.connect(thief).applySignerChange(redirect))
        .to.be.revertedWithCustomError(registry, "SignerChangeTooEarly").withArgs(redirect, executableAt);
      await registry.connect(interior).cancelSignerChange(redirect);
      await time.increaseTo(executableAt + DAY);
      await expect(registry.connect(thief).applySignerChange(redirect))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(redirect);
      expect(await nodeOf(registry, INTERIOR)).to.deep.equal(INTERIOR_NODE);
    });

    it("is cancelled when the honest key reports the requesting key compromised", async function () {
      const { registry, interior, thief } = await loadFixture(deployWithNodeAndStolenKey);
      await registry.connect(thief).requestSetNode(...nodeEntry("https://attacker.example"));
      const redirect = await lastChangeId(registry);
      await expect(registry.connect(interior).reportCompromisedKey(thief.address, await now()))
        .to.emit(registry, "PendingSignerChangesCancelled").withArgs(INTERIOR);
      await time.increase(SIGNER_CHANGE_DELAY);
      expect((await registry.signerChange(redirect)).status).to.equal(SignerChangeStatus.Cancelled);
      await expect(registry.connect(interior).applySignerChange(redirect))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(redirect);
      expect(await nodeOf(registry, INTERIOR)).to.deep.equal(INTERIOR_NODE);
    });

    it("is cancelled by the department's suspension, also after its restoration", async function () {
      const { registry, interior, civilRegistry, health } = await loadFixture(deployWithInteriorNode);
      await registry.connect(health).requestSetNode(...nodeEntry("https://node.health.example"));
      await decide(registry, registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY), [civilRegistry]);
      expect((await registry.signerChange(1)).status).to.equal(SignerChangeStatus.Cancelled);
      await decide(registry, registry.connect(interior).proposeRestoreDepartment(HEALTH, (await now()) + DAY), [civilRegistry]);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(health).applySignerChange(1))
        .to.be.revertedWithCustomError(registry, "SignerChangeNotPending").withArgs(1n);
      expect(await nodeOf(registry, HEALTH)).to.deep.equal(NO_NODE);
    });

    it("cannot be applied by another department's key", async function () {
      const { registry, interior, civilRegistry } = await loadFixture(deployWithInteriorNode);
      await registry.connect(interior).requestSetNode(...moved);
      await time.increase(SIGNER_CHANGE_DELAY);
      await expect(registry.connect(civilRegistry).applySignerChange(1))
        .to.be.revertedWithCustomError(registry, "SignerNotInDepartment").withArgs(civilRegistry.address, INTERIOR);
    });

    it("refuses a URL without http:// or https://, with nothing after it, or longer than 200 bytes with InvalidNodeUrl", async function () {
      const { registry, interior } = await loadFixture(deployWithInteriorNode);
      const [, signingKey, encryptionKey] = moved;
      const tooLong = `https://${"a".repeat(193)}`;
      for (const url of ["", "ftp://node.example", "HTTPS://node.example", "https:/node.example", "http://", "https://", "node.example", tooLong]) {
        await expect(registry.connect(interior).requestSetNode(url, signingKey, encryptionKey))
          .to.be.revertedWithCustomError(registry, "InvalidNodeUrl").withArgs(url);
      }
      for (const url of ["http://a", "https://a", tooLong.slice(0, 200)]) {
        await expect(registry.connect(interior).requestSetNode(url, signingKey, encryptionKey)).to.emit(registry, "SignerChangeRequested");
      }
    });

    it("refuses a key that is not 64 bytes (x || y) with InvalidNodeKey and its length", async function () {
      const { registry, interior } = await loadFixture(deployWithInteriorNode);
      const [url, signingKey, encryptionKey] = moved;
      const asInterior = registry.connect(interior);
      await expect(asInterior.requestSetNode(url, ethers.concat(["0x04", signingKey]), encryptionKey))
        .to.be.revertedWithCustomError(registry, "InvalidNodeKey").withArgs(65n);
      await expect(asInterior.requestSetNode(url, ethers.dataSlice(signingKey, 1), encryptionKey))
        .to.be.revertedWithCustomError(registry, "InvalidNodeKey").withArgs(63n);
      await expect(asInterior.requestSetNode(url, signingKey, "0x"))
        .to.be.revertedWithCustomError(registry, "InvalidNodeKey").withArgs(0n);
    });
  });

  describe("deployment with no delay", function () {
    it("applies a change in the next transaction when the delay is zero", async function () {
      const { registry, interior, spareKey } = await deployRegistryWith({ delay: 0n });
      await registry.connect(interior).requestAddSigner(spareKey.address, ...(await signerConsent(registry, spareKey, INTERIOR)));
      await expect(registry.connect(interior).applySignerChange(1)).to.emit(registry, "SignerAdded").withArgs(INTERIOR, spareKey.address, 2n);
      expect(await registry.departmentOf(spareKey.address)).to.deep.equal([INTERIOR, true]);
    });
  });
});
