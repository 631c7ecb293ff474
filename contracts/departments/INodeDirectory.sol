// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title INodeDirectory
 * @notice Where each department's node is: its public base URL and its node's two P-256 public keys (one to check
 * the node's signed requests, one to encrypt content to it), so that nodes and clients find each other from the
 * chain alone. A department sets its entry under the rule of its signer changes ({ISignerChanges}): one key
 * requests, any key applies after `signerChangeDelay`, any key cancels before, and a suspension, a recovery or a
 * compromise report cancels it, so one stolen key alone cannot redirect the department's traffic. The quorum
 * clears an entry ({proposeClearNode}), which also cancels the department's pending changes.
 * @dev An entry with an empty `url` is no entry. Keys are uncompressed points without the 0x04 prefix (x || y,
 * 32 bytes each); the registry checks their length, not that they lie on the curve, so readers check that. The
 * URL is untrusted input for whoever reads it: the registry checks its scheme and length only.
 */
interface INodeDirectory {
    /// @dev `updatedAt` is the chain time the entry was set (at deployment or by an applied change).
    struct DepartmentNode {
        string url;
        bytes signingKey;
        bytes encryptionKey;
        uint64 updatedAt;
    }

    /// @notice A department's node entry was set, at deployment or by an applied SetNode change.
    /// @param departmentId The department.
    /// @param url The node's public base URL.
    /// @param signingKey The node's P-256 signing public key, x || y.
    /// @param encryptionKey The node's P-256 encryption (HPKE) public key, x || y.
    event DepartmentNodeChanged(uint32 indexed departmentId, string url, bytes signingKey, bytes encryptionKey);

    /// @notice The quorum cleared a department's node entry.
    /// @param departmentId The department.
    event DepartmentNodeCleared(uint32 indexed departmentId);

    /// @dev A node URL starts with "http://" or "https://", has something after it and is at most 200 bytes long.
    error InvalidNodeUrl(string url);
    /// @dev A node public key is 64 bytes (x || y); `length` is the length given.
    error InvalidNodeKey(uint256 length);

    /**
     * @notice Requests setting the caller's department's node entry (a signer change of kind SetNode, payload
     * `abi.encode(url, signingKey, encryptionKey)`); applied with {ISignerChanges-applySignerChange} once the
     * delay has passed.
     * @param url The node's public base URL: "http://" or "https://" and more, at most 200 bytes.
     * @param signingKey The node's P-256 signing public key, x || y (64 bytes).
     * @param encryptionKey The node's P-256 encryption public key, x || y (64 bytes).
     * @return changeId The new change's id.
     */
    function requestSetNode(
        string calldata url,
        bytes calldata signingKey,
        bytes calldata encryptionKey
    ) external returns (uint256 changeId);

    /**
     * @notice Proposes clearing a department's node entry (proposal kind ClearNode, empty data, the department as
     * target). At execution the entry is deleted and the department's pending signer changes are cancelled, so a
     * pending redirect requested with a stolen key dies with it.
     * @param departmentId The department, active or suspended, with or without an entry.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id.
     */
    function proposeClearNode(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId);

    /**
     * @notice A department's node entry. Reverts {IDepartmentRegistry-UnknownDepartment} for an unknown id.
     * @param departmentId The department id.
     * @return The entry; every field empty or zero when the department has none.
     */
    function departmentNode(uint32 departmentId) external view returns (DepartmentNode memory);
}
