// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentStorage} from "../departments/DepartmentStorage.sol";
import {IDocumentRegistry} from "../documents/IDocumentRegistry.sol";
import {IEthGovRegistryV1} from "./IEthGovRegistryV1.sol";
import {ILegacyDocuments} from "./ILegacyDocuments.sol";

/**
 * @title LegacyDocuments
 * @notice Revocation of documents anchored in registry 1.x before the cut-over (see {ILegacyDocuments}).
 * @dev Runs in the registry's extension; ERC-7201 namespaced storage (`ethgov.storage.LegacyDocuments`).
 * The 1.x registry is read, never written: its own answer (singly, or with the Merkle proof it checks itself)
 * establishes the anchoring department and block, and its `departmentIdByCode` maps the caller's department
 * code to its 1.x id. A revocation word per (department, digest): reason 0-15, revoked bit 16.
 */
abstract contract LegacyDocuments is ILegacyDocuments, DepartmentStorage {
    uint256 private constant _LEGACY_REVOKED = 1 << 16;
    /// @dev IEthGovRegistryV1 status Unknown.
    uint8 private constant _V1_UNKNOWN = 0;

    /// @custom:storage-location erc7201:ethgov.storage.LegacyDocuments
    struct LegacyLayout {
        mapping(uint32 departmentId => mapping(bytes32 digest => uint256 record)) revocations;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.LegacyDocuments")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _LEGACY_STORAGE = 0xd82efa11447c6687b2b7d6374b86135eaefc5a920a067410bc9b55e4d4f0ba00;

    address private immutable _legacyRegistry;
    uint64 private immutable _legacyCutoverBlock;

    /**
     * @notice Records the 1.x registry and the cut-over block.
     * @param legacyRegistryAddress The 1.x registry, or zero when there is none.
     * @dev Constructed in the registry's deployment transaction, so the cut-over block is the registry's.
     */
    constructor(address legacyRegistryAddress) {
        if (legacyRegistryAddress != address(0) && legacyRegistryAddress.code.length == 0) {
            revert InvalidLegacyRegistry(legacyRegistryAddress);
        }
        _legacyRegistry = legacyRegistryAddress;
        _legacyCutoverBlock = uint64(block.number);
    }

    /// @inheritdoc ILegacyDocuments
    function revokeLegacy(bytes32 root, bytes32 digest, bytes32[] calldata proof, uint16 reason) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        address legacy = _legacyRegistry;
        if (legacy == address(0)) revert NoLegacyRegistry();
        IEthGovRegistryV1.DocumentView memory document = root == bytes32(0)
            ? IEthGovRegistryV1(legacy).check(digest)
            : IEthGovRegistryV1(legacy).checkInBatch(root, digest, proof);
        if (document.status == _V1_UNKNOWN) revert LegacyDocumentNotFound(root, digest);
        if (document.anchoredBlock >= _legacyCutoverBlock) {
            revert LegacyAnchoredAfterCutover(digest, document.anchoredBlock);
        }
        if (IEthGovRegistryV1(legacy).departmentIdByCode(_knownDepartment(departmentId).code) != document.departmentId) {
            revert IDocumentRegistry.NotIssuingDepartment(digest, departmentId);
        }
        mapping(bytes32 => uint256) storage revocations = _legacyStorage().revocations[departmentId];
        if (revocations[digest] & _LEGACY_REVOKED != 0) revert IDocumentRegistry.AlreadyRevoked(digest);
        revocations[digest] = _LEGACY_REVOKED | reason;
        emit LegacyDocumentRevoked(digest, departmentId, root, reason);
    }

    /// @inheritdoc ILegacyDocuments
    function legacyRevocation(uint32 departmentId, bytes32 digest) external view returns (bool revoked, uint16 reason) {
        uint256 record = _legacyStorage().revocations[departmentId][digest];
        return (record & _LEGACY_REVOKED != 0, uint16(record));
    }

    /// @inheritdoc ILegacyDocuments
    function legacyRegistry() external view returns (address) {
        return _legacyRegistry;
    }

    /// @inheritdoc ILegacyDocuments
    function legacyCutoverBlock() external view returns (uint64) {
        return _legacyCutoverBlock;
    }

    function _legacyStorage() private pure returns (LegacyLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _LEGACY_STORAGE
        }
    }
}
