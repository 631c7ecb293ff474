// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title ISignerChanges
 * @notice Time-locked changes a department makes to itself: a signer requests one, and it can be applied
 * by any active signer of the department once `signerChangeDelay` has passed since the request. Until then
 * any active signer of the department can cancel it, and the quorum cancels every pending change of a
 * department by suspending or recovering it (so does a compromise report). One stolen key alone therefore
 * cannot complete a change before the department's other keys or the other departments can stop it.
 * @dev Changes are generic (a kind and an ABI-encoded payload) so that later kinds follow the same rule.
 * Payload per kind:
 * - AddSigner: `abi.encode(address signer)`; the new key consented with an EIP-712 signature of
 *   `SignerConsent(uint32 departmentId,uint256 nonce,uint256 deadline)` (nonce: the new key's {nonces}).
 * - RemoveSigner: `abi.encode(address signer)`.
 * - SetNode: `abi.encode(string url, bytes signingKey, bytes encryptionKey)`, the department's node entry
 *   (see {INodeDirectory-requestSetNode}).
 */
interface ISignerChanges {
    /// @dev Appended to, never reordered: later versions add kinds at the end.
    enum SignerChangeKind {
        AddSigner,
        RemoveSigner,
        SetNode
    }

    /// @dev Cancelled also covers a change cancelled together with all its department's pending changes.
    enum SignerChangeStatus {
        None,
        Pending,
        Applied,
        Cancelled
    }

    /// @dev `executableAt` is `requestedAt + signerChangeDelay`.
    struct SignerChange {
        SignerChangeKind kind;
        uint32 departmentId;
        address requestedBy;
        uint64 requestedAt;
        uint64 executableAt;
        SignerChangeStatus status;
        bytes data;
    }

    /// @notice A signer of a department requested a change to the department's keys or node entry.
    /// @param changeId The new change's id.
    /// @param departmentId The department.
    /// @param kind What the change does.
    /// @param requestedBy The requesting key.
    /// @param executableAt Unix time from which the change can be applied.
    /// @param data The payload, ABI-encoded per kind.
    event SignerChangeRequested(
        uint256 indexed changeId,
        uint32 indexed departmentId,
        SignerChangeKind kind,
        address requestedBy,
        uint64 executableAt,
        bytes data
    );

    /// @notice A pending change was applied.
    /// @param changeId The change.
    /// @param departmentId The department.
    /// @param appliedBy The key that applied it.
    event SignerChangeApplied(uint256 indexed changeId, uint32 indexed departmentId, address appliedBy);

    /// @notice A pending change was cancelled by a signer of its department.
    /// @param changeId The change.
    /// @param departmentId The department.
    /// @param cancelledBy The key that cancelled it.
    event SignerChangeCancelled(uint256 indexed changeId, uint32 indexed departmentId, address cancelledBy);

    /// @notice Every change of the department pending at this moment is cancelled (suspension, recovery,
    /// compromise report).
    /// @param departmentId The department.
    event PendingSignerChangesCancelled(uint32 indexed departmentId);

    error SignerChangeNotFound(uint256 changeId);
    /// @dev The change was applied or cancelled already.
    error SignerChangeNotPending(uint256 changeId);
    /// @dev The change can be applied from `executableAt` on.
    error SignerChangeTooEarly(uint256 changeId, uint64 executableAt);
    /// @dev The delay must not exceed 30 days.
    error InvalidSignerChangeDelay(uint64 delay);

    /**
     * @notice Requests adding `signer` to the caller's department, with the new key's consent.
     * @param signer A key that is not registered with any department and was never reported compromised.
     * @param deadline Unix time after which the consent signature is refused.
     * @param signature `signer`'s 65-byte EIP-712 signature of
     * `SignerConsent(uint32 departmentId,uint256 nonce,uint256 deadline)` for the caller's department.
     * @return changeId The new change's id (ids start at 1).
     */
    function requestAddSigner(
        address signer,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 changeId);

    /**
     * @notice Requests removing `signer` from the caller's department (never its last key).
     * @param signer A current key of the caller's department (possibly the caller itself).
     * @return changeId The new change's id.
     */
    function requestRemoveSigner(address signer) external returns (uint256 changeId);

    /**
     * @notice Applies a pending change of the caller's department once its delay has passed; the change's
     * conditions (key unregistered, signer limit, not the last key) are checked again. A SetNode change replaces
     * the department's node entry.
     * @param changeId The change id.
     */
    function applySignerChange(uint256 changeId) external;

    /**
     * @notice Cancels a pending change of the caller's department.
     * @param changeId The change id.
     */
    function cancelSignerChange(uint256 changeId) external;

    /**
     * @notice A signer change. Reverts {SignerChangeNotFound} for an unknown id.
     * @param changeId The change id.
     * @return The change, its status derived now.
     */
    function signerChange(uint256 changeId) external view returns (SignerChange memory);

    /// @notice The number of signer changes ever requested; ids run from 1 to this number.
    /// @return The change count.
    function signerChangeCount() external view returns (uint256);

    /// @notice Seconds between a signer change's request and the earliest moment it can be applied.
    /// @return The delay, fixed at deployment (at most 30 days).
    function signerChangeDelay() external view returns (uint64);
}
