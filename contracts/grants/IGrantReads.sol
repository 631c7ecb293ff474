// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title IGrantReads
 * @notice Reading access grants (see {IAccessGrants}).
 * @dev Kept apart from {IAccessGrants} because these views run in the registry itself, where a holder's node reads
 * a grant before each release, while making and revoking grants runs in the registry's extension.
 */
interface IGrantReads is IAccessGrants {
    /**
     * @notice A grant. Reverts {GrantNotFound} for an unknown id.
     * @param grantId The grant id.
     * @return The grant.
     */
    function grant(uint256 grantId) external view returns (Grant memory);

    /**
     * @notice Whether a grant exists, is not revoked and has not expired.
     * @param grantId The grant id.
     * @return True when the grantee may access the record now.
     */
    function isGrantValid(uint256 grantId) external view returns (bool);

    /// @notice The number of grants ever made; ids run from 1 to this number.
    /// @return The grant count.
    function grantCount() external view returns (uint256);

    /// @notice The longest a grant may run: 366 days from the moment it is made.
    /// @dev Named as the getter of a public constant would be.
    /// @return The lifetime in seconds.
    function MAX_GRANT_LIFETIME() external view returns (uint64); // solhint-disable-line func-name-mixedcase
}
