// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title IAccessLog
 * @notice The access log: every access a grantee department makes under a grant is an event on chain.
 * @dev Kept apart from {IAccessGrants} because logging is a hot path that runs in the registry itself,
 * while making and revoking grants runs in its extension.
 */
interface IAccessLog is IAccessGrants {
    /// @notice A grantee department accessed a granted record.
    /// @param grantId The grant the access was made under.
    /// @param recordId The record accessed.
    /// @param granteeDepartment The accessing department.
    event AccessLogged(uint256 indexed grantId, bytes32 indexed recordId, uint32 indexed granteeDepartment);

    error NotGrantee(uint256 grantId, address account);

    /**
     * @notice Logs one access to the granted record by the caller, an active signer of the grantee department.
     * @param grantId A valid grant.
     */
    function logAccess(uint256 grantId) external;
}
