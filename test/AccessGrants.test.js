import { expect } from "chai";
import {
  ethers, loadFixture, time, now, DAY, deployRegistry, deployWithSuspendedHealth, digestOf, signTyped,
  GrantBasis, INTERIOR, CIVIL_REGISTRY, HEALTH,
} from "./fixtures.js";

const PURPOSE_BENEFITS = 7;
const statute = digestOf("Social Code, section 12(3)");

/** A legal-basis grant from Interior to the Civil Registry, valid for 30 days. */
async function deployWithGrant() {
  const fixture = await deployRegistry();
  const recordId = digestOf("record: birth certificate 42");
  const expiresAt = (await now()) + 30n * DAY;
  await fixture.registry.connect(fixture.interior).grantAccess(recordId, CIVIL_REGISTRY, PURPOSE_BENEFITS, expiresAt, statute);
  return { ...fixture, grantId: 1n, recordId, expiresAt };
}

/** A citizen's consent grant to Health, relayed by someone else. */
async function deployWithConsent() {
  const fixture = await deployRegistry();
  const { registry, citizen, relayer } = fixture;
  const recordId = digestOf("record: vaccination card");
  const expiresAt = (await now()) + 30n * DAY;
  const deadline = (await now()) + DAY;
  const signature = await signTyped(registry, citizen, "Consent",
    { recordId, granteeDepartment: HEALTH, purpose: 2n, expiresAt, deadline });
  await registry.connect(relayer).grantAccessBySig(recordId, HEALTH, 2, expiresAt, citizen.address, deadline, signature);
  return { ...fixture, grantId: 1n, recordId, expiresAt };
}

describe("Access grants", function () {
  describe("legal-basis grants", function () {
    it("records the grant and emits AccessGranted with the legal basis", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const recordId = digestOf("record: tax file");
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(interior).grantAccess(recordId, CIVIL_REGISTRY, PURPOSE_BENEFITS, expiresAt, statute))
        .to.emit(registry, "AccessGranted")
        .withArgs(1n, recordId, CIVIL_REGISTRY, INTERIOR, ethers.ZeroAddress, PURPOSE_BENEFITS, expiresAt, GrantBasis.LegalBasis, statute);
      const grant = await registry.grant(1);
      expect(grant.recordId).to.equal(recordId);
      expect(grant.grantorDepartment).to.equal(INTERIOR);
      expect(grant.subject).to.equal(ethers.ZeroAddress);
      expect(grant.granteeDepartment).to.equal(CIVIL_REGISTRY);
      expect(grant.purpose).to.equal(BigInt(PURPOSE_BENEFITS));
      expect(grant.expiresAt).to.equal(expiresAt);
      expect(grant.basis).to.equal(GrantBasis.LegalBasis);
      expect(grant.revoked).to.equal(false);
      expect(await registry.grantCount()).to.equal(1n);
      expect(await registry.isGrantValid(1)).to.equal(true);
    });

    it("rejects a zero record id with ZeroRecordId and a past expiry with InvalidExpiry", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const current = await now();
      await expect(registry.connect(interior).grantAccess(ethers.ZeroHash, CIVIL_REGISTRY, 1, current + DAY, statute))
        .to.be.revertedWithCustomError(registry, "ZeroRecordId");
      await expect(registry.connect(interior).grantAccess(digestOf("r"), CIVIL_REGISTRY, 1, current, statute))
        .to.be.revertedWithCustomError(registry, "InvalidExpiry").withArgs(current);
    });

    it("rejects an unknown grantee with UnknownDepartment and a suspended one with DepartmentNotActive", async function () {
      const { registry, interior } = await loadFixture(deployWithSuspendedHealth);
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(interior).grantAccess(digestOf("r"), 9, 1, expiresAt, statute))
        .to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(9n);
      await expect(registry.connect(interior).grantAccess(digestOf("r"), HEALTH, 1, expiresAt, statute))
        .to.be.revertedWithCustomError(registry, "DepartmentNotActive").withArgs(HEALTH);
    });

    it("reverts grant() for an unknown id with GrantNotFound and calls it invalid", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await expect(registry.grant(1)).to.be.revertedWithCustomError(registry, "GrantNotFound").withArgs(1n);
      expect(await registry.isGrantValid(1)).to.equal(false);
    });
  });

  describe("access log", function () {
    it("logs each access by the grantee department while the grant is valid", async function () {
      const { registry, civilRegistry, grantId, recordId } = await loadFixture(deployWithGrant);
      await expect(registry.connect(civilRegistry).logAccess(grantId))
        .to.emit(registry, "AccessLogged").withArgs(grantId, recordId, CIVIL_REGISTRY);
      await expect(registry.connect(civilRegistry).logAccess(grantId)).to.emit(registry, "AccessLogged");
    });

    it("rejects logging after expiry with GrantNotActive", async function () {
      const { registry, civilRegistry, grantId, expiresAt } = await loadFixture(deployWithGrant);
      await time.setNextBlockTimestamp(expiresAt);
      await expect(registry.connect(civilRegistry).logAccess(grantId)).to.emit(registry, "AccessLogged");
      await time.increase(1);
      expect(await registry.isGrantValid(grantId)).to.equal(false);
      await expect(registry.connect(civilRegistry).logAccess(grantId))
        .to.be.revertedWithCustomError(registry, "GrantNotActive").withArgs(grantId);
    });

    it("rejects logging under a revoked grant with GrantNotActive", async function () {
      const { registry, interior, civilRegistry, grantId } = await loadFixture(deployWithGrant);
      await registry.connect(interior).revokeGrant(grantId);
      await expect(registry.connect(civilRegistry).logAccess(grantId))
        .to.be.revertedWithCustomError(registry, "GrantNotActive").withArgs(grantId);
    });

    it("rejects logging by another department with NotGrantee and an unknown grant with GrantNotFound", async function () {
      const { registry, civilRegistry, health, grantId } = await loadFixture(deployWithGrant);
      await expect(registry.connect(health).logAccess(grantId))
        .to.be.revertedWithCustomError(registry, "NotGrantee").withArgs(grantId, health.address);
      await expect(registry.connect(civilRegistry).logAccess(99))
        .to.be.revertedWithCustomError(registry, "GrantNotFound").withArgs(99n);
    });
  });

  describe("revocation", function () {
    it("lets a signer of the grantor department revoke", async function () {
      const { registry, interior, grantId, recordId } = await loadFixture(deployWithGrant);
      await expect(registry.connect(interior).revokeGrant(grantId))
        .to.emit(registry, "GrantRevoked").withArgs(grantId, recordId, interior.address);
      expect((await registry.grant(grantId)).revoked).to.equal(true);
      expect(await registry.isGrantValid(grantId)).to.equal(false);
    });

    it("rejects revoking twice or after expiry with GrantNotActive", async function () {
      const { registry, interior, grantId, expiresAt } = await loadFixture(deployWithGrant);
      await registry.connect(interior).revokeGrant(grantId);
      await expect(registry.connect(interior).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "GrantNotActive").withArgs(grantId);
      const other = await loadFixture(deployWithGrant);
      await time.increaseTo(expiresAt + 1n);
      await expect(other.registry.connect(other.interior).revokeGrant(other.grantId))
        .to.be.revertedWithCustomError(other.registry, "GrantNotActive").withArgs(other.grantId);
    });

    it("rejects revocation by the grantee department with NotGrantorOrSubject", async function () {
      const { registry, civilRegistry, grantId } = await loadFixture(deployWithGrant);
      await expect(registry.connect(civilRegistry).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotGrantorOrSubject").withArgs(grantId, civilRegistry.address);
    });

    it("rejects revoking an unknown grant with GrantNotFound", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).revokeGrant(3)).to.be.revertedWithCustomError(registry, "GrantNotFound").withArgs(3n);
    });
  });

  describe("subject consent (EIP-712)", function () {
    it("records a citizen's consent submitted by a relayer", async function () {
      const { registry, citizen, relayer } = await loadFixture(deployRegistry);
      const recordId = digestOf("record: school report");
      const expiresAt = (await now()) + DAY;
      const deadline = (await now()) + DAY;
      const signature = await signTyped(registry, citizen, "Consent", { recordId, granteeDepartment: HEALTH, purpose: 3n, expiresAt, deadline });
      await expect(registry.connect(relayer).grantAccessBySig(recordId, HEALTH, 3, expiresAt, citizen.address, deadline, signature))
        .to.emit(registry, "AccessGranted")
        .withArgs(1n, recordId, HEALTH, 0n, citizen.address, 3n, expiresAt, GrantBasis.SubjectConsent, ethers.ZeroHash);
      const grant = await registry.grant(1);
      expect(grant.subject).to.equal(citizen.address);
      expect(grant.grantorDepartment).to.equal(0n);
      expect(await registry.nonces(citizen.address)).to.equal(1n);
    });

    it("rejects a replayed consent with InvalidSignature", async function () {
      const { registry, citizen, relayer, recordId, expiresAt } = await loadFixture(deployWithConsent);
      const deadline = (await now()) + DAY;
      const signature = await signTyped(registry, citizen, "Consent",
        { recordId, granteeDepartment: HEALTH, purpose: 2n, expiresAt, deadline, nonce: 0n });
      await expect(registry.connect(relayer).grantAccessBySig(recordId, HEALTH, 2, expiresAt, citizen.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(citizen.address);
    });

    it("rejects a consent whose deadline passed with ExpiredSignature", async function () {
      const { registry, citizen, relayer } = await loadFixture(deployRegistry);
      const recordId = digestOf("record: late");
      const deadline = (await now()) + 10n;
      const expiresAt = (await now()) + DAY;
      const signature = await signTyped(registry, citizen, "Consent", { recordId, granteeDepartment: HEALTH, purpose: 1n, expiresAt, deadline });
      await time.increaseTo(deadline + 1n);
      await expect(registry.connect(relayer).grantAccessBySig(recordId, HEALTH, 1, expiresAt, citizen.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "ExpiredSignature").withArgs(deadline);
    });

    it("lets the subject revoke the consent directly", async function () {
      const { registry, citizen, grantId, recordId } = await loadFixture(deployWithConsent);
      await expect(registry.connect(citizen).revokeGrant(grantId))
        .to.emit(registry, "GrantRevoked").withArgs(grantId, recordId, citizen.address);
    });

    it("lets the subject revoke the consent by signature through a relayer", async function () {
      const { registry, citizen, relayer, grantId, recordId } = await loadFixture(deployWithConsent);
      const deadline = (await now()) + DAY;
      const signature = await signTyped(registry, citizen, "RevokeConsent", { grantId, deadline });
      await expect(registry.connect(relayer).revokeGrantBySig(grantId, citizen.address, deadline, signature))
        .to.emit(registry, "GrantRevoked").withArgs(grantId, recordId, citizen.address);
      await expect(registry.connect(relayer).revokeGrantBySig(grantId, citizen.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(citizen.address);
    });

    it("rejects revocation by signature of someone who is not the subject", async function () {
      const { registry, outsider, relayer, grantId } = await loadFixture(deployWithConsent);
      const deadline = (await now()) + DAY;
      const signature = await signTyped(registry, outsider, "RevokeConsent", { grantId, deadline });
      await expect(registry.connect(relayer).revokeGrantBySig(grantId, outsider.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "NotGrantorOrSubject").withArgs(grantId, outsider.address);
    });

    it("lets no department revoke a citizen's consent", async function () {
      const { registry, interior, health, grantId } = await loadFixture(deployWithConsent);
      await expect(registry.connect(interior).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotGrantorOrSubject").withArgs(grantId, interior.address);
      await expect(registry.connect(health).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotGrantorOrSubject").withArgs(grantId, health.address);
    });
  });
});
