// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {DepartmentRegistry} from "../departments/DepartmentRegistry.sol";
import {DelegatedSignatures} from "../signatures/DelegatedSignatures.sol";
import {IDocumentRegistry} from "./IDocumentRegistry.sol";

/**
 * @title DocumentRegistry
 * @notice Anchoring, revocation, supersession and status derivation (see {IDocumentRegistry}).
 * @dev Every record is one packed storage word, written with a single SSTORE, so anchoring costs the
 * signer lookup, one new slot and the event. A batch leaf's own revocation or supersession is keyed by
 * the batch's department and the digest: the same document issued in several batches of one department
 * has one status.
 */
abstract contract DocumentRegistry is IDocumentRegistry, DepartmentRegistry, DelegatedSignatures {
    // Document word: departmentId 0-31, anchoredAt 32-95, anchoredBlock 96-159, validUntil 160-223,
    // revocationReason 224-239, revoked bit 240, superseded bit 241.
    // Batch word: departmentId 0-31, anchoredAt 32-95, anchoredBlock 96-159, validUntil 160-223,
    // documentCount 224-255.
    // Leaf word: revocationReason 0-15, revoked bit 16, superseded bit 17.
    uint256 private constant _ANCHORED_AT_SHIFT = 32;
    uint256 private constant _ANCHORED_BLOCK_SHIFT = 96;
    uint256 private constant _VALID_UNTIL_SHIFT = 160;
    uint256 private constant _REASON_SHIFT = 224;
    uint256 private constant _REVOKED = 1 << 240;
    uint256 private constant _SUPERSEDED = 1 << 241;
    uint256 private constant _DOCUMENT_COUNT_SHIFT = 224;
    uint256 private constant _LEAF_REVOKED = 1 << 16;
    uint256 private constant _LEAF_SUPERSEDED = 1 << 17;

    bytes32 private constant _ANCHOR_TYPEHASH =
        keccak256("Anchor(bytes32 digest,uint64 validUntil,uint256 nonce,uint256 deadline)");
    bytes32 private constant _ANCHOR_BATCH_TYPEHASH =
        keccak256("AnchorBatch(bytes32 root,uint32 documentCount,uint64 validUntil,uint256 nonce,uint256 deadline)");
    bytes32 private constant _REVOKE_TYPEHASH =
        keccak256("Revoke(bytes32 digest,uint16 reason,uint256 nonce,uint256 deadline)");

    /// @dev A packed word behind a storage pointer, so a read-check-write hashes the mapping key once.
    struct Word {
        uint256 packed;
    }

    mapping(bytes32 digest => Word) private _documents;
    mapping(bytes32 root => Word) private _batches;
    mapping(uint32 departmentId => mapping(bytes32 digest => Word)) private _leaves;
    mapping(bytes32 digest => bytes32 successor) private _successors;
    mapping(uint32 departmentId => mapping(bytes32 digest => bytes32 successor)) private _leafSuccessors;

    /// @inheritdoc IDocumentRegistry
    function anchor(bytes32 digest, uint64 validUntil) external {
        _anchor(_requireActiveSigner(msg.sender), digest, validUntil);
    }

    /// @inheritdoc IDocumentRegistry
    function anchorBatch(bytes32 root, uint32 documentCount, uint64 validUntil) external {
        _anchorBatch(_requireActiveSigner(msg.sender), root, documentCount, validUntil);
    }

    /// @inheritdoc IDocumentRegistry
    function revoke(bytes32 digest, uint16 reason) external {
        _revoke(_requireActiveSigner(msg.sender), digest, reason);
    }

    /// @inheritdoc IDocumentRegistry
    function revokeInBatch(bytes32 root, bytes32 digest, bytes32[] calldata proof, uint16 reason) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        _requireBatchLeaf(departmentId, root, digest, proof);
        Word storage stored = _leaves[departmentId][digest];
        uint256 leaf = stored.packed;
        if (leaf & _LEAF_REVOKED != 0) revert AlreadyRevoked(digest);
        stored.packed = (leaf & _LEAF_SUPERSEDED) | _LEAF_REVOKED | reason;
        emit DocumentRevoked(digest, departmentId, root, reason);
    }

    /// @inheritdoc IDocumentRegistry
    function supersede(bytes32 oldDigest, bytes32 newDigest, uint64 newValidUntil) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        Word storage stored = _documents[oldDigest];
        uint256 old = stored.packed;
        uint32 issuer = uint32(old);
        if (issuer == 0) revert NotAnchored(oldDigest);
        if (issuer != departmentId) revert NotIssuingDepartment(oldDigest, departmentId);
        if (old & _REVOKED != 0) revert AlreadyRevoked(oldDigest);
        if (old & _SUPERSEDED != 0) revert AlreadySuperseded(oldDigest);
        _anchor(departmentId, newDigest, newValidUntil);
        stored.packed = old | _SUPERSEDED;
        _successors[oldDigest] = newDigest;
        emit DocumentSuperseded(oldDigest, newDigest, departmentId);
    }

    /// @inheritdoc IDocumentRegistry
    function supersedeInBatch(
        bytes32 root,
        bytes32 oldDigest,
        bytes32[] calldata proof,
        bytes32 newDigest,
        uint64 newValidUntil
    ) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        _requireBatchLeaf(departmentId, root, oldDigest, proof);
        Word storage stored = _leaves[departmentId][oldDigest];
        uint256 leaf = stored.packed;
        if (leaf & _LEAF_REVOKED != 0) revert AlreadyRevoked(oldDigest);
        if (leaf & _LEAF_SUPERSEDED != 0) revert AlreadySuperseded(oldDigest);
        _anchor(departmentId, newDigest, newValidUntil);
        stored.packed = leaf | _LEAF_SUPERSEDED;
        _leafSuccessors[departmentId][oldDigest] = newDigest;
        emit DocumentSuperseded(oldDigest, newDigest, departmentId);
    }

    /// @inheritdoc IDocumentRegistry
    function anchorBySig(
        bytes32 digest,
        uint64 validUntil,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(abi.encode(_ANCHOR_TYPEHASH, digest, validUntil, _useNonce(signer), deadline));
        _checkSignature(signer, structHash, deadline, signature);
        _anchor(_requireActiveSigner(signer), digest, validUntil);
    }

    /// @inheritdoc IDocumentRegistry
    function anchorBatchBySig(
        bytes32 root,
        uint32 documentCount,
        uint64 validUntil,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(
            abi.encode(_ANCHOR_BATCH_TYPEHASH, root, documentCount, validUntil, _useNonce(signer), deadline)
        );
        _checkSignature(signer, structHash, deadline, signature);
        _anchorBatch(_requireActiveSigner(signer), root, documentCount, validUntil);
    }

    /// @inheritdoc IDocumentRegistry
    function revokeBySig(
        bytes32 digest,
        uint16 reason,
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external {
        bytes32 structHash = keccak256(abi.encode(_REVOKE_TYPEHASH, digest, reason, _useNonce(signer), deadline));
        _checkSignature(signer, structHash, deadline, signature);
        _revoke(_requireActiveSigner(signer), digest, reason);
    }

    /// @inheritdoc IDocumentRegistry
    function check(bytes32 digest) external view returns (DocumentView memory) {
        return _check(digest);
    }

    /// @inheritdoc IDocumentRegistry
    function checkInBatch(
        bytes32 root,
        bytes32 digest,
        bytes32[] calldata proof
    ) external view returns (DocumentView memory view_) {
        uint256 record = _batches[root].packed;
        if (record == 0 || !MerkleProof.verifyCalldata(proof, root, _leafHash(digest))) return view_;
        view_ = _memberOf(record, digest);
    }

    /// @inheritdoc IDocumentRegistry
    function checkManyMembers(MemberQuery[] calldata queries) external view returns (DocumentView[] memory views) {
        views = new DocumentView[](queries.length);
        for (uint256 i; i < queries.length; ++i) {
            MemberQuery calldata query = queries[i];
            views[i] = query.root == bytes32(0)
                ? _check(query.digest)
                : _memberOf(_batches[query.root].packed, query.digest);
        }
    }

    /// @inheritdoc IDocumentRegistry
    function batch(bytes32 root) external view returns (BatchRecord memory) {
        uint256 record = _batches[root].packed;
        return
            BatchRecord({
                departmentId: uint32(record),
                anchoredAt: uint64(record >> _ANCHORED_AT_SHIFT),
                anchoredBlock: uint64(record >> _ANCHORED_BLOCK_SHIFT),
                validUntil: uint64(record >> _VALID_UNTIL_SHIFT),
                documentCount: uint32(record >> _DOCUMENT_COUNT_SHIFT)
            });
    }

    function _check(bytes32 digest) private view returns (DocumentView memory view_) {
        uint256 record = _documents[digest].packed;
        if (record == 0) return view_;
        bool revoked = record & _REVOKED != 0;
        bool superseded = record & _SUPERSEDED != 0;
        view_ = _viewOf(record, revoked, superseded, uint16(record >> _REASON_SHIFT));
        if (superseded) view_.successor = _successors[digest];
    }

    /// @dev The batch word `record` overlaid with `digest`'s own leaf record; Unknown when the batch is unknown.
    function _memberOf(uint256 record, bytes32 digest) private view returns (DocumentView memory view_) {
        if (record == 0) return view_;
        uint32 departmentId = uint32(record);
        uint256 leaf = _leaves[departmentId][digest].packed;
        bool superseded = leaf & _LEAF_SUPERSEDED != 0;
        view_ = _viewOf(record, leaf & _LEAF_REVOKED != 0, superseded, uint16(leaf));
        if (superseded) view_.successor = _leafSuccessors[departmentId][digest];
    }

    function _anchor(uint32 departmentId, bytes32 digest, uint64 validUntil) private {
        if (digest == bytes32(0)) revert ZeroDigest();
        _requireFuture(validUntil);
        Word storage stored = _documents[digest];
        if (stored.packed != 0) revert AlreadyAnchored(digest);
        stored.packed = _anchoring(departmentId, validUntil);
        emit DocumentAnchored(digest, departmentId, validUntil);
    }

    function _anchorBatch(uint32 departmentId, bytes32 root, uint32 documentCount, uint64 validUntil) private {
        if (root == bytes32(0)) revert ZeroDigest();
        if (documentCount == 0) revert EmptyBatch();
        _requireFuture(validUntil);
        Word storage stored = _batches[root];
        if (stored.packed != 0) revert AlreadyAnchored(root);
        stored.packed =
            _anchoring(departmentId, validUntil) |
            (uint256(documentCount) << _DOCUMENT_COUNT_SHIFT);
        emit BatchAnchored(root, departmentId, documentCount, validUntil);
    }

    function _revoke(uint32 departmentId, bytes32 digest, uint16 reason) private {
        Word storage stored = _documents[digest];
        uint256 record = stored.packed;
        uint32 issuer = uint32(record);
        if (issuer == 0) revert NotAnchored(digest);
        if (issuer != departmentId) revert NotIssuingDepartment(digest, departmentId);
        if (record & _REVOKED != 0) revert AlreadyRevoked(digest);
        stored.packed = record | _REVOKED | (uint256(reason) << _REASON_SHIFT);
        emit DocumentRevoked(digest, departmentId, bytes32(0), reason);
    }

    /// @dev Reverts unless `root` is a batch of `departmentId` and `digest` is one of its leaves.
    function _requireBatchLeaf(
        uint32 departmentId,
        bytes32 root,
        bytes32 digest,
        bytes32[] calldata proof
    ) private view {
        uint32 issuer = uint32(_batches[root].packed);
        if (issuer == 0) revert BatchNotFound(root);
        if (issuer != departmentId) revert NotIssuingDepartment(digest, departmentId);
        if (!MerkleProof.verifyCalldata(proof, root, _leafHash(digest))) revert InvalidProof(root, digest);
    }

    function _requireFuture(uint64 validUntil) private view {
        if (validUntil != 0 && validUntil <= block.timestamp) revert InvalidValidUntil(validUntil);
    }

    /// @dev The fields shared by document and batch words, for an anchoring in the current block.
    function _anchoring(uint32 departmentId, uint64 validUntil) private view returns (uint256) {
        // block.timestamp and block.number fit 64 bits for billions of years.
        return
            uint256(departmentId) |
            (block.timestamp << _ANCHORED_AT_SHIFT) |
            (block.number << _ANCHORED_BLOCK_SHIFT) |
            (uint256(validUntil) << _VALID_UNTIL_SHIFT);
    }

    function _viewOf(
        uint256 record,
        bool revoked,
        bool superseded,
        uint16 revocationReason
    ) private view returns (DocumentView memory view_) {
        uint32 departmentId = uint32(record);
        uint64 validUntil = uint64(record >> _VALID_UNTIL_SHIFT);
        view_.status = _deriveStatus(revoked, superseded, validUntil);
        view_.departmentId = departmentId;
        view_.departmentStatus = _departmentStatus(departmentId);
        view_.anchoredAt = uint64(record >> _ANCHORED_AT_SHIFT);
        view_.anchoredBlock = uint64(record >> _ANCHORED_BLOCK_SHIFT);
        view_.validUntil = validUntil;
        view_.revocationReason = revocationReason;
    }

    /// @dev StandardMerkleTree leaf for the encoding `["bytes32"]`: keccak256(bytes.concat(keccak256(abi.encode(digest)))),
    /// hashed in scratch space.
    function _leafHash(bytes32 digest) private pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            mstore(0x00, digest)
            mstore(0x00, keccak256(0x00, 0x20))
            leaf := keccak256(0x00, 0x20)
        }
    }

    function _deriveStatus(bool revoked, bool superseded, uint64 validUntil) private view returns (DocumentStatus) {
        if (revoked) return DocumentStatus.Revoked;
        if (superseded) return DocumentStatus.Superseded;
        if (validUntil != 0 && block.timestamp > validUntil) return DocumentStatus.Expired;
        return DocumentStatus.Valid;
    }
}
