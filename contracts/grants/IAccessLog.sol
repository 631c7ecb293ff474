// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title IAccessLog
 * @notice The access log: every access a grantee department makes under a grant is an event on chain, one
 * transaction per access ({logAccess}), or many accesses at once as the root of a Merkle tree of access entries
 * ({logAccessBatch}), whose proofs the holder's node checks before it releases a record.
 * @dev Kept apart from {IAccessGrants} because logging is a hot path that runs in the registry itself,
 * while making and revoking grants runs in its extension.
 */
interface IAccessLog is IAccessGrants {
    /// @notice A grantee department accessed a granted record.
    /// @param grantId The grant the access was made under.
    /// @param recordId The record accessed.
    /// @param granteeDepartment The accessing department.
    event AccessLogged(uint256 indexed grantId, bytes32 indexed recordId, uint32 indexed granteeDepartment);

    /// @notice A grantee department logged a batch of accesses as the root of their Merkle tree.
    /// @param root The tree's root (StandardMerkleTree of access entry hashes).
    /// @param departmentId The logging (grantee) department.
    /// @param entries How many entries the tree holds.
    event AccessBatchLogged(bytes32 indexed root, uint32 indexed departmentId, uint32 entries);

    error NotGrantee(uint256 grantId, address account);
    error ZeroRoot();
    /// @dev A root is logged once, by one department: a second log would let two departments claim one tree.
    error AccessBatchExists(bytes32 root);
    error ZeroEntries();

    /**
     * @notice Logs one access to the granted record by the caller, an active signer of the grantee department.
     * @param grantId A valid grant.
     */
    function logAccess(uint256 grantId) external;

    /**
     * @notice Logs a batch of accesses by the caller's department (the caller is an active signer): the root of a
     * Merkle tree whose leaves are access entries, each naming its grant, record, holder, grantee and request. The
     * chain checks no entry; the holder's node checks the proof of the request's own entry and the entry's grant.
     * @param root The tree's root; non-zero ({ZeroRoot}) and never logged before ({AccessBatchExists}).
     * @param entries How many entries the tree holds; non-zero ({ZeroEntries}).
     */
    function logAccessBatch(bytes32 root, uint32 entries) external;

    /**
     * @notice A logged access batch; all zero when `root` was never logged.
     * @param root The tree's root.
     * @return departmentId The department that logged it.
     * @return blockNumber The block that logged it.
     * @return entries How many entries the tree holds.
     */
    function accessBatch(bytes32 root) external view returns (uint32 departmentId, uint64 blockNumber, uint32 entries);
}
