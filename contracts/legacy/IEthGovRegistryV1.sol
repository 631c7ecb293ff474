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

    function check(bytes32 digest) external view returns (DocumentView memory);

    function checkInBatch(
        bytes32 root,
        bytes32 digest,
        bytes32[] calldata proof
    ) external view returns (DocumentView memory);

    function departmentIdByCode(string calldata code) external view returns (uint32);
}
