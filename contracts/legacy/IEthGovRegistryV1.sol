// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title IEthGovRegistryV1
 * @notice The part of the registry 1.x ABI (1.0.0 and 1.1.0) that {ILegacyDocuments-revokeLegacy} reads.
 * @dev Field order and types match 1.x exactly; do not change them.
 */
interface IEthGovRegistryV1 {
    /// @dev 1.x statuses: Unknown, Valid, Expired, Revoked, Superseded.
    struct DocumentView {
        uint8 status;
        uint32 departmentId;
        uint8 departmentStatus;
        uint64 anchoredAt;
        uint64 anchoredBlock;
        uint64 validUntil;
        uint16 revocationReason;
        bytes32 successor;
    }

    /// @notice The 1.x status of a document anchored singly.
    /// @param digest The document digest.
    /// @return The 1.x document view; status Unknown when never anchored.
    function check(bytes32 digest) external view returns (DocumentView memory);

    /// @notice The 1.x status of a document inside a batch.
    /// @param root The batch root.
    /// @param digest The document digest.
    /// @param proof The StandardMerkleTree proof of `digest` under `root`.
    /// @return The 1.x document view; status Unknown when the batch or the proof is not found.
    function checkInBatch(
        bytes32 root,
        bytes32 digest,
        bytes32[] calldata proof
    ) external view returns (DocumentView memory);

    /// @notice The 1.x id of the department using `code`.
    /// @param code The department code.
    /// @return The 1.x department id, 0 when none.
    function departmentIdByCode(string calldata code) external view returns (uint32);
}
