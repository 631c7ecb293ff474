import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ethers, loadFixture, time, now, DAY, deployRegistry, deployWithSuspendedHealth, decide, digestOf,
  GrantBasis, GrantUse, Revokers, TERMS, TERMS_ARGS, kindId, INTERIOR, CIVIL_REGISTRY, HEALTH,
} from "./fixtures.js";
import { Passkey } from "./passkey.js";
import { passkeyConsent, submitPasskeyConsent } from "./passkeyConsents.js";

const PURPOSE_BENEFITS = 7;
const statute = digestOf("Social Code, section 12(3)");
const MAX_GRANT_LIFETIME = 366n * DAY;
const SINGLE = [ethers.ZeroHash, []];

/** Anchors `label`'s digest for `department` (a signer) and returns it as a record id. */
async function issued(registry, department, label) {
  const recordId = digestOf(label);
  await registry.connect(department).anchor(recordId, 0);
  return recordId;
}

/** A legal-basis grant from Interior to the Civil Registry for a record Interior issued, valid for 30 days. */
async function deployWithGrant() {
  const fixture = await deployRegistry();
  const recordId = await issued(fixture.registry, fixture.interior, "record: birth certificate 42");
  const expiresAt = (await now()) + 30n * DAY;
  await fixture.registry.connect(fixture.interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, PURPOSE_BENEFITS, expiresAt, statute, TERMS);
  return { ...fixture, grantId: 1n, recordId, expiresAt };
}

/** A citizen's passkey consent grant to Health, relayed by someone else. */
async function deployWithConsent() {
  const fixture = await deployRegistry();
  const { registry, relayer } = fixture;
  const passkey = new Passkey("access grants: citizen passkey");
  const recordId = digestOf("record: vaccination card");
  const c = await passkeyConsent(registry, passkey, { recordId, granteeDepartment: HEALTH, purpose: 2n });
  await submitPasskeyConsent(registry, relayer, c);
  return { ...fixture, passkey, grantId: 1n, recordId, expiresAt: c.expiresAt };
}

/** The calldata of registry 2.4.0's EIP-712 consent functions, which 2.5.0 no longer has. */
async function walletConsentCalls(recordId, subject) {
  const artifact = JSON.parse(await readFile(new URL("./fixtures/EthGovRegistry-2.4.0.json", import.meta.url), "utf8"));
  const v24 = new ethers.Interface(artifact.abi);
  const deadline = (await now()) + DAY;
  const signature = ethers.hexlify(new Uint8Array(65).fill(7));
  return {
    grantAccessBySig: v24.encodeFunctionData("grantAccessBySig",
      [recordId, HEALTH, 1, (await now()) + DAY, TERMS, subject, deadline, signature]),
    revokeGrantBySig: v24.encodeFunctionData("revokeGrantBySig", [1n, subject, deadline, signature]),
  };
}

describe("Access grants", function () {
  describe("legal-basis grants", function () {
    it("records the grant and emits AccessGranted with the legal basis", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const recordId = await issued(registry, interior, "record: tax file");
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, PURPOSE_BENEFITS, expiresAt, statute, TERMS))
        .to.emit(registry, "AccessGranted")
        .withArgs(1n, recordId, CIVIL_REGISTRY, INTERIOR, ethers.ZeroHash, PURPOSE_BENEFITS, expiresAt, GrantBasis.LegalBasis, statute, TERMS_ARGS);
      const grant = await registry.grant(1);
      expect(grant.recordId).to.equal(recordId);
      expect(grant.grantorDepartment).to.equal(INTERIOR);
      expect(grant.subject).to.equal(ethers.ZeroHash);
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
      const recordId = await issued(registry, interior, "r");
      const current = await now();
      await expect(registry.connect(interior).grantAccess(ethers.ZeroHash, ...SINGLE, CIVIL_REGISTRY, 1, current + DAY, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "ZeroRecordId");
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, 1, current, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "InvalidExpiry").withArgs(current);
    });

    it("rejects an expiry more than MAX_GRANT_LIFETIME (366 days) ahead with InvalidExpiry", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      expect(await registry.MAX_GRANT_LIFETIME()).to.equal(MAX_GRANT_LIFETIME);
      const recordId = await issued(registry, interior, "record: long grant");
      const at = (await now()) + 10n;
      await time.setNextBlockTimestamp(at);
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, 1, at + MAX_GRANT_LIFETIME + 1n, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "InvalidExpiry").withArgs(at + MAX_GRANT_LIFETIME + 1n);
      await time.setNextBlockTimestamp(at + 1n);
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, 1, at + 1n + MAX_GRANT_LIFETIME, statute, TERMS))
        .to.emit(registry, "AccessGranted");
    });

    it("rejects a grant by a department to itself with SelfGrant", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const recordId = await issued(registry, interior, "record: own file");
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, INTERIOR, 1, (await now()) + DAY, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "SelfGrant").withArgs(INTERIOR);
    });

    it("rejects a legal-basis grant for a record the grantor did not issue with NotIssuingDepartment", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      const expiresAt = (await now()) + DAY;
      const healthRecord = await issued(registry, health, "record: health file");
      await expect(registry.connect(interior).grantAccess(healthRecord, ...SINGLE, CIVIL_REGISTRY, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "NotIssuingDepartment").withArgs(healthRecord, INTERIOR);
      const never = digestOf("record: never anchored");
      await expect(registry.connect(interior).grantAccess(never, ...SINGLE, CIVIL_REGISTRY, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "NotIssuingDepartment").withArgs(never, INTERIOR);

      const tree = StandardMerkleTree.of([[digestOf("health batch 0")], [digestOf("health batch 1")]], ["bytes32"]);
      await registry.connect(health).anchorBatch(tree.root, 2, 0);
      const member = digestOf("health batch 1");
      await expect(registry.connect(interior).grantAccess(member, tree.root, tree.getProof(1), CIVIL_REGISTRY, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "NotIssuingDepartment").withArgs(member, INTERIOR);
    });

    it("grants a record of one of the grantor's batches, proven by its Merkle proof", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const leaves = [0, 1, 2, 3].map((i) => [digestOf(`interior batch record ${i}`)]);
      const tree = StandardMerkleTree.of(leaves, ["bytes32"]);
      await registry.connect(interior).anchorBatch(tree.root, 4, 0);
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(interior).grantAccess(leaves[2][0], tree.root, tree.getProof(1), CIVIL_REGISTRY, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "NotIssuingDepartment").withArgs(leaves[2][0], INTERIOR);
      await expect(registry.connect(interior).grantAccess(leaves[2][0], tree.root, tree.getProof(2), CIVIL_REGISTRY, 1, expiresAt, statute, TERMS))
        .to.emit(registry, "AccessGranted").withArgs(1n, leaves[2][0], CIVIL_REGISTRY, INTERIOR, ethers.ZeroHash, 1n, expiresAt, GrantBasis.LegalBasis, statute, TERMS_ARGS);
    });

    it("rejects an unknown grantee with UnknownDepartment and a suspended one with DepartmentNotActive", async function () {
      const { registry, interior } = await loadFixture(deployWithSuspendedHealth);
      const recordId = await issued(registry, interior, "r");
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, 9, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(9n);
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, HEALTH, 1, expiresAt, statute, TERMS))
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
        .to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, civilRegistry.address);
    });

    it("rejects revoking an unknown grant with GrantNotFound", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).revokeGrant(3)).to.be.revertedWithCustomError(registry, "GrantNotFound").withArgs(3n);
    });
  });

  describe("no consent by an Ethereum key (retired in 2.5.0)", function () {
    it("has no grantAccessBySig or revokeGrantBySig in its ABI", async function () {
      const { registry } = await loadFixture(deployRegistry);
      expect(registry.interface.getFunction("grantAccessBySig")).to.equal(null);
      expect(registry.interface.getFunction("revokeGrantBySig")).to.equal(null);
    });

    for (const name of ["grantAccessBySig", "revokeGrantBySig"]) {
      it(`refuses 2.4.0's ${name} calldata without data, as any unknown function, and records nothing`, async function () {
        const { registry, relayer, citizen, grantId, recordId } = await loadFixture(deployWithConsent);
        const data = (await walletConsentCalls(recordId, citizen.address))[name];
        await expect(relayer.sendTransaction({ to: await registry.getAddress(), data })).to.be.revertedWithoutReason(ethers);
        expect(await registry.grantCount()).to.equal(1n);
        expect(await registry.isGrantValid(grantId)).to.equal(true);
        expect(await registry.nonces(citizen.address)).to.equal(0n);
      });
    }

    it("refuses revocation of a citizen's consent by any key, with NotRevoker", async function () {
      const { registry, citizen, outsider, relayer, grantId } = await loadFixture(deployWithConsent);
      for (const key of [citizen, outsider, relayer]) {
        await expect(registry.connect(key).revokeGrant(grantId))
          .to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, key.address);
      }
      expect(await registry.isGrantValid(grantId)).to.equal(true);
    });

    it("lets no department revoke a citizen's consent it did not take renounceable", async function () {
      const { registry, interior, health, grantId } = await loadFixture(deployWithConsent);
      await expect(registry.connect(interior).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, interior.address);
      await expect(registry.connect(health).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, health.address);
    });
  });

  describe("grant terms", function () {
    const VIEW_ONCE_BOTH = { use: GrantUse.ViewOnce, retentionDays: 0n, maxFetches: 1n, revocableBy: Revokers.Grantor | Revokers.Grantee };

    it("stores the terms in the grant, returns them from grant() and emits them in AccessGranted", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const recordId = await issued(registry, interior, "record: terms");
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, PURPOSE_BENEFITS, expiresAt, statute, VIEW_ONCE_BOTH))
        .to.emit(registry, "AccessGranted")
        .withArgs(1n, recordId, CIVIL_REGISTRY, INTERIOR, ethers.ZeroHash, PURPOSE_BENEFITS, expiresAt, GrantBasis.LegalBasis, statute,
          [GrantUse.ViewOnce, 0n, 1n, 3n]);
      const { terms } = await registry.grant(1);
      expect([terms.use, terms.retentionDays, terms.maxFetches, terms.revocableBy]).to.deep.equal([GrantUse.ViewOnce, 0n, 1n, 3n]);
    });

    it("packs the largest terms beside the expiry, grantor, purpose and basis without disturbing them", async function () {
      const { registry, interior, civilRegistry } = await loadFixture(deployRegistry);
      const recordId = await issued(registry, interior, "record: largest terms");
      const expiresAt = (await now()) + MAX_GRANT_LIFETIME - 10n;
      const largest = { use: GrantUse.Store, retentionDays: 65535n, maxFetches: 65535n, revocableBy: 3n };
      await registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, 65535, expiresAt, statute, largest);
      const grant = await registry.grant(1);
      expect([grant.recordId, grant.grantorDepartment, grant.granteeDepartment, grant.purpose, grant.expiresAt, grant.basis, grant.revoked])
        .to.deep.equal([recordId, INTERIOR, CIVIL_REGISTRY, 65535n, expiresAt, GrantBasis.LegalBasis, false]);
      expect([...grant.terms]).to.deep.equal([GrantUse.Store, 65535n, 65535n, 3n]);
      await registry.connect(civilRegistry).revokeGrant(1);
      expect([...(await registry.grant(1)).terms]).to.deep.equal([GrantUse.Store, 65535n, 65535n, 3n]);
      expect((await registry.grant(1)).revoked).to.equal(true);
    });

    for (const [label, terms] of [
      ["no fetch allowed (maxFetches 0)", { ...TERMS, maxFetches: 0n }],
      ["a view-once grant that keeps the record (retentionDays 5)", { ...TERMS, use: GrantUse.ViewOnce, retentionDays: 5n }],
      ["a store grant that keeps it no day (retentionDays 0)", { ...TERMS, use: GrantUse.Store, retentionDays: 0n }],
      ["an unknown revoker flag (revocableBy 4)", { ...TERMS, revocableBy: 4n }],
      ["unknown revoker flags beside known ones (revocableBy 7)", { ...TERMS, revocableBy: 7n }],
    ]) {
      it(`rejects ${label} with InvalidTerms, in every way of granting`, async function () {
        const { registry, interior, relayer } = await loadFixture(deployRegistry);
        const recordId = await issued(registry, interior, `record: invalid terms ${label}`);
        const expiresAt = (await now()) + DAY;
        const args = [terms.use, terms.retentionDays, terms.maxFetches, terms.revocableBy];
        await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, 1, expiresAt, statute, terms))
          .to.be.revertedWithCustomError(registry, "InvalidTerms").withArgs(...args);
        await expect(registry.connect(interior).grantKindAccess(kindId("birth-certificate"), CIVIL_REGISTRY, 1, expiresAt, statute, terms))
          .to.be.revertedWithCustomError(registry, "InvalidTerms").withArgs(...args);
        const c = await passkeyConsent(registry, new Passkey("invalid terms"), { recordId, granteeDepartment: HEALTH, purpose: 1n, expiresAt, terms });
        await expect(submitPasskeyConsent(registry, relayer, c)).to.be.revertedWithCustomError(registry, "InvalidTerms").withArgs(...args);
      });
    }

    it("rejects a use that is neither view-once nor store while decoding the call", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const recordId = await issued(registry, interior, "record: unknown use");
      const data = registry.interface.encodeFunctionData("grantAccess",
        [recordId, ...SINGLE, CIVIL_REGISTRY, 1, (await now()) + DAY, statute, TERMS]);
      // The terms' `use` is the 7th head word of grantAccess's arguments (after the selector).
      const useWord = 4 + 7 * 32;
      const tampered = data.slice(0, 2 + 2 * useWord) + ethers.zeroPadValue("0x02", 32).slice(2) + data.slice(2 + 2 * (useWord + 32));
      await expect(interior.sendTransaction({ to: await registry.getAddress(), data: tampered })).to.be.revertedWithoutReason(ethers);
      await expect(interior.sendTransaction({ to: await registry.getAddress(), data })).to.emit(registry, "AccessGranted");
    });

    it("rejects a consent its subject could not revoke with ConsentIrrevocable, and allows it to a department", async function () {
      const { registry, interior, relayer } = await loadFixture(deployRegistry);
      const recordId = await issued(registry, interior, "record: irrevocable");
      const expiresAt = (await now()) + DAY;
      for (const revocableBy of [0n, Revokers.Grantee]) {
        const terms = { ...TERMS, revocableBy };
        const c = await passkeyConsent(registry, new Passkey("irrevocable"), { recordId, granteeDepartment: HEALTH, purpose: 1n, expiresAt, terms });
        await expect(submitPasskeyConsent(registry, relayer, c)).to.be.revertedWithCustomError(registry, "ConsentIrrevocable").withArgs(revocableBy);
      }
      await expect(registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, 1, expiresAt, statute, { ...TERMS, revocableBy: 0n }))
        .to.emit(registry, "AccessGranted");
    });
  });

  describe("kind grants (KindLegalBasis)", function () {
    const BIRTH = kindId("birth-certificate");

    it("grants every record of a kind under a legal basis: recordId is the kind id, grantor the caller's department", async function () {
      const { registry, interior, civilRegistry } = await loadFixture(deployRegistry);
      const expiresAt = (await now()) + DAY;
      // The kind id is SHA-256("ethgov:record-kind:birth-certificate"), as RecordKind.Id computes it in C#.
      expect(BIRTH).to.equal("0x" + (await import("node:crypto")).createHash("sha256").update("ethgov:record-kind:birth-certificate").digest("hex"));
      await expect(registry.connect(interior).grantKindAccess(BIRTH, CIVIL_REGISTRY, PURPOSE_BENEFITS, expiresAt, statute, TERMS))
        .to.emit(registry, "AccessGranted")
        .withArgs(1n, BIRTH, CIVIL_REGISTRY, INTERIOR, ethers.ZeroHash, PURPOSE_BENEFITS, expiresAt, GrantBasis.KindLegalBasis, statute, TERMS_ARGS);
      const grant = await registry.grant(1);
      expect([grant.recordId, grant.grantorDepartment, grant.basis]).to.deep.equal([BIRTH, INTERIOR, GrantBasis.KindLegalBasis]);
      await expect(registry.connect(civilRegistry).logAccess(1)).to.emit(registry, "AccessLogged").withArgs(1n, BIRTH, CIVIL_REGISTRY);
      await expect(registry.connect(interior).revokeGrant(1)).to.emit(registry, "GrantRevoked").withArgs(1n, BIRTH, interior.address);
    });

    it("is made only by an active signer (NotActiveSigner for anyone else, a suspended department's signer included)", async function () {
      const { registry, outsider, health } = await loadFixture(deployWithSuspendedHealth);
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(outsider).grantKindAccess(BIRTH, CIVIL_REGISTRY, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(outsider.address);
      await expect(registry.connect(health).grantKindAccess(BIRTH, CIVIL_REGISTRY, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
    });

    it("rejects a grant to the caller's own department (SelfGrant) and a zero kind (ZeroRecordId)", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(interior).grantKindAccess(BIRTH, INTERIOR, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "SelfGrant").withArgs(INTERIOR);
      await expect(registry.connect(interior).grantKindAccess(ethers.ZeroHash, CIVIL_REGISTRY, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "ZeroRecordId");
    });

    it("rejects an unknown grantee (UnknownDepartment) and a suspended one (DepartmentNotActive)", async function () {
      const { registry, interior } = await loadFixture(deployWithSuspendedHealth);
      const expiresAt = (await now()) + DAY;
      await expect(registry.connect(interior).grantKindAccess(BIRTH, 9, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(9n);
      await expect(registry.connect(interior).grantKindAccess(BIRTH, HEALTH, 1, expiresAt, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "DepartmentNotActive").withArgs(HEALTH);
    });

    it("follows the expiry rules: not in the past, at most MAX_GRANT_LIFETIME ahead (InvalidExpiry)", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const at = (await now()) + 10n;
      await time.setNextBlockTimestamp(at);
      await expect(registry.connect(interior).grantKindAccess(BIRTH, CIVIL_REGISTRY, 1, at, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "InvalidExpiry").withArgs(at);
      await time.setNextBlockTimestamp(at + 1n);
      await expect(registry.connect(interior).grantKindAccess(BIRTH, CIVIL_REGISTRY, 1, at + 2n + MAX_GRANT_LIFETIME, statute, TERMS))
        .to.be.revertedWithCustomError(registry, "InvalidExpiry").withArgs(at + 2n + MAX_GRANT_LIFETIME);
      await time.setNextBlockTimestamp(at + 2n);
      await expect(registry.connect(interior).grantKindAccess(BIRTH, CIVIL_REGISTRY, 1, at + 2n + MAX_GRANT_LIFETIME, statute, TERMS))
        .to.emit(registry, "AccessGranted");
    });
  });

  describe("revocableBy", function () {
    /** A legal-basis grant from Interior to the Civil Registry with `revocableBy`. */
    async function grantRevocableBy(fixture, revocableBy) {
      const { registry, interior } = fixture;
      const recordId = await issued(registry, interior, `record: revocable by ${revocableBy}`);
      await registry.connect(interior).grantAccess(recordId, ...SINGLE, CIVIL_REGISTRY, 1, (await now()) + DAY, statute, { ...TERMS, revocableBy });
      return { grantId: await registry.grantCount(), recordId };
    }

    it("lets the grantee department revoke (renounce) when the terms include the grantee", async function () {
      const fixture = await loadFixture(deployRegistry);
      const { registry, civilRegistry } = fixture;
      const { grantId, recordId } = await grantRevocableBy(fixture, Revokers.Grantor | Revokers.Grantee);
      await expect(registry.connect(civilRegistry).revokeGrant(grantId))
        .to.emit(registry, "GrantRevoked").withArgs(grantId, recordId, civilRegistry.address);
      expect(await registry.isGrantValid(grantId)).to.equal(false);
    });

    it("lets only the grantee revoke a grant revocable by the grantee alone", async function () {
      const fixture = await loadFixture(deployRegistry);
      const { registry, interior, civilRegistry } = fixture;
      const { grantId } = await grantRevocableBy(fixture, Revokers.Grantee);
      await expect(registry.connect(interior).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, interior.address);
      await expect(registry.connect(civilRegistry).revokeGrant(grantId)).to.emit(registry, "GrantRevoked");
    });

    it("lets neither side revoke a grant revocable by nobody; the quorum still can once the grantor is suspended", async function () {
      const fixture = await loadFixture(deployRegistry);
      const { registry, interior, civilRegistry, health } = fixture;
      const { grantId, recordId } = await grantRevocableBy(fixture, 0n);
      await expect(registry.connect(interior).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, interior.address);
      await expect(registry.connect(civilRegistry).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, civilRegistry.address);
      await decide(registry, registry.connect(civilRegistry).proposeSuspendDepartment(INTERIOR, (await now()) + DAY), [health]);
      await registry.connect(civilRegistry).proposeRevokeGrants([grantId], (await now()) + DAY);
      await expect(registry.connect(health).approve(2)).to.emit(registry, "GrantRevoked").withArgs(grantId, recordId, ethers.ZeroAddress);
    });

    it("refuses the grantee's revocation by a key that may not act (NotActiveSigner) and a third department (NotRevoker)", async function () {
      const fixture = await loadFixture(deployRegistry);
      const { registry, interior, civilRegistry, health } = fixture;
      const { grantId } = await grantRevocableBy(fixture, Revokers.Grantor | Revokers.Grantee);
      await expect(registry.connect(health).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, health.address);
      await decide(registry, registry.connect(interior).proposeSuspendDepartment(CIVIL_REGISTRY, (await now()) + DAY), [health]);
      await expect(registry.connect(civilRegistry).revokeGrant(grantId))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(civilRegistry.address);
    });

    it("lets the grantee department renounce a consent when the citizen allowed it, and no other department", async function () {
      const { registry, relayer, interior, health } = await loadFixture(deployRegistry);
      const terms = { ...TERMS, revocableBy: Revokers.Grantor | Revokers.Grantee };
      const recordId = digestOf("record: renounceable consent");
      await submitPasskeyConsent(registry, relayer,
        await passkeyConsent(registry, new Passkey("renounceable"), { recordId, granteeDepartment: HEALTH, purpose: 1n, terms }));
      await expect(registry.connect(interior).revokeGrant(1)).to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(1n, interior.address);
      await expect(registry.connect(health).revokeGrant(1)).to.emit(registry, "GrantRevoked").withArgs(1n, recordId, health.address);
    });
  });

  describe("revocation by the quorum (RevokeGrants)", function () {
    /** {deployWithGrant} where Interior, the grantor, has been suspended by the other two departments. */
    async function deployWithSuspendedGrantor() {
      const fixture = await deployWithGrant();
      const { registry, civilRegistry, health } = fixture;
      await decide(registry, registry.connect(civilRegistry).proposeSuspendDepartment(INTERIOR, (await now()) + DAY), [health]);
      return fixture;
    }

    it("revokes the grants of a suspended grantor department", async function () {
      const { registry, civilRegistry, health, grantId, recordId } = await loadFixture(deployWithSuspendedGrantor);
      await registry.connect(civilRegistry).proposeRevokeGrants([grantId], (await now()) + DAY);
      await expect(registry.connect(health).approve(2))
        .to.emit(registry, "GrantRevoked").withArgs(grantId, recordId, ethers.ZeroAddress)
        .and.to.emit(registry, "ProposalExecuted").withArgs(2n);
      expect(await registry.isGrantValid(grantId)).to.equal(false);
      await expect(registry.connect(civilRegistry).logAccess(grantId))
        .to.be.revertedWithCustomError(registry, "GrantNotActive").withArgs(grantId);
    });

    it("skips grants already revoked or expired", async function () {
      const { registry, interior, civilRegistry, health, grantId, expiresAt } = await loadFixture(deployWithGrant);
      const second = await issued(registry, interior, "record: second");
      await registry.connect(interior).grantAccess(second, ...SINGLE, HEALTH, 1, (await now()) + 90n * DAY, statute, TERMS);
      await registry.connect(interior).revokeGrant(2);
      await decide(registry, registry.connect(civilRegistry).proposeSuspendDepartment(INTERIOR, (await now()) + DAY), [health]);
      await registry.connect(civilRegistry).proposeRevokeGrants([grantId, 2n], (await now()) + 30n * DAY);
      await time.increaseTo(expiresAt + 1n);
      await expect(registry.connect(health).approve(2))
        .to.emit(registry, "ProposalExecuted").withArgs(2n)
        .and.not.to.emit(registry, "GrantRevoked");
    });

    it("refuses grants of an active grantor, consent grants and unknown grants", async function () {
      const { registry, interior, civilRegistry, relayer, grantId } = await loadFixture(deployWithGrant);
      const deadline = (await now()) + DAY;
      await expect(registry.connect(civilRegistry).proposeRevokeGrants([grantId], deadline))
        .to.be.revertedWithCustomError(registry, "GrantorNotSuspended").withArgs(grantId, INTERIOR);
      await submitPasskeyConsent(registry, relayer,
        await passkeyConsent(registry, new Passkey("quorum"), { recordId: digestOf("record: consent"), granteeDepartment: HEALTH, purpose: 1n }));
      await expect(registry.connect(interior).proposeRevokeGrants([2n], deadline))
        .to.be.revertedWithCustomError(registry, "GrantorNotSuspended").withArgs(2n, 0n);
      await expect(registry.connect(interior).proposeRevokeGrants([7n], deadline))
        .to.be.revertedWithCustomError(registry, "GrantNotFound").withArgs(7n);
    });

    it("fails at execution when the grantor was restored meanwhile (GrantorNotSuspended)", async function () {
      const { registry, civilRegistry, health, grantId } = await loadFixture(deployWithSuspendedGrantor);
      await registry.connect(civilRegistry).proposeRevokeGrants([grantId], (await now()) + DAY);
      await decide(registry, registry.connect(civilRegistry).proposeRestoreDepartment(INTERIOR, (await now()) + DAY), [health]);
      await expect(registry.connect(health).approve(2))
        .to.be.revertedWithCustomError(registry, "GrantorNotSuspended").withArgs(grantId, INTERIOR);
      expect(await registry.isGrantValid(grantId)).to.equal(true);
    });
  });
});
