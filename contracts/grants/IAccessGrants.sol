// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title IAccessGrants
 * @notice Who may read which record, for which purpose, until when, on which basis: the grants behind
 * the audit trail of cross-department data exchange ({IAccessLog} records each access). Record content
 * travels off chain; only identifiers, consent and events are recorded here.
 * The `*BySig` functions revert with the errors of {IDelegatedSignatures}.
 * @dev A grant is valid while it is not revoked and `block.timestamp <= expiresAt`. Every grant expires at
 * most {MAX_GRANT_LIFETIME} after it is made; a department never grants to itself; a legal-basis grant is
 * only for a record its grantor department anchored (singly or in a batch, proven at grant time).
 */
interface IAccessGrants {
    enum GrantBasis {
        LegalBasis,
        SubjectConsent
    }

    /// @dev `grantorDepartment` is 0 for a subject's consent; `subject` is zero for a legal-basis grant. A view's
    /// answer, never stored: its field order is the ABI tuple clients decode.
    struct Grant { // solhint-disable-line gas-struct-packing
        bytes32 recordId;
        uint32 grantorDepartment;
        address subject;
        uint32 granteeDepartment;
        uint16 purpose;
        uint64 expiresAt;
        GrantBasis basis;
        bool revoked;
    }

    /// @notice A department or a subject granted a department access to a record.
    /// @param grantId The new grant's id.
    /// @param recordId The record's document digest.
    /// @param granteeDepartment The department receiving access.
    /// @param grantorDepartment The granting department; 0 for a subject's consent.
    /// @param subject The consenting subject; zero for a legal-basis grant.
    /// @param purpose Application-defined purpose code.
    /// @param expiresAt Unix time after which the grant is no longer valid.
    /// @param basis Legal basis or subject consent.
    /// @param legalBasis Reference to the legal basis; zero for a subject's consent.
    event AccessGranted(
        uint256 indexed grantId,
        bytes32 indexed recordId,
        uint32 indexed granteeDepartment,
        uint32 grantorDepartment,
        address subject,
        uint16 purpose,
        uint64 expiresAt,
        GrantBasis basis,
        bytes32 legalBasis
    );
    /// @notice A grant was revoked.
    /// @param grantId The grant.
    /// @param recordId The record it covered.
    /// @param revokedBy The key of the grantor department or the subject that revoked it; zero when the quorum
    /// revoked the grant (proposal RevokeGrants).
    event GrantRevoked(uint256 indexed grantId, bytes32 indexed recordId, address revokedBy);

    error GrantNotFound(uint256 grantId);
    /// @dev The grant is revoked or expired.
    error GrantNotActive(uint256 grantId);
    error NotGrantorOrSubject(uint256 grantId, address account);
    /// @dev `expiresAt` must lie in the future and at most {MAX_GRANT_LIFETIME} ahead.
    error InvalidExpiry(uint64 expiresAt);
    error ZeroRecordId();
    /// @dev A department cannot grant access to itself.
    error SelfGrant(uint32 departmentId);
    /// @dev The quorum revokes only grants whose grantor department is suspended (never a subject's consent).
    error GrantorNotSuspended(uint256 grantId, uint32 grantorDepartment);

    /**
     * @notice Grants a department access to a record the caller's department issued, under a legal basis.
     * The record must be anchored by the caller's department: singly (`root` zero) or as a leaf of one of its
     * batches, else {IDocumentRegistry-NotIssuingDepartment}(recordId, callerDepartment).
     * @param recordId The record's document digest.
     * @param root The batch root the record was anchored under, or zero for a single anchor.
     * @param proof The StandardMerkleTree proof of `recordId` under `root` (empty when `root` is zero).
     * @param granteeDepartment The active department receiving access, not the caller's.
     * @param purpose Application-defined purpose code.
     * @param expiresAt Unix time after which the grant is no longer valid (at most {MAX_GRANT_LIFETIME} ahead).
     * @param legalBasis Reference to the legal basis (e.g. a hash of the statute reference); emitted only.
     * @return grantId The new grant's id (ids start at 1).
     */
    function grantAccess(
        bytes32 recordId,
        bytes32 root,
        bytes32[] calldata proof,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        bytes32 legalBasis
    ) external returns (uint256 grantId);

    /**
     * @notice Records a subject's consent, signed as
     * `Consent(bytes32 recordId,uint32 granteeDepartment,uint16 purpose,uint64 expiresAt,uint256 nonce,uint256 deadline)`
     * and submitted by anyone.
     * @param recordId Identifier of the record.
     * @param granteeDepartment The active department receiving access.
     * @param purpose Application-defined purpose code.
     * @param expiresAt Unix time after which the grant is no longer valid (at most {MAX_GRANT_LIFETIME} ahead).
     * @param subject The person consenting (the signer).
     * @param deadline Unix time after which the signature is refused.
     * @param signature 65-byte ECDSA signature.
     * @return grantId The new grant's id.
     */
    function grantAccessBySig(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        address subject,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 grantId);

    /**
     * @notice Revokes a grant; allowed to an active signer of the grantor department or to the subject.
     * @param grantId The grant id.
     */
    function revokeGrant(uint256 grantId) external;

    /**
     * @notice Revokes a consent grant on behalf of its subject, who signed
     * `RevokeConsent(uint256 grantId,uint256 nonce,uint256 deadline)`.
     * @param grantId The grant id.
     * @param subject The grant's subject (the signer).
     * @param deadline Unix time after which the signature is refused.
     * @param signature 65-byte ECDSA signature.
     */
    function revokeGrantBySig(uint256 grantId, address subject, uint256 deadline, bytes calldata signature) external;

    /**
     * @notice Proposes that the quorum revoke grants made by suspended departments (e.g. a rogue department
     * that granted access before it was suspended). The caller's department approves at once. At execution
     * each grant's grantor department must be suspended; grants already revoked or expired are skipped.
     * @param grantIds Legal-basis grants whose grantor department is suspended.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id (kind RevokeGrants).
     */
    function proposeRevokeGrants(uint256[] calldata grantIds, uint64 deadline) external returns (uint256 proposalId);

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
