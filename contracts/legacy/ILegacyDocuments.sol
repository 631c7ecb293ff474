// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title ILegacyDocuments
 * @notice Keeps documents anchored in registry 1.x revocable by their department after the cut-over to this
 * registry. The cut-over block is this registry's deployment block: a verifier reads a 1.x document at block
 * `legacyCutoverBlock() - 1` of the 1.x registry (so nothing done in 1.x after the cut-over counts), then asks
 * {legacyRevocation} here. A department is matched across registries by its code, since ids may differ.
 */
interface ILegacyDocuments {
    /// @notice A department revoked here a document it anchored in registry 1.x.
    /// @param digest The document digest.
    /// @param departmentId This registry's id of the issuing department.
    /// @param root The 1.x batch root; zero for a document anchored singly in 1.x.
    /// @param reason A code of the published revocation reasons (see {IDocumentRegistry}).
    event LegacyDocumentRevoked(bytes32 indexed digest, uint32 indexed departmentId, bytes32 indexed root, uint16 reason);

    /// @dev This registry was deployed without a 1.x registry.
    error NoLegacyRegistry();
    /// @dev The constructor's legacy registry address holds no contract.
    error InvalidLegacyRegistry(address legacyRegistry);
    /// @dev The 1.x registry answers Unknown for `digest` (singly when `root` is zero, else under `root` with the proof).
    error LegacyDocumentNotFound(bytes32 root, bytes32 digest);
    /// @dev The document was anchored in 1.x at or after the cut-over block, so it does not count.
    error LegacyAnchoredAfterCutover(bytes32 digest, uint64 anchoredBlock);

    /**
     * @notice Revokes a document that the caller's department (same department code) anchored in the 1.x
     * registry before the cut-over block. Reverts {NotIssuingDepartment} when 1.x attributes it to another
     * code, {AlreadyRevoked} when it was revoked here before.
     * @param root The 1.x batch root, or zero for a document anchored singly in 1.x.
     * @param digest The document digest.
     * @param proof The StandardMerkleTree proof of `digest` under `root` (empty when `root` is zero).
     * @param reason A code of the published revocation reasons (see {IDocumentRegistry}).
     */
    function revokeLegacy(bytes32 root, bytes32 digest, bytes32[] calldata proof, uint16 reason) external;

    /**
     * @notice A revocation made here of a 1.x document, keyed like a batch leaf by (department, digest).
     * @param departmentId This registry's id of the issuing department.
     * @param digest The document digest.
     * @return revoked Whether the department revoked the 1.x document here.
     * @return reason The reason code, 0 when not revoked.
     */
    function legacyRevocation(uint32 departmentId, bytes32 digest) external view returns (bool revoked, uint16 reason);

    /// @notice The 1.x registry whose documents this registry keeps revocable.
    /// @return The 1.x registry's address, zero when none.
    function legacyRegistry() external view returns (address);

    /// @notice The cut-over block: this registry's deployment block.
    /// @return The block number; 1.x anchors at or after it do not count.
    function legacyCutoverBlock() external view returns (uint64);
}
