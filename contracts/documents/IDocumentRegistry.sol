// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IDepartmentRegistry} from "../departments/IDepartmentRegistry.sol";

/**
 * @title IDocumentRegistry
 * @notice Anchors SHA-256 digests of issued documents, singly or as the root of an OpenZeppelin
 * StandardMerkleTree (leaf encoding `["bytes32"]`), and derives each document's status.
 * Documents and batches live in the namespace of their department: a verifier names the issuer it checks,
 * and no department can claim or block another department's digest or root by anchoring it first.
 * The `*BySig` functions revert with the errors of {IDelegatedSignatures}.
 * @dev Status is derived, never stored twice. Precedence: Revoked > KeyCompromised > Superseded > Expired > Valid.
 * - Revoked: revoked by its department (singly, or the leaf inside the batch).
 * - KeyCompromised: the anchoring key (`keyId`) was reported compromised with `compromisedSince <= anchoredAt`.
 * - Superseded: replaced by a newer digest of the same department.
 * - Expired: `validUntil != 0 && block.timestamp > validUntil`; `validUntil == 0` means no expiry.
 * A document inside a batch is revoked or superseded on its own through a per-department leaf record,
 * keyed by (department, digest). Callers that prove batch membership themselves and read {records} apply
 * exactly this rule to the raw facts.
 * Revocation reasons: `reason` is a code of EthGov's published list (docs/contracts.md, "Revocation reasons";
 * served at `GET /api/v1/revocation-reasons`), in the spirit of RFC 5280's CRL reasons:
 * 0 unspecified, 1 issued-in-error, 2 replaced, 3 withdrawn, 4 fraud, 5 holder-request, 6 entitlement-ended,
 * 7 court-order, 8 lost-or-stolen. The registry stores any `uint16` unchecked, so the list grows without an
 * upgrade; clients send listed codes and read any other as unlisted. Numbers are appended, never reused.
 */
interface IDocumentRegistry {
    /// @dev Appended to, never reordered.
    enum DocumentStatus {
        Unknown,
        Valid,
        Expired,
        Revoked,
        Superseded,
        KeyCompromised
    }

    /// @dev `keyCompromisedSince` is 0 unless the anchoring key was reported compromised (at any time). A view's
    /// answer, never stored: its field order is the ABI tuple clients decode.
    struct DocumentView { // solhint-disable-line gas-struct-packing
        DocumentStatus status;
        uint32 departmentId;
        IDepartmentRegistry.DepartmentStatus departmentStatus;
        uint64 anchoredAt;
        uint64 anchoredBlock;
        uint64 validUntil;
        uint16 revocationReason;
        bytes32 successor;
        uint16 keyId;
        uint64 keyCompromisedSince;
    }

    /// @dev One question for {records}: `root` zero asks for the department's single anchor of `digest`.
    struct RecordQuery {
        uint32 departmentId;
        bytes32 root;
        bytes32 digest;
    }

    /**
     * @dev Stored facts only: no status, no membership. For a single anchor (`root` zero) every field comes
     * from the department's record of `digest`. For a batch, `anchored` to `keyId` come from the department's
     * record of `root`, and `revoked` to `successor` from the department's leaf record of `digest`, which
     * exists independently of any batch: these fields say nothing about whether `digest` is in `root`.
     * `keyCompromisedSince` is the anchoring key's (0 when never reported); `departmentStatus` is current.
     */
    struct RecordView {
        bool anchored;
        uint64 anchoredAt;
        uint64 anchoredBlock;
        uint64 validUntil;
        uint32 documentCount;
        uint16 keyId;
        uint64 keyCompromisedSince;
        bool revoked;
        bool superseded;
        uint16 revocationReason;
        bytes32 successor;
        IDepartmentRegistry.DepartmentStatus departmentStatus;
    }

    struct BatchRecord {
        uint32 departmentId;
        uint64 anchoredAt;
        uint64 anchoredBlock;
        uint64 validUntil;
        uint32 documentCount;
        uint16 keyId;
    }

    /// @notice A department anchored a document singly.
    /// @param digest The document digest.
    /// @param departmentId The issuing department.
    /// @param validUntil The document's expiry; 0 for none.
    event DocumentAnchored(bytes32 indexed digest, uint32 indexed departmentId, uint64 validUntil);

    /// @notice A department anchored the root of a batch.
    /// @param root The StandardMerkleTree root.
    /// @param departmentId The issuing department.
    /// @param documentCount The number of leaves.
    /// @param validUntil The expiry shared by every document of the batch; 0 for none.
    event BatchAnchored(bytes32 indexed root, uint32 indexed departmentId, uint32 documentCount, uint64 validUntil);

    /// @notice A department revoked one of its documents, anchored singly or in a batch.
    /// @param digest The document digest.
    /// @param departmentId The issuing department.
    /// @param root The batch root; zero for a singly anchored document.
    /// @param reason A code of the published revocation reasons (see the contract's notes).
    event DocumentRevoked(bytes32 indexed digest, uint32 indexed departmentId, bytes32 indexed root, uint16 reason);

    /// @notice A department replaced one of its documents by a new one, anchored singly.
    /// @param oldDigest The replaced document.
    /// @param newDigest The replacement.
    /// @param departmentId The issuing department of both.
    event DocumentSuperseded(bytes32 indexed oldDigest, bytes32 indexed newDigest, uint32 indexed departmentId);

    /// @dev A digest or root must not be zero.
    error ZeroDigest();
    /// @dev The caller's department anchored this digest or root before (another department's anchor never blocks it).
    error AlreadyAnchored(bytes32 digest);
    /// @dev The caller's department has no single anchor of `digest`.
    error NotAnchored(bytes32 digest);
    /// @dev The caller's department has no batch with this root.
    error BatchNotFound(bytes32 root);
    error InvalidProof(bytes32 root, bytes32 digest);
    error EmptyBatch();
    /// @dev `departmentId` is the caller's department, which did not issue `digest` (grants, legacy revocation).
    error NotIssuingDepartment(bytes32 digest, uint32 departmentId);
    error AlreadyRevoked(bytes32 digest);
    error AlreadySuperseded(bytes32 digest);
    /// @dev A non-zero `validUntil` must lie in the future.
    error InvalidValidUntil(uint64 validUntil);

    /**
     * @notice Anchors one document digest in the caller's department's namespace, attributed to the caller's key.
     * @param digest SHA-256 of the document's bytes.
     * @param validUntil Unix time after which the document is expired; 0 for no expiry.
     */
    function anchor(bytes32 digest, uint64 validUntil) external;

    /**
     * @notice Anchors the root of a StandardMerkleTree of document digests for the caller's department.
     * @param root The tree root.
     * @param documentCount The number of leaves, at least 1.
     * @param validUntil Expiry shared by every document of the batch; 0 for no expiry.
     */
    function anchorBatch(bytes32 root, uint32 documentCount, uint64 validUntil) external;

    /**
     * @notice Revokes a document the caller's department anchored singly.
     * @param digest The document digest.
     * @param reason A code of the published revocation reasons (see the contract's notes).
     */
    function revoke(bytes32 digest, uint16 reason) external;

    /**
     * @notice Revokes one document of a batch of the caller's department.
     * @param root The batch root (anchored by the caller's department).
     * @param digest The document digest (the leaf value).
     * @param proof The StandardMerkleTree proof of `digest` under `root`.
     * @param reason A code of the published revocation reasons (see the contract's notes).
     */
    function revokeInBatch(bytes32 root, bytes32 digest, bytes32[] calldata proof, uint16 reason) external;

    /**
     * @notice Marks a document the caller's department anchored singly as superseded by a new digest, which
     * is anchored singly in the same namespace.
     * @param oldDigest The document being replaced.
     * @param newDigest The replacement's digest.
     * @param newValidUntil The replacement's expiry; 0 for no expiry.
     */
    function supersede(bytes32 oldDigest, bytes32 newDigest, uint64 newValidUntil) external;

    /**
     * @notice Marks one document of a batch of the caller's department as superseded by a new digest, which
     * is anchored singly.
     * @param root The batch root (anchored by the caller's department).
     * @param oldDigest The document being replaced (a leaf of `root`).
     * @param proof The StandardMerkleTree proof of `oldDigest` under `root`.
     * @param newDigest The replacement's digest.
     * @param newValidUntil The replacement's expiry; 0 for no expiry.
     */
    function supersedeInBatch(
        bytes32 root,
        bytes32 oldDigest,
        bytes32[] calldata proof,
        bytes32 newDigest,
        uint64 newValidUntil
    ) external;

    /**
     * @notice {anchor} on behalf of `signer`, who signed
     * `Anchor(bytes32 digest,uint64 validUntil,uint256 nonce,uint256 deadline)`.
     * @param digest SHA-256 of the document's bytes.
     * @param validUntil Expiry; 0 for no expiry.
     * @param signer An active signer; the document is attributed to its department.
     * @param deadline Unix time after which the signature is refused.
     * @param signature 65-byte ECDSA signature.
     */
    function anchorBySig(
        bytes32 digest,
        uint64 validUntil,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /**
     * @notice {anchorBatch} on behalf of `signer`, who signed
     * `AnchorBatch(bytes32 root,uint32 documentCount,uint64 validUntil,uint256 nonce,uint256 deadline)`.
     * @param root The tree root.
     * @param documentCount The number of leaves, at least 1.
     * @param validUntil Expiry; 0 for no expiry.
     * @param signer An active signer.
     * @param deadline Unix time after which the signature is refused.
     * @param signature 65-byte ECDSA signature.
     */
    function anchorBatchBySig(
        bytes32 root,
        uint32 documentCount,
        uint64 validUntil,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /**
     * @notice {revoke} on behalf of `signer`, who signed
     * `Revoke(bytes32 digest,uint16 reason,uint256 nonce,uint256 deadline)`.
     * @param digest The document digest.
     * @param reason A code of the published revocation reasons (see the contract's notes).
     * @param signer An active signer of the issuing department.
     * @param deadline Unix time after which the signature is refused.
     * @param signature 65-byte ECDSA signature.
     */
    function revokeBySig(
        bytes32 digest,
        uint16 reason,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /**
     * @notice The derived status of a document that `departmentId` anchored singly. Never reverts.
     * @param departmentId The issuer being checked.
     * @param digest The document digest.
     * @return The document view; status Unknown when that department never anchored the digest singly.
     */
    function check(uint32 departmentId, bytes32 digest) external view returns (DocumentView memory);

    /**
     * @notice The derived status of a document inside a batch of `departmentId`. Never reverts.
     * @param departmentId The issuer being checked.
     * @param root The batch root.
     * @param digest The document digest.
     * @param proof The StandardMerkleTree proof of `digest` under `root`.
     * @return The batch facts overlaid with the leaf's own revocation or supersession; status Unknown
     * when that department has no batch `root` or the proof does not verify.
     */
    function checkInBatch(
        uint32 departmentId,
        bytes32 root,
        bytes32 digest,
        bytes32[] calldata proof
    ) external view returns (DocumentView memory);

    /**
     * @notice RAW STORED RECORDS, many at one block in one call: it proves nothing about batch membership
     * and derives no status. For a batch query it returns the batch record of `root` and the leaf record of
     * `digest` in that department even when `digest` is not a leaf of `root`; a caller must verify the
     * StandardMerkleTree proof of `digest` under `root` itself before reading these facts as the document's,
     * and then apply the status rule of this interface (Revoked > KeyCompromised > Superseded > Expired >
     * Valid) itself. Verifiers use it to keep proofs out of the call (64 bytes of calldata a document
     * instead of about 700). Never reverts (beyond running out of gas).
     * @param queries The questions; `root` zero asks for the department's single anchor of `digest`.
     * @return views For each query, in order, the stored facts described at {RecordView}.
     */
    function records(RecordQuery[] calldata queries) external view returns (RecordView[] memory views);

    /**
     * @notice The record of a batch of `departmentId`.
     * @param departmentId The issuer being checked.
     * @param root The batch root.
     * @return The batch record; all zero when that department never anchored the root.
     */
    function batch(uint32 departmentId, bytes32 root) external view returns (BatchRecord memory);
}
