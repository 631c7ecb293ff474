// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;


/**
 * @title IAccessGrants
 * @notice The audit trail of cross-department data exchange: who may read which record, for which
 * purpose, until when, on which basis, and every access made under a grant. Record content travels
 * off chain; only identifiers, consent and events are recorded here.
 * The `*BySig` functions revert with the errors of {IDelegatedSignatures}.
 * @dev A grant is valid while it is not revoked and `block.timestamp <= expiresAt`.
 */
interface IAccessGrants {
    enum GrantBasis {
        LegalBasis,
        SubjectConsent
    }

    /// @dev `grantorDepartment` is 0 for a subject's consent; `subject` is zero for a legal-basis grant.
    struct Grant {
        bytes32 recordId;
        uint32 grantorDepartment;
        address subject;
        uint32 granteeDepartment;
        uint16 purpose;
        uint64 expiresAt;
        GrantBasis basis;
        bool revoked;
    }

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
    event GrantRevoked(uint256 indexed grantId, bytes32 indexed recordId, address revokedBy);
    event AccessLogged(uint256 indexed grantId, bytes32 indexed recordId, uint32 indexed granteeDepartment);

    error GrantNotFound(uint256 grantId);
    /// @dev The grant is revoked or expired.
    error GrantNotActive(uint256 grantId);
    error NotGrantee(uint256 grantId, address account);
    error NotGrantorOrSubject(uint256 grantId, address account);
    /// @dev `expiresAt` must lie in the future.
    error InvalidExpiry(uint64 expiresAt);
    error ZeroRecordId();

    /**
     * @notice Grants a department access to a record held by the caller's department, under a legal basis.
     * @param recordId Identifier of the record (e.g. its digest).
     * @param granteeDepartment The active department receiving access.
     * @param purpose Application-defined purpose code.
     * @param expiresAt Unix time after which the grant is no longer valid.
     * @param legalBasis Reference to the legal basis (e.g. a hash of the statute reference); emitted only.
     * @return grantId The new grant's id (ids start at 1).
     */
    function grantAccess(
        bytes32 recordId,
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
     * @param expiresAt Unix time after which the grant is no longer valid.
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
     * @notice Logs one access to the granted record by the caller, an active signer of the grantee department.
     * @param grantId A valid grant.
     */
    function logAccess(uint256 grantId) external;

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
}
