// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DelegatedSignatures} from "../signatures/DelegatedSignatures.sol";
import {DepartmentRegistry} from "./DepartmentRegistry.sol";
import {ISignerChanges} from "./ISignerChanges.sol";

/**
 * @title SignerChanges
 * @notice Time-locked changes a department makes to its own signers and node entry (see {ISignerChanges}).
 * @dev Runs in the registry's extension; ERC-7201 namespaced storage (`ethgov.storage.SignerChanges`).
 * Cancelling every pending change of a department (suspension, recovery, compromise report) must cost the
 * same however many changes a stolen key requested, so it bumps the department's change epoch instead of
 * visiting each change: a change requested under an older epoch counts as cancelled.
 */
abstract contract SignerChanges is ISignerChanges, DepartmentRegistry, DelegatedSignatures {
    uint64 private constant _MAX_SIGNER_CHANGE_DELAY = 30 days;

    // EIP-712 type strings are as long as their types and are hashed at compile time: no string reaches the
    // bytecode, so `gas-small-strings` does not apply to them.
    // solhint-disable gas-small-strings
    bytes32 private constant _SIGNER_CONSENT_TYPEHASH =
        keccak256("SignerConsent(uint32 departmentId,uint256 nonce,uint256 deadline)");
    // solhint-enable gas-small-strings

    /// @dev `status` is Pending, Applied or Cancelled as stored; a Pending change of an older epoch is cancelled.
    struct StoredChange {
        SignerChangeKind kind;
        uint32 departmentId;
        address requestedBy;
        uint64 requestedAt;
        uint32 epoch;
        SignerChangeStatus status;
        bytes data;
    }

    /// @custom:storage-location erc7201:ethgov.storage.SignerChanges
    struct SignerChangeLayout {
        mapping(uint256 changeId => StoredChange) changes;
        mapping(uint32 departmentId => uint32 epoch) epochs;
        uint256 changeCount;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.SignerChanges")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _SIGNER_CHANGE_STORAGE =
        0xaf72448d058c63783fb7f1a1901fa19b20054906234950a3644676cd40e0c400;

    uint64 private immutable _signerChangeDelay;

    /// @notice Fixes the signer change delay for the registry's lifetime.
    /// @param delay Seconds between a request and the earliest apply, at most 30 days.
    constructor(uint64 delay) {
        if (delay > _MAX_SIGNER_CHANGE_DELAY) revert InvalidSignerChangeDelay(delay);
        _signerChangeDelay = delay;
    }

    /// @inheritdoc ISignerChanges
    function requestAddSigner(
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 changeId) {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        _requireUnregistered(signer);
        if (_signerCount(departmentId) >= _MAX_SIGNERS) revert TooManySigners(departmentId, _MAX_SIGNERS);
        bytes32 structHash = keccak256(abi.encode(_SIGNER_CONSENT_TYPEHASH, departmentId, _useNonce(signer), deadline));
        _checkSignature(signer, structHash, deadline, signature);
        return _request(SignerChangeKind.AddSigner, departmentId, abi.encode(signer));
    }

    /// @inheritdoc ISignerChanges
    function requestRemoveSigner(address signer) external returns (uint256 changeId) {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        _requireRemovable(departmentId, signer);
        return _request(SignerChangeKind.RemoveSigner, departmentId, abi.encode(signer));
    }

    /// @inheritdoc ISignerChanges
    function applySignerChange(uint256 changeId) external {
        (StoredChange storage change, uint32 departmentId) = _pendingChangeOfCaller(changeId);
        uint64 executableAt = change.requestedAt + _signerChangeDelay;
        if (block.timestamp < executableAt) revert SignerChangeTooEarly(changeId, executableAt);
        change.status = SignerChangeStatus.Applied;
        SignerChangeKind kind = change.kind;
        if (kind == SignerChangeKind.SetNode) {
            _applySetNode(departmentId, change.data);
        } else {
            address signer = abi.decode(change.data, (address));
            if (kind == SignerChangeKind.AddSigner) {
                _requireUnregistered(signer);
                _registerSigner(departmentId, signer);
            } else {
                _requireRemovable(departmentId, signer);
                _removeSigner(departmentId, signer);
            }
        }
        emit SignerChangeApplied(changeId, departmentId, msg.sender);
    }

    /// @inheritdoc ISignerChanges
    function cancelSignerChange(uint256 changeId) external {
        (StoredChange storage change, uint32 departmentId) = _pendingChangeOfCaller(changeId);
        change.status = SignerChangeStatus.Cancelled;
        emit SignerChangeCancelled(changeId, departmentId, msg.sender);
    }

    /// @inheritdoc ISignerChanges
    function signerChange(uint256 changeId) external view returns (SignerChange memory) {
        StoredChange storage stored = _existingChange(changeId);
        uint64 requestedAt = stored.requestedAt;
        return
            SignerChange({
                kind: stored.kind,
                departmentId: stored.departmentId,
                requestedBy: stored.requestedBy,
                requestedAt: requestedAt,
                executableAt: requestedAt + _signerChangeDelay,
                status: _statusOf(stored),
                data: stored.data
            });
    }

    /// @inheritdoc ISignerChanges
    function signerChangeCount() external view returns (uint256) {
        return _signerChangeStorage().changeCount;
    }

    /// @inheritdoc ISignerChanges
    function signerChangeDelay() external view returns (uint64) {
        return _signerChangeDelay;
    }

    function _cancelPendingSignerChanges(uint32 departmentId) internal override {
        ++_signerChangeStorage().epochs[departmentId];
        emit PendingSignerChangesCancelled(departmentId);
    }

    /// @dev Applies a SetNode change's payload (implemented with the node directory).
    function _applySetNode(uint32 departmentId, bytes memory data) internal virtual;

    /// @dev Records a pending change of `kind` for `departmentId`, requested by the caller, and emits {SignerChangeRequested}.
    function _request(
        SignerChangeKind kind,
        uint32 departmentId,
        bytes memory data
    ) internal returns (uint256 changeId) {
        SignerChangeLayout storage $ = _signerChangeStorage();
        changeId = ++$.changeCount;
        StoredChange storage created = $.changes[changeId];
        created.kind = kind;
        created.departmentId = departmentId;
        created.requestedBy = msg.sender;
        created.requestedAt = uint64(block.timestamp);
        created.epoch = $.epochs[departmentId];
        created.status = SignerChangeStatus.Pending;
        created.data = data;
        emit SignerChangeRequested(
            changeId,
            departmentId,
            kind,
            msg.sender,
            uint64(block.timestamp) + _signerChangeDelay,
            data
        );
    }

    /// @dev Reverts unless `signer` is a current key of `departmentId` and not its last one.
    function _requireRemovable(uint32 departmentId, address signer) private view {
        if (!_isCurrentKey(departmentId, signer)) revert SignerNotInDepartment(signer, departmentId);
        if (_signerCount(departmentId) == 1) revert LastSigner(departmentId);
    }

    /// @dev A pending change of the caller's department, for the caller to apply or cancel.
    function _pendingChangeOfCaller(
        uint256 changeId
    ) private view returns (StoredChange storage change, uint32 departmentId) {
        departmentId = _requireActiveSigner(msg.sender);
        change = _existingChange(changeId);
        if (change.departmentId != departmentId) revert SignerNotInDepartment(msg.sender, change.departmentId);
        if (_statusOf(change) != SignerChangeStatus.Pending) revert SignerChangeNotPending(changeId);
    }

    function _existingChange(uint256 changeId) private view returns (StoredChange storage stored) {
        stored = _signerChangeStorage().changes[changeId];
        if (stored.status == SignerChangeStatus.None) revert SignerChangeNotFound(changeId);
    }

    function _statusOf(StoredChange storage stored) private view returns (SignerChangeStatus status) {
        status = stored.status;
        if (status == SignerChangeStatus.Pending && stored.epoch != _signerChangeStorage().epochs[stored.departmentId]) {
            status = SignerChangeStatus.Cancelled;
        }
    }

    function _signerChangeStorage() private pure returns (SignerChangeLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _SIGNER_CHANGE_STORAGE
        }
    }
}
