// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentStorage} from "../departments/DepartmentStorage.sol";
import {GrantStorage} from "./GrantStorage.sol";
import {IAccessLog} from "./IAccessLog.sol";

/**
 * @title AccessLog
 * @notice Logs accesses under grants (see {IAccessLog}).
 * @dev Runs in the registry itself: authorizing the caller and checking the grant read three slots.
 */
abstract contract AccessLog is IAccessLog, GrantStorage, DepartmentStorage {
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
}
