// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentStorage} from "../departments/DepartmentStorage.sol";
import {GrantStorage} from "./GrantStorage.sol";
import {IAccessLog} from "./IAccessLog.sol";

/**
 * @title AccessLog
 * @notice Logs accesses under grants, one at a time or in batches (see {IAccessLog}).
 * @dev Runs in the registry itself: authorizing the caller and checking the grant read three slots; a batch reads
 * the caller's signer word and writes one new slot.
 */
abstract contract AccessLog is IAccessLog, GrantStorage, DepartmentStorage {
    /// @dev A logged batch in one slot: the logging department, its block, its number of entries.
    struct StoredAccessBatch {
        uint32 departmentId;
        uint64 blockNumber;
        uint32 entries;
    }

    /// @custom:storage-location erc7201:ethgov.storage.AccessBatches
    struct AccessBatchLayout {
        mapping(bytes32 root => StoredAccessBatch) batches;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.AccessBatches")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _ACCESS_BATCH_STORAGE = 0xdc899bf23a2fd8caa1f2d5e46b2c62f7370ad5060a76ea5b82d18f1e9424d500;

    /// @inheritdoc IAccessLog
    function logAccess(uint256 grantId) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        StoredGrant storage stored = _grantStorage().grants[grantId];
        uint32 grantee = stored.granteeDepartment;
        if (grantee == 0) revert GrantNotFound(grantId);
        if (grantee != departmentId) revert NotGrantee(grantId, msg.sender);
        if (stored.revoked || block.timestamp > stored.expiresAt) revert GrantNotActive(grantId);
        emit AccessLogged(grantId, stored.recordId, grantee);
    }

    /// @inheritdoc IAccessLog
    function logAccessBatch(bytes32 root, uint32 entries) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        if (root == bytes32(0)) revert ZeroRoot();
        if (entries == 0) revert ZeroEntries();
        StoredAccessBatch storage stored = _accessBatchStorage().batches[root];
        if (stored.departmentId != 0) revert AccessBatchExists(root);
        stored.departmentId = departmentId;
        stored.blockNumber = uint64(block.number);
        stored.entries = entries;
        emit AccessBatchLogged(root, departmentId, entries);
    }

    /// @inheritdoc IAccessLog
    function accessBatch(bytes32 root) external view returns (uint32 departmentId, uint64 blockNumber, uint32 entries) {
        StoredAccessBatch storage stored = _accessBatchStorage().batches[root];
        return (stored.departmentId, stored.blockNumber, stored.entries);
    }

    function _accessBatchStorage() private pure returns (AccessBatchLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _ACCESS_BATCH_STORAGE
        }
    }
}
