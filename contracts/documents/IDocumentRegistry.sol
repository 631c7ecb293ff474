// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IDepartmentRegistry} from "../departments/IDepartmentRegistry.sol";

/**
 * @title IDocumentRegistry
 * @notice Anchors SHA-256 digests of issued documents, singly or as the root of an OpenZeppelin
 * StandardMerkleTree (leaf encoding `["bytes32"]`), and derives each document's status.
 * The `*BySig` functions revert with the errors of {IDelegatedSignatures}.
 * @dev Status is derived, never stored twice. Precedence: Revoked > Superseded > Expired > Valid.
 * Expired means `validUntil != 0 && block.timestamp > validUntil`; `validUntil == 0` means no expiry.
 * A document inside a batch is revoked or superseded on its own through a per-department leaf record.
 */
interface IDocumentRegistry {
    enum DocumentStatus {
        Unknown,
        Valid,
        Expired,
        Revoked,
        Superseded
    }

    struct DocumentView {
        DocumentStatus status;
        uint32 departmentId;
        IDepartmentRegistry.DepartmentStatus departmentStatus;
        uint64 anchoredAt;
        uint64 anchoredBlock;
        uint64 validUntil;
        uint16 revocationReason;
        bytes32 successor;
    }

    /// @dev One question for {checkManyMembers}: `root` zero asks {check}(`digest`).
    struct MemberQuery {
        bytes32 root;
        bytes32 digest;
    }

    struct BatchRecord {
        uint32 departmentId;
        uint64 anchoredAt;
        uint64 anchoredBlock;
        uint64 validUntil;
        uint32 documentCount;
    }

    event DocumentAnchored(bytes32 indexed digest, uint32 indexed departmentId, uint64 validUntil);
    event BatchAnchored(bytes32 indexed root, uint32 indexed departmentId, uint32 documentCount, uint64 validUntil);
    /// @dev `root` is zero for a singly anchored document.
    event DocumentRevoked(bytes32 indexed digest, uint32 indexed departmentId, bytes32 indexed root, uint16 reason);
    event DocumentSuperseded(bytes32 indexed oldDigest, bytes32 indexed newDigest, uint32 indexed departmentId);

    /// @dev A digest or root must not be zero.
    error ZeroDigest();
    error AlreadyAnchored(bytes32 digest);
    error NotAnchored(bytes32 digest);
    error BatchNotFound(bytes32 root);
    error InvalidProof(bytes32 root, bytes32 digest);
    error EmptyBatch();
    /// @dev `departmentId` is the caller's department, which did not issue `digest`.
    error NotIssuingDepartment(bytes32 digest, uint32 departmentId);
    error AlreadyRevoked(bytes32 digest);
    error AlreadySuperseded(bytes32 digest);
    /// @dev A non-zero `validUntil` must lie in the future.
    error InvalidValidUntil(uint64 validUntil);

    /**
     * @notice Anchors one document digest for the caller's department.
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
     * @notice Revokes a singly anchored document; only its issuing department may.
     * @param digest The document digest.
     * @param reason Application-defined reason code.
     */
    function revoke(bytes32 digest, uint16 reason) external;

    /**
     * @notice Revokes one document of a batch; only the batch's department may.
     * @param root The batch root.
     * @param digest The document digest (the leaf value).
     * @param proof The StandardMerkleTree proof of `digest` under `root`.
     * @param reason Application-defined reason code.
     */
    function revokeInBatch(bytes32 root, bytes32 digest, bytes32[] calldata proof, uint16 reason) external;

    /**
     * @notice Marks a singly anchored document as superseded by a new digest, which is anchored singly.
     * @param oldDigest The document being replaced (issued by the caller's department).
     * @param newDigest The replacement's digest.
     * @param newValidUntil The replacement's expiry; 0 for no expiry.
     */
    function supersede(bytes32 oldDigest, bytes32 newDigest, uint64 newValidUntil) external;

    /**
     * @notice Marks one document of a batch as superseded by a new digest, which is anchored singly.
     * @param root The batch root.
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
     * @param reason Application-defined reason code.
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
     * @notice The derived status of a singly anchored document. Never reverts.
     * @param digest The document digest.
     * @return The document view; status Unknown when the digest was never anchored singly.
     */
    function check(bytes32 digest) external view returns (DocumentView memory);

    /**
     * @notice The derived status of a document inside a batch. Never reverts.
     * @param root The batch root.
     * @param digest The document digest.
     * @param proof The StandardMerkleTree proof of `digest` under `root`.
     * @return The batch facts overlaid with the leaf's own revocation or supersession; status Unknown
     * when the root is unknown or the proof does not verify.
     */
    function checkInBatch(
        bytes32 root,
        bytes32 digest,
        bytes32[] calldata proof
    ) external view returns (DocumentView memory);

    /**
     * @notice Answers many {check} and {checkInBatch} questions at one block in one call, for verifiers that have
     * checked each StandardMerkleTree proof of `digest` under `root` themselves (the proof is public data and the
     * check is pure hashing): the proofs stay out of the call, which keeps a verifier's calldata at 64 bytes a
     * document instead of about 700. Membership is NOT proven here: a
     * digest that is not a leaf of a known `root` gets that batch's facts. Never reverts (beyond running out of gas).
     * @param queries The questions; root zero asks {check}(digest).
     * @return views For each query, what {checkInBatch} answers for it with a valid proof, in order.
     */
    function checkManyMembers(MemberQuery[] calldata queries) external view returns (DocumentView[] memory views);

    /**
     * @notice The record of an anchored batch.
     * @param root The batch root.
     * @return The batch record; all zero when the root was never anchored.
     */
    function batch(bytes32 root) external view returns (BatchRecord memory);
}
