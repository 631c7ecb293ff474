import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ethers, loadFixture, time, now, DAY, YEAR, deployRegistry, deployWithSuspendedHealth, digestOf, signTyped,
  DocumentStatus, DepartmentStatus, INTERIOR, HEALTH,
} from "./fixtures.js";

/** A batch of `count` digests with its StandardMerkleTree, the way the batcher builds it. */
function batchOf(label, count) {
  const digests = Array.from({ length: count }, (_, i) => digestOf(`${label}-${i}`));
  const tree = StandardMerkleTree.of(digests.map((digest) => [digest]), ["bytes32"]);
  return { digests, tree, root: tree.root, proofOf: (i) => tree.getProof(i) };
}

describe("Documents", function () {
  describe("single anchoring", function () {
    it("anchors a digest for the caller's department and reports it valid", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const digest = digestOf("birth-certificate-1");
      const validUntil = (await now()) + YEAR;
      const tx = registry.connect(interior).anchor(digest, validUntil);
      await expect(tx).to.emit(registry, "DocumentAnchored").withArgs(digest, INTERIOR, validUntil);
      const receipt = await (await tx).wait();
      const block = await ethers.provider.getBlock(receipt.blockNumber);

      const view = await registry.check(INTERIOR, digest);
      expect(view.status).to.equal(DocumentStatus.Valid);
      expect(view.departmentId).to.equal(INTERIOR);
      expect(view.departmentStatus).to.equal(DepartmentStatus.Active);
      expect(view.anchoredAt).to.equal(BigInt(block.timestamp));
      expect(view.anchoredBlock).to.equal(BigInt(receipt.blockNumber));
      expect(view.validUntil).to.equal(validUntil);
      expect(view.revocationReason).to.equal(0n);
      expect(view.successor).to.equal(ethers.ZeroHash);
      expect(view.keyId).to.equal(1n);
      expect(view.keyCompromisedSince).to.equal(0n);
    });

    it("reports an unknown digest as Unknown without reverting", async function () {
      const { registry } = await loadFixture(deployRegistry);
      const view = await registry.check(INTERIOR, digestOf("never anchored"));
      expect(view.status).to.equal(DocumentStatus.Unknown);
      expect(view.departmentId).to.equal(0n);
    });

    it("rejects the zero digest with ZeroDigest", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).anchor(ethers.ZeroHash, 0)).to.be.revertedWithCustomError(registry, "ZeroDigest");
    });

    it("rejects a digest the same department anchored before with AlreadyAnchored", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const digest = digestOf("twice");
      await registry.connect(interior).anchor(digest, 0);
      await expect(registry.connect(interior).anchor(digest, 0)).to.be.revertedWithCustomError(registry, "AlreadyAnchored").withArgs(digest);
    });

    it("rejects a validUntil that is not in the future with InvalidValidUntil", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const past = await now();
      await expect(registry.connect(interior).anchor(digestOf("stale"), past))
        .to.be.revertedWithCustomError(registry, "InvalidValidUntil").withArgs(past);
    });
  });

  describe("status over time", function () {
    it("is Valid until validUntil, Expired after it, and Valid forever without expiry", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const expiring = digestOf("permit-expiring");
      const permanent = digestOf("diploma-permanent");
      const validUntil = (await now()) + 30n * DAY;
      await registry.connect(interior).anchor(expiring, validUntil);
      await registry.connect(interior).anchor(permanent, 0);

      await time.increaseTo(validUntil);
      expect((await registry.check(INTERIOR, expiring)).status).to.equal(DocumentStatus.Valid);
      await time.increase(1);
      expect((await registry.check(INTERIOR, expiring)).status).to.equal(DocumentStatus.Expired);
      await time.increase(100n * YEAR);
      expect((await registry.check(INTERIOR, permanent)).status).to.equal(DocumentStatus.Valid);
    });

    it("ranks Revoked above Superseded above Expired", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const original = digestOf("licence-v1");
      const renewed = digestOf("licence-v2");
      const validUntil = (await now()) + DAY;
      await registry.connect(interior).anchor(original, validUntil);
      await registry.connect(interior).supersede(original, renewed, 0);
      await time.increase(2n * DAY);
      expect((await registry.check(INTERIOR, original)).status).to.equal(DocumentStatus.Superseded);
      await registry.connect(interior).revoke(original, 9);
      const view = await registry.check(INTERIOR, original);
      expect(view.status).to.equal(DocumentStatus.Revoked);
      expect(view.revocationReason).to.equal(9n);
      expect(view.successor).to.equal(renewed);
    });

    it("reports the issuing department's current status next to a document", async function () {
      const { registry, interior, civilRegistry, health } = await loadFixture(deployRegistry);
      const digest = digestOf("health-record");
      await registry.connect(health).anchor(digest, 0);
      await registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY);
      await registry.connect(civilRegistry).approve(1);
      const view = await registry.check(HEALTH, digest);
      expect(view.status).to.equal(DocumentStatus.Valid);
      expect(view.departmentStatus).to.equal(DepartmentStatus.Suspended);
    });
  });

  describe("revocation", function () {
    it("lets the issuing department revoke with a reason", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const digest = digestOf("revocable");
      await registry.connect(interior).anchor(digest, 0);
      await expect(registry.connect(interior).revoke(digest, 2))
        .to.emit(registry, "DocumentRevoked").withArgs(digest, INTERIOR, ethers.ZeroHash, 2n);
      const view = await registry.check(INTERIOR, digest);
      expect(view.status).to.equal(DocumentStatus.Revoked);
      expect(view.revocationReason).to.equal(2n);
    });

    it("rejects revoking an unknown digest with NotAnchored", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const digest = digestOf("ghost");
      await expect(registry.connect(interior).revoke(digest, 1)).to.be.revertedWithCustomError(registry, "NotAnchored").withArgs(digest);
    });

    it("rejects revocation by another department with NotAnchored: its namespace has no such document", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      const digest = digestOf("not yours");
      await registry.connect(interior).anchor(digest, 0);
      await expect(registry.connect(health).revoke(digest, 1))
        .to.be.revertedWithCustomError(registry, "NotAnchored").withArgs(digest);
      expect((await registry.check(INTERIOR, digest)).status).to.equal(DocumentStatus.Valid);
    });

    it("rejects a second revocation with AlreadyRevoked: revoked never returns to valid", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const digest = digestOf("once");
      await registry.connect(interior).anchor(digest, 0);
      await registry.connect(interior).revoke(digest, 1);
      await expect(registry.connect(interior).revoke(digest, 2)).to.be.revertedWithCustomError(registry, "AlreadyRevoked").withArgs(digest);
      await expect(registry.connect(interior).supersede(digest, digestOf("replacement"), 0))
        .to.be.revertedWithCustomError(registry, "AlreadyRevoked").withArgs(digest);
      expect((await registry.check(INTERIOR, digest)).revocationReason).to.equal(1n);
    });
  });

  describe("supersession", function () {
    it("anchors the successor and links it from the superseded document", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const oldDigest = digestOf("residence-permit-2024");
      const newDigest = digestOf("residence-permit-2025");
      const validUntil = (await now()) + YEAR;
      await registry.connect(interior).anchor(oldDigest, 0);
      await expect(registry.connect(interior).supersede(oldDigest, newDigest, validUntil))
        .to.emit(registry, "DocumentSuperseded").withArgs(oldDigest, newDigest, INTERIOR)
        .and.to.emit(registry, "DocumentAnchored").withArgs(newDigest, INTERIOR, validUntil);
      const oldView = await registry.check(INTERIOR, oldDigest);
      expect(oldView.status).to.equal(DocumentStatus.Superseded);
      expect(oldView.successor).to.equal(newDigest);
      expect((await registry.check(INTERIOR, newDigest)).status).to.equal(DocumentStatus.Valid);
    });

    it("rejects superseding twice with AlreadySuperseded", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const oldDigest = digestOf("v1");
      await registry.connect(interior).anchor(oldDigest, 0);
      await registry.connect(interior).supersede(oldDigest, digestOf("v2"), 0);
      await expect(registry.connect(interior).supersede(oldDigest, digestOf("v3"), 0))
        .to.be.revertedWithCustomError(registry, "AlreadySuperseded").withArgs(oldDigest);
    });

    it("rejects a successor that is already anchored with AlreadyAnchored", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const oldDigest = digestOf("v1-self");
      await registry.connect(interior).anchor(oldDigest, 0);
      await expect(registry.connect(interior).supersede(oldDigest, oldDigest, 0))
        .to.be.revertedWithCustomError(registry, "AlreadyAnchored").withArgs(oldDigest);
    });

    it("rejects superseding an unknown or foreign document", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      const foreign = digestOf("foreign");
      await registry.connect(interior).anchor(foreign, 0);
      await expect(registry.connect(health).supersede(foreign, digestOf("mine"), 0))
        .to.be.revertedWithCustomError(registry, "NotAnchored").withArgs(foreign);
      const unknown = digestOf("unknown");
      await expect(registry.connect(health).supersede(unknown, digestOf("mine"), 0))
        .to.be.revertedWithCustomError(registry, "NotAnchored").withArgs(unknown);
    });
  });

  describe("Merkle batches", function () {
    it("anchors a StandardMerkleTree root and proves every leaf made by @openzeppelin/merkle-tree", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { digests, root, proofOf } = batchOf("certificate", 37);
      const validUntil = (await now()) + YEAR;
      await expect(registry.connect(interior).anchorBatch(root, digests.length, validUntil))
        .to.emit(registry, "BatchAnchored").withArgs(root, INTERIOR, 37n, validUntil);
      const record = await registry.batch(INTERIOR, root);
      expect(record.departmentId).to.equal(INTERIOR);
      expect(record.documentCount).to.equal(37n);
      expect(record.validUntil).to.equal(validUntil);
      expect(record.keyId).to.equal(1n);

      for (const i of [0, 1, 18, 36]) {
        const view = await registry.checkInBatch(INTERIOR, root, digests[i], proofOf(i));
        expect(view.status).to.equal(DocumentStatus.Valid);
        expect(view.departmentId).to.equal(INTERIOR);
        expect(view.anchoredAt).to.equal(record.anchoredAt);
      }
    });

    it("answers Unknown for a wrong proof, a digest outside the batch or an unknown root", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { digests, root, proofOf } = batchOf("batch", 8);
      await registry.connect(interior).anchorBatch(root, 8, 0);
      expect((await registry.checkInBatch(INTERIOR, root, digests[2], proofOf(3))).status).to.equal(DocumentStatus.Unknown);
      expect((await registry.checkInBatch(INTERIOR, root, digestOf("outsider"), proofOf(3))).status).to.equal(DocumentStatus.Unknown);
      expect((await registry.checkInBatch(INTERIOR, digestOf("no root"), digests[2], proofOf(2))).status).to.equal(DocumentStatus.Unknown);
    });

    it("rejects an empty batch with EmptyBatch, a zero root with ZeroDigest and a repeated root with AlreadyAnchored", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { root } = batchOf("dup", 4);
      await expect(registry.connect(interior).anchorBatch(root, 0, 0)).to.be.revertedWithCustomError(registry, "EmptyBatch");
      await expect(registry.connect(interior).anchorBatch(ethers.ZeroHash, 4, 0)).to.be.revertedWithCustomError(registry, "ZeroDigest");
      await registry.connect(interior).anchorBatch(root, 4, 0);
      await expect(registry.connect(interior).anchorBatch(root, 4, 0)).to.be.revertedWithCustomError(registry, "AlreadyAnchored").withArgs(root);
      const past = await now();
      await expect(registry.connect(interior).anchorBatch(batchOf("late", 2).root, 2, past))
        .to.be.revertedWithCustomError(registry, "InvalidValidUntil").withArgs(past);
    });

    it("expires a whole batch after its validUntil", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { digests, root, proofOf } = batchOf("seasonal", 4);
      const validUntil = (await now()) + DAY;
      await registry.connect(interior).anchorBatch(root, 4, validUntil);
      await time.increaseTo(validUntil + 1n);
      expect((await registry.checkInBatch(INTERIOR, root, digests[1], proofOf(1))).status).to.equal(DocumentStatus.Expired);
    });

    it("revokes one document of a batch while its siblings stay valid", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { digests, root, proofOf } = batchOf("diploma", 1024);
      await registry.connect(interior).anchorBatch(root, 1024, 0);
      await expect(registry.connect(interior).revokeInBatch(root, digests[517], proofOf(517), 6))
        .to.emit(registry, "DocumentRevoked").withArgs(digests[517], INTERIOR, root, 6n);
      const revoked = await registry.checkInBatch(INTERIOR, root, digests[517], proofOf(517));
      expect(revoked.status).to.equal(DocumentStatus.Revoked);
      expect(revoked.revocationReason).to.equal(6n);
      expect((await registry.checkInBatch(INTERIOR, root, digests[516], proofOf(516))).status).to.equal(DocumentStatus.Valid);
      await expect(registry.connect(interior).revokeInBatch(root, digests[517], proofOf(517), 6))
        .to.be.revertedWithCustomError(registry, "AlreadyRevoked").withArgs(digests[517]);
    });

    it("rejects revoking in an unknown batch, with a bad proof or in another department's batch", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      const { digests, root, proofOf } = batchOf("guarded", 16);
      await registry.connect(interior).anchorBatch(root, 16, 0);
      const unknownRoot = digestOf("unknown root");
      await expect(registry.connect(interior).revokeInBatch(unknownRoot, digests[0], proofOf(0), 1))
        .to.be.revertedWithCustomError(registry, "BatchNotFound").withArgs(unknownRoot);
      await expect(registry.connect(interior).revokeInBatch(root, digests[0], proofOf(1), 1))
        .to.be.revertedWithCustomError(registry, "InvalidProof").withArgs(root, digests[0]);
      await expect(registry.connect(health).revokeInBatch(root, digests[0], proofOf(0), 1))
        .to.be.revertedWithCustomError(registry, "BatchNotFound").withArgs(root);
    });

    it("supersedes one document of a batch with a singly anchored successor", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { digests, root, proofOf } = batchOf("id-card", 8);
      await registry.connect(interior).anchorBatch(root, 8, 0);
      const successor = digestOf("id-card-3-reissued");
      await expect(registry.connect(interior).supersedeInBatch(root, digests[3], proofOf(3), successor, 0))
        .to.emit(registry, "DocumentSuperseded").withArgs(digests[3], successor, INTERIOR);
      const view = await registry.checkInBatch(INTERIOR, root, digests[3], proofOf(3));
      expect(view.status).to.equal(DocumentStatus.Superseded);
      expect(view.successor).to.equal(successor);
      expect((await registry.check(INTERIOR, successor)).status).to.equal(DocumentStatus.Valid);
      await expect(registry.connect(interior).supersedeInBatch(root, digests[3], proofOf(3), digestOf("again"), 0))
        .to.be.revertedWithCustomError(registry, "AlreadySuperseded").withArgs(digests[3]);
      await registry.connect(interior).revokeInBatch(root, digests[3], proofOf(3), 5);
      expect((await registry.checkInBatch(INTERIOR, root, digests[3], proofOf(3))).status).to.equal(DocumentStatus.Revoked);
      await expect(registry.connect(interior).supersedeInBatch(root, digests[3], proofOf(3), digestOf("again"), 0))
        .to.be.revertedWithCustomError(registry, "AlreadyRevoked").withArgs(digests[3]);
    });
  });

  describe("namespaces: each department's digests and roots are its own", function () {
    it("another department anchoring a digest first no longer blocks the real issuer", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      const digest = digestOf("certificate read from the mempool");
      await registry.connect(health).anchor(digest, 0);
      await expect(registry.connect(interior).anchor(digest, 0))
        .to.emit(registry, "DocumentAnchored").withArgs(digest, INTERIOR, 0n);
      const issued = await registry.check(INTERIOR, digest);
      expect([issued.status, issued.departmentId, issued.keyId]).to.deep.equal([DocumentStatus.Valid, INTERIOR, 1n]);
      await registry.connect(health).revoke(digest, 9);
      expect((await registry.check(INTERIOR, digest)).status).to.equal(DocumentStatus.Valid);
      expect((await registry.check(HEALTH, digest)).status).to.equal(DocumentStatus.Revoked);
    });

    it("another department anchoring a batch root first no longer blocks the real issuer", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      const { digests, root, proofOf } = batchOf("taken root", 8);
      await registry.connect(health).anchorBatch(root, 8, 0);
      await expect(registry.connect(interior).anchorBatch(root, 8, 0))
        .to.emit(registry, "BatchAnchored").withArgs(root, INTERIOR, 8n, 0n);
      await registry.connect(health).revokeInBatch(root, digests[2], proofOf(2), 4);
      expect((await registry.checkInBatch(INTERIOR, root, digests[2], proofOf(2))).status).to.equal(DocumentStatus.Valid);
      expect((await registry.checkInBatch(HEALTH, root, digests[2], proofOf(2))).status).to.equal(DocumentStatus.Revoked);
      expect((await registry.batch(INTERIOR, root)).departmentId).to.equal(INTERIOR);
      expect((await registry.batch(HEALTH, root)).departmentId).to.equal(HEALTH);
      await expect(registry.connect(interior).anchorBatch(root, 8, 0))
        .to.be.revertedWithCustomError(registry, "AlreadyAnchored").withArgs(root);
    });

    it("answers Unknown for a department that did not anchor the digest or root", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const digest = digestOf("only interior");
      const { digests, root, proofOf } = batchOf("only interior batch", 4);
      await registry.connect(interior).anchor(digest, 0);
      await registry.connect(interior).anchorBatch(root, 4, 0);
      expect((await registry.check(HEALTH, digest)).status).to.equal(DocumentStatus.Unknown);
      expect((await registry.check(0, digest)).status).to.equal(DocumentStatus.Unknown);
      expect((await registry.checkInBatch(HEALTH, root, digests[0], proofOf(0))).status).to.equal(DocumentStatus.Unknown);
      const none = await registry.batch(HEALTH, root);
      expect([none.departmentId, none.anchoredAt, none.documentCount, none.keyId]).to.deep.equal([0n, 0n, 0n, 0n]);
    });
  });

  describe("raw records (records)", function () {
    /** The status rule of IDocumentRegistry applied to a RecordView, by a caller that proved membership itself. */
    function statusOf(record, at) {
      if (!record.anchored) return DocumentStatus.Unknown;
      if (record.revoked) return DocumentStatus.Revoked;
      if (record.keyCompromisedSince !== 0n && record.anchoredAt >= record.keyCompromisedSince) return DocumentStatus.KeyCompromised;
      if (record.superseded) return DocumentStatus.Superseded;
      if (record.validUntil !== 0n && at > record.validUntil) return DocumentStatus.Expired;
      return DocumentStatus.Valid;
    }

    it("returns the stored facts of single anchors, from which the documented rule gives check's status", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      const [single, revoked, superseded, successor, foreign] =
        ["single", "revoked", "superseded", "successor", "foreign"].map((label) => digestOf(`records-${label}`));
      await registry.connect(interior).anchor(single, (await now()) + YEAR);
      await registry.connect(interior).anchor(revoked, 0);
      await registry.connect(interior).revoke(revoked, 9);
      await registry.connect(interior).anchor(superseded, 0);
      await registry.connect(interior).supersede(superseded, successor, 0);
      await registry.connect(health).anchor(foreign, 0);

      const queries = [single, revoked, superseded, foreign, digestOf("never anchored")].map((digest) => [INTERIOR, ethers.ZeroHash, digest]);
      const records = await registry.records(queries);
      expect(records.length).to.equal(queries.length);
      const at = await now();
      for (const [i, [, , digest]] of queries.entries()) {
        const view = await registry.check(INTERIOR, digest);
        const record = records[i];
        expect(record.anchored, `query ${i}`).to.equal(view.status !== DocumentStatus.Unknown);
        expect([record.anchoredAt, record.anchoredBlock, record.validUntil, record.keyId, record.revocationReason, record.successor])
          .to.deep.equal([view.anchoredAt, view.anchoredBlock, view.validUntil, view.keyId, view.revocationReason, view.successor]);
        expect(statusOf(record, at), `query ${i}`).to.equal(view.status);
        expect(record.documentCount).to.equal(0n);
      }
      expect([records[1].revoked, records[1].revocationReason]).to.deep.equal([true, 9n]);
      expect([records[2].superseded, records[2].successor]).to.deep.equal([true, successor]);
      expect(records[3].anchored).to.equal(false);
      expect(records[0].departmentStatus).to.equal(DepartmentStatus.Active);
    });

    it("returns the batch record and the leaf record, from which the rule gives checkInBatch's status after a proof", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { digests, root, proofOf } = batchOf("records permit", 32);
      await registry.connect(interior).anchorBatch(root, 32, (await now()) + YEAR);
      await registry.connect(interior).revokeInBatch(root, digests[3], proofOf(3), 2);
      await registry.connect(interior).supersedeInBatch(root, digests[4], proofOf(4), digestOf("records permit 4 reissued"), 0);

      const indexes = [0, 3, 4, 31];
      const records = await registry.records(indexes.map((i) => [INTERIOR, root, digests[i]]));
      const at = await now();
      for (const [i, index] of indexes.entries()) {
        const view = await registry.checkInBatch(INTERIOR, root, digests[index], proofOf(index));
        expect(statusOf(records[i], at), `leaf ${index}`).to.equal(view.status);
        expect([records[i].anchoredAt, records[i].keyId, records[i].revocationReason, records[i].successor])
          .to.deep.equal([view.anchoredAt, view.keyId, view.revocationReason, view.successor]);
        expect(records[i].documentCount).to.equal(32n);
      }
      expect(records[1].revoked).to.equal(true);
      expect(records[2].superseded).to.equal(true);
    });

    it("does not claim membership: a digest that is no leaf of the root gets the batch's record and no status", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { root } = batchOf("strangers", 4);
      await registry.connect(interior).anchorBatch(root, 4, 0);
      const stranger = digestOf("not in the batch");
      const [record] = await registry.records([[INTERIOR, root, stranger]]);
      expect(record.anchored).to.equal(true);
      expect(record.documentCount).to.equal(4n);
      // Stored facts only: no derived status and no membership flag among the fields.
      expect(Object.keys(record.toObject())).to.deep.equal([
        "anchored", "anchoredAt", "anchoredBlock", "validUntil", "documentCount", "keyId", "keyCompromisedSince",
        "revoked", "superseded", "revocationReason", "successor", "departmentStatus",
      ]);
      expect((await registry.checkInBatch(INTERIOR, root, stranger, [])).status).to.equal(DocumentStatus.Unknown);
    });

    it("keeps departments apart and answers nothing for unknown records or departments", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { digests, root } = batchOf("namespaced records", 4);
      await registry.connect(interior).anchorBatch(root, 4, 0);
      const [theirs, unknown, noDepartment] = await registry.records([
        [HEALTH, root, digests[0]],
        [INTERIOR, digestOf("no such root"), digests[0]],
        [9, ethers.ZeroHash, digests[0]],
      ]);
      expect([theirs.anchored, theirs.documentCount, theirs.departmentStatus]).to.deep.equal([false, 0n, DepartmentStatus.Active]);
      expect([unknown.anchored, unknown.anchoredAt, unknown.keyId]).to.deep.equal([false, 0n, 0n]);
      expect(noDepartment.departmentStatus).to.equal(DepartmentStatus.None);
      expect(await registry.records([])).to.deep.equal([]);
    });

    it("answers 256 batch leaves within a node's default eth_call gas", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const { digests, root } = batchOf("bulk", 10_000);
      await registry.connect(interior).anchorBatch(root, 10_000, 0);
      const queries = digests.slice(0, 256).map((digest) => [INTERIOR, root, digest]);
      const gas = await registry.records.estimateGas(queries);
      expect(gas).to.be.below(30_000_000n);
      const records = await registry.records(queries);
      expect(records.every((record) => record.anchored && !record.revoked)).to.equal(true);
    });
  });

  describe("delegated submission (EIP-712)", function () {
    async function anchorSignature(registry, signer, digest, validUntil, deadline, domainOverrides) {
      return signTyped(registry, signer, "Anchor", { digest, validUntil, deadline }, domainOverrides);
    }

    it("anchors for the signer's department when a relayer submits the signature", async function () {
      const { registry, interior, relayer } = await loadFixture(deployRegistry);
      const digest = digestOf("gasless");
      const deadline = (await now()) + DAY;
      const signature = await anchorSignature(registry, interior, digest, 0n, deadline);
      await expect(registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline, signature))
        .to.emit(registry, "DocumentAnchored").withArgs(digest, INTERIOR, 0n);
      expect(await registry.nonces(interior.address)).to.equal(1n);
    });

    it("rejects a replayed signature with InvalidSignature", async function () {
      const { registry, interior, relayer } = await loadFixture(deployRegistry);
      const digest = digestOf("replay");
      const deadline = (await now()) + DAY;
      const signature = await anchorSignature(registry, interior, digest, 0n, deadline);
      await registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline, signature);
      await expect(registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(interior.address);
    });

    it("rejects a signature made for another chain id", async function () {
      const { registry, interior, relayer } = await loadFixture(deployRegistry);
      const digest = digestOf("other chain");
      const deadline = (await now()) + DAY;
      const signature = await anchorSignature(registry, interior, digest, 0n, deadline, { chainId: 1n });
      await expect(registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(interior.address);
    });

    it("rejects a signature made for another registry contract", async function () {
      const { registry, interior, relayer, otherKey } = await loadFixture(deployRegistry);
      const digest = digestOf("other contract");
      const deadline = (await now()) + DAY;
      const signature = await anchorSignature(registry, interior, digest, 0n, deadline, { verifyingContract: otherKey.address });
      await expect(registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(interior.address);
    });

    it("rejects a signature whose deadline passed with ExpiredSignature", async function () {
      const { registry, interior, relayer } = await loadFixture(deployRegistry);
      const digest = digestOf("late");
      const deadline = (await now()) + 60n;
      const signature = await anchorSignature(registry, interior, digest, 0n, deadline);
      await time.increaseTo(deadline + 1n);
      await expect(registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "ExpiredSignature").withArgs(deadline);
    });

    it("rejects a signature by someone other than the named signer", async function () {
      const { registry, interior, health, relayer } = await loadFixture(deployRegistry);
      const digest = digestOf("impostor");
      const deadline = (await now()) + DAY;
      const signature = await signTyped(registry, health, "Anchor", { digest, validUntil: 0n, deadline, nonce: 0n });
      await expect(registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(interior.address);
      await expect(registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline, "0x1234"))
        .to.be.revertedWithCustomError(registry, "InvalidSignature").withArgs(interior.address);
    });

    it("rejects a valid signature of a suspended department's signer with NotActiveSigner", async function () {
      const { registry, health, relayer } = await loadFixture(deployWithSuspendedHealth);
      const digest = digestOf("suspended signer");
      const deadline = (await now()) + DAY;
      const signature = await anchorSignature(registry, health, digest, 0n, deadline);
      await expect(registry.connect(relayer).anchorBySig(digest, 0, health.address, deadline, signature))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
    });

    it("anchors a batch root by signature", async function () {
      const { registry, interior, relayer } = await loadFixture(deployRegistry);
      const { root } = batchOf("signed batch", 5);
      const deadline = (await now()) + DAY;
      const signature = await signTyped(registry, interior, "AnchorBatch", { root, documentCount: 5n, validUntil: 0n, deadline });
      await expect(registry.connect(relayer).anchorBatchBySig(root, 5, 0, interior.address, deadline, signature))
        .to.emit(registry, "BatchAnchored").withArgs(root, INTERIOR, 5n, 0n);
    });

    it("revokes by signature, sharing one nonce sequence with the other *BySig calls", async function () {
      const { registry, interior, relayer } = await loadFixture(deployRegistry);
      const digest = digestOf("revoke by sig");
      const deadline = (await now()) + DAY;
      await registry.connect(relayer).anchorBySig(digest, 0, interior.address, deadline,
        await signTyped(registry, interior, "Anchor", { digest, validUntil: 0n, deadline }));
      const signature = await signTyped(registry, interior, "Revoke", { digest, reason: 3n, deadline });
      await expect(registry.connect(relayer).revokeBySig(digest, 3, interior.address, deadline, signature))
        .to.emit(registry, "DocumentRevoked").withArgs(digest, INTERIOR, ethers.ZeroHash, 3n);
      expect(await registry.nonces(interior.address)).to.equal(2n);
    });

    it("exposes the EIP-712 domain: name EthGov, version 1, this chain and contract", async function () {
      const { registry } = await loadFixture(deployRegistry);
      const domain = await registry.eip712Domain();
      const { chainId } = await ethers.provider.getNetwork();
      expect(domain.name).to.equal("EthGov");
      expect(domain.version).to.equal("1");
      expect(domain.chainId).to.equal(chainId);
      expect(domain.verifyingContract).to.equal(await registry.getAddress());
      expect(await registry.DOMAIN_SEPARATOR()).to.equal(
        ethers.TypedDataEncoder.hashDomain({ name: "EthGov", version: "1", chainId, verifyingContract: await registry.getAddress() }),
      );
    });
  });
});
