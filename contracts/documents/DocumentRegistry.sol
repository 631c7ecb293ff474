// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {DepartmentStorage} from "../departments/DepartmentStorage.sol";
import {DelegatedSignatures} from "../signatures/DelegatedSignatures.sol";
import {DocumentStorage} from "./DocumentStorage.sol";
import {IDocumentRegistry} from "./IDocumentRegistry.sol";

/**
 * @title DocumentRegistry
 * @notice Anchoring, revocation, supersession and status derivation (see {IDocumentRegistry}).
 * @dev Runs in the registry itself (the hot paths). Every record is one packed storage word in its
 * department's namespace (layout in {DocumentStorage}), written with a single SSTORE, so anchoring costs the
 * signer lookup (which also yields the key id), one new slot and the event. A batch leaf's own revocation or
 * supersession is keyed by the batch's department and the digest: the same document issued in several
 * batches of one department has one status. The views, not the anchor, pay the extra read of the anchoring
 * key's compromise time.
 */
abstract contract DocumentRegistry is IDocumentRegistry, DocumentStorage, DepartmentStorage, DelegatedSignatures {
    uint256 private constant _ANCHORED_AT_SHIFT = 16;
    uint256 private constant _ANCHORED_BLOCK_SHIFT = 80;
    uint256 private constant _VALID_UNTIL_SHIFT = 144;
    uint256 private constant _REASON_SHIFT = 208;
    uint256 private constant _REVOKED = 1 << 224;
    uint256 private constant _SUPERSEDED = 1 << 225;
    uint256 private constant _DOCUMENT_COUNT_SHIFT = 208;
    uint256 private constant _LEAF_REVOKED = 1 << 16;
    uint256 private constant _LEAF_SUPERSEDED = 1 << 17;

    // EIP-712 type strings are as long as their types and are hashed at compile time: no string reaches the
    // bytecode, so `gas-small-strings` does not apply to them.
    // solhint-disable gas-small-strings
    bytes32 private constant _ANCHOR_TYPEHASH =
        keccak256("Anchor(bytes32 digest,uint64 validUntil,uint256 nonce,uint256 deadline)");
    bytes32 private constant _ANCHOR_BATCH_TYPEHASH =
        keccak256("AnchorBatch(bytes32 root,uint32 documentCount,uint64 validUntil,uint256 nonce,uint256 deadline)");
    bytes32 private constant _REVOKE_TYPEHASH =
        keccak256("Revoke(bytes32 digest,uint16 reason,uint256 nonce,uint256 deadline)");
    // solhint-enable gas-small-strings

    /// @inheritdoc IDocumentRegistry
    function anchor(bytes32 digest, uint64 validUntil) external {
        (uint32 departmentId, uint16 keyId) = _requireActiveKey(msg.sender);
        _anchor(departmentId, keyId, digest, validUntil);
    }

    /// @inheritdoc IDocumentRegistry
    function anchorBatch(bytes32 root, uint32 documentCount, uint64 validUntil) external {
        (uint32 departmentId, uint16 keyId) = _requireActiveKey(msg.sender);
        _anchorBatch(departmentId, keyId, root, documentCount, validUntil);
    }

    /// @inheritdoc IDocumentRegistry
    function revoke(bytes32 digest, uint16 reason) external {
        _revoke(_requireActiveSigner(msg.sender), digest, reason);
    }

    /// @inheritdoc IDocumentRegistry
    function revokeInBatch(bytes32 root, bytes32 digest, bytes32[] calldata proof, uint16 reason) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        _requireBatchLeaf(departmentId, root, digest, proof);
        Word storage stored = _documentStorage().leaves[departmentId][digest];
        uint256 leaf = stored.packed;
        if (leaf & _LEAF_REVOKED != 0) revert AlreadyRevoked(digest);
        stored.packed = (leaf & _LEAF_SUPERSEDED) | _LEAF_REVOKED | reason;
        emit DocumentRevoked(digest, departmentId, root, reason);
    }

    /// @inheritdoc IDocumentRegistry
    function supersede(bytes32 oldDigest, bytes32 newDigest, uint64 newValidUntil) external {
        (uint32 departmentId, uint16 keyId) = _requireActiveKey(msg.sender);
        Word storage stored = _documentStorage().documents[departmentId][oldDigest];
        uint256 old = stored.packed;
        if (old == 0) revert NotAnchored(oldDigest);
        if (old & _REVOKED != 0) revert AlreadyRevoked(oldDigest);
        if (old & _SUPERSEDED != 0) revert AlreadySuperseded(oldDigest);
        _anchor(departmentId, keyId, newDigest, newValidUntil);
        stored.packed = old | _SUPERSEDED;
        _documentStorage().successors[departmentId][oldDigest] = newDigest;
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
        (uint32 departmentId, uint16 keyId) = _requireActiveKey(msg.sender);
        _requireBatchLeaf(departmentId, root, oldDigest, proof);
        Word storage stored = _documentStorage().leaves[departmentId][oldDigest];
        uint256 leaf = stored.packed;
        if (leaf & _LEAF_REVOKED != 0) revert AlreadyRevoked(oldDigest);
        if (leaf & _LEAF_SUPERSEDED != 0) revert AlreadySuperseded(oldDigest);
        _anchor(departmentId, keyId, newDigest, newValidUntil);
        stored.packed = leaf | _LEAF_SUPERSEDED;
        _documentStorage().leafSuccessors[departmentId][oldDigest] = newDigest;
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
        (uint32 departmentId, uint16 keyId) = _requireActiveKey(signer);
        _anchor(departmentId, keyId, digest, validUntil);
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
        (uint32 departmentId, uint16 keyId) = _requireActiveKey(signer);
        _anchorBatch(departmentId, keyId, root, documentCount, validUntil);
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
    function check(uint32 departmentId, bytes32 digest) external view returns (DocumentView memory view_) {
        uint256 record = _documentStorage().documents[departmentId][digest].packed;
        if (record == 0) return view_;
        bool superseded = record & _SUPERSEDED != 0;
        view_ = _viewOf(departmentId, record, record & _REVOKED != 0, superseded, uint16(record >> _REASON_SHIFT));
        if (superseded) view_.successor = _documentStorage().successors[departmentId][digest];
    }

    /// @inheritdoc IDocumentRegistry
    function checkInBatch(
        uint32 departmentId,
        bytes32 root,
        bytes32 digest,
        bytes32[] calldata proof
    ) external view returns (DocumentView memory view_) {
        uint256 record = _documentStorage().batches[departmentId][root].packed;
        if (record == 0 || !MerkleProof.verifyCalldata(proof, root, _leafHash(digest))) return view_;
        uint256 leaf = _documentStorage().leaves[departmentId][digest].packed;
        bool superseded = leaf & _LEAF_SUPERSEDED != 0;
        view_ = _viewOf(departmentId, record, leaf & _LEAF_REVOKED != 0, superseded, uint16(leaf));
        if (superseded) view_.successor = _documentStorage().leafSuccessors[departmentId][digest];
    }

    /// @inheritdoc IDocumentRegistry
    function records(RecordQuery[] calldata queries) external view returns (RecordView[] memory views) {
        views = new RecordView[](queries.length);
        for (uint256 i; i < queries.length; ++i) {
            views[i] = _recordOf(queries[i].departmentId, queries[i].root, queries[i].digest);
        }
    }

    /// @inheritdoc IDocumentRegistry
    function batch(uint32 departmentId, bytes32 root) external view returns (BatchRecord memory record_) {
        uint256 record = _documentStorage().batches[departmentId][root].packed;
        if (record == 0) return record_;
        return
            BatchRecord({
                departmentId: departmentId,
                anchoredAt: uint64(record >> _ANCHORED_AT_SHIFT),
                anchoredBlock: uint64(record >> _ANCHORED_BLOCK_SHIFT),
                validUntil: uint64(record >> _VALID_UNTIL_SHIFT),
                documentCount: uint32(record >> _DOCUMENT_COUNT_SHIFT),
                keyId: uint16(record)
            });
    }

    function _recordOf(uint32 departmentId, bytes32 root, bytes32 digest) private view returns (RecordView memory r) {
        uint256 record;
        if (root == bytes32(0)) {
            record = _documentStorage().documents[departmentId][digest].packed;
            r.revoked = record & _REVOKED != 0;
            r.superseded = record & _SUPERSEDED != 0;
            r.revocationReason = uint16(record >> _REASON_SHIFT);
            if (r.superseded) r.successor = _documentStorage().successors[departmentId][digest];
        } else {
            record = _documentStorage().batches[departmentId][root].packed;
            r.documentCount = uint32(record >> _DOCUMENT_COUNT_SHIFT);
            uint256 leaf = _documentStorage().leaves[departmentId][digest].packed;
            r.revoked = leaf & _LEAF_REVOKED != 0;
            r.superseded = leaf & _LEAF_SUPERSEDED != 0;
            r.revocationReason = uint16(leaf);
            if (r.superseded) r.successor = _documentStorage().leafSuccessors[departmentId][digest];
        }
        r.anchored = record != 0;
        r.anchoredAt = uint64(record >> _ANCHORED_AT_SHIFT);
        r.anchoredBlock = uint64(record >> _ANCHORED_BLOCK_SHIFT);
        r.validUntil = uint64(record >> _VALID_UNTIL_SHIFT);
        r.keyId = uint16(record);
        if (r.keyId != 0) r.keyCompromisedSince = _keyCompromisedSince(departmentId, r.keyId);
        r.departmentStatus = _departmentStatus(departmentId);
    }

    function _anchor(uint32 departmentId, uint16 keyId, bytes32 digest, uint64 validUntil) private {
        if (digest == bytes32(0)) revert ZeroDigest();
        _requireFuture(validUntil);
        Word storage stored = _documentStorage().documents[departmentId][digest];
        if (stored.packed != 0) revert AlreadyAnchored(digest);
        stored.packed = _anchoring(keyId, validUntil);
        emit DocumentAnchored(digest, departmentId, validUntil);
    }

    function _anchorBatch(
        uint32 departmentId,
        uint16 keyId,
        bytes32 root,
        uint32 documentCount,
        uint64 validUntil
    ) private {
        if (root == bytes32(0)) revert ZeroDigest();
        if (documentCount == 0) revert EmptyBatch();
        _requireFuture(validUntil);
        Word storage stored = _documentStorage().batches[departmentId][root];
        if (stored.packed != 0) revert AlreadyAnchored(root);
        stored.packed = _anchoring(keyId, validUntil) | (uint256(documentCount) << _DOCUMENT_COUNT_SHIFT);
        emit BatchAnchored(root, departmentId, documentCount, validUntil);
    }

    function _revoke(uint32 departmentId, bytes32 digest, uint16 reason) private {
        Word storage stored = _documentStorage().documents[departmentId][digest];
        uint256 record = stored.packed;
        if (record == 0) revert NotAnchored(digest);
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
        if (_documentStorage().batches[departmentId][root].packed == 0) revert BatchNotFound(root);
        if (!MerkleProof.verifyCalldata(proof, root, _leafHash(digest))) revert InvalidProof(root, digest);
    }

    function _requireFuture(uint64 validUntil) private view {
        if (validUntil != 0 && validUntil <= block.timestamp) revert InvalidValidUntil(validUntil);
    }

    /// @dev The fields shared by document and batch words, for an anchoring in the current block.
    function _anchoring(uint16 keyId, uint64 validUntil) private view returns (uint256) {
        // block.timestamp and block.number fit 64 bits for billions of years.
        return
            uint256(keyId) |
            (block.timestamp << _ANCHORED_AT_SHIFT) |
            (block.number << _ANCHORED_BLOCK_SHIFT) |
            (uint256(validUntil) << _VALID_UNTIL_SHIFT);
    }

    function _viewOf(
        uint32 departmentId,
        uint256 record,
        bool revoked,
        bool superseded,
        uint16 revocationReason
    ) private view returns (DocumentView memory view_) {
        uint16 keyId = uint16(record);
        uint64 anchoredAt = uint64(record >> _ANCHORED_AT_SHIFT);
        uint64 validUntil = uint64(record >> _VALID_UNTIL_SHIFT);
        uint64 compromisedSince = _keyCompromisedSince(departmentId, keyId);
        bool compromised = compromisedSince != 0 && anchoredAt >= compromisedSince;
        view_.status = _deriveStatus(revoked, compromised, superseded, validUntil);
        view_.departmentId = departmentId;
        view_.departmentStatus = _departmentStatus(departmentId);
        view_.anchoredAt = anchoredAt;
        view_.anchoredBlock = uint64(record >> _ANCHORED_BLOCK_SHIFT);
        view_.validUntil = validUntil;
        view_.revocationReason = revocationReason;
        view_.keyId = keyId;
        view_.keyCompromisedSince = compromisedSince;
    }

    function _deriveStatus(
        bool revoked,
        bool compromised,
        bool superseded,
        uint64 validUntil
    ) private view returns (DocumentStatus) {
        if (revoked) return DocumentStatus.Revoked;
        if (compromised) return DocumentStatus.KeyCompromised;
        if (superseded) return DocumentStatus.Superseded;
        if (validUntil != 0 && block.timestamp > validUntil) return DocumentStatus.Expired;
        return DocumentStatus.Valid;
    }
}
