// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title IAccessGrants
 * @notice Who may read which record, for which purpose, until when, on which basis: the grants behind
 * the audit trail of cross-department data exchange ({IAccessLog} records each access). Record content
 * travels off chain; only identifiers, consent and events are recorded here. A citizen consents with a passkey
 * ({IPasskeyGrants}), never with an Ethereum key: a key's signature names its address to anyone who reads the
 * transaction, and one key's consents would link a citizen's records across departments.
 * @dev A grant is valid while it is not revoked and `block.timestamp <= expiresAt`. Every grant expires at
 * most {IGrantReads-MAX_GRANT_LIFETIME} after it is made; a department never grants to itself; a legal-basis grant is
 * only for a record its grantor department anchored (singly or in a batch, proven at grant time). The views are
 * in {IGrantReads}. A kind grant
 * covers every record of a kind its grantor department issues: the chain cannot tell a record's kind, so the
 * holder's node checks it before it releases anything. Every grant carries its {GrantTerms}.
 */
interface IAccessGrants {
    /// @dev `KindLegalBasis`: the grant's `recordId` holds a record kind id (SHA-256 of "ethgov:record-kind:" || name).
    /// `SubjectConsent`: an EIP-712 consent signed by an Ethereum key, made by registry 2.4.0 and earlier only; no
    /// function of this registry makes one, and the value keeps its number. `PasskeyConsent`: a citizen's consent given
    /// with a passkey ({IPasskeyGrants}); its `subject` is the passkey id. Appended to, never reordered.
    enum GrantBasis {
        LegalBasis,
        SubjectConsent,
        KindLegalBasis,
        PasskeyConsent
    }

    /// @dev `ViewOnce`: the grantee's node shows the content once and keeps nothing; `Store`: it keeps the content
    /// for the terms' `retentionDays`.
    enum GrantUse {
        ViewOnce,
        Store
    }

    /**
     * @dev What a grant allows, after the consent artefacts of DEPA and Myinfo. The holder's node enforces the
     * expiry and `maxFetches`; the grantee's node enforces `use` and `retentionDays`. `revocableBy` is a set of
     * flags: 1, the grantor side (the subject of a consent, the grantor department of a legal basis), and
     * 2, the grantee department (renouncing). Valid terms: `maxFetches >= 1`; `ViewOnce`
     * with `retentionDays == 0`, `Store` with `retentionDays >= 1`; no other flag; a consent always revocable
     * by its subject. Stored in the grant's second slot, beside its expiry, so they cost no new slot.
     */
    struct GrantTerms {
        GrantUse use;
        uint16 retentionDays;
        uint16 maxFetches;
        uint8 revocableBy;
    }

    /// @dev `grantorDepartment` is 0 for a citizen's consent. `subject` never holds an address: for a PasskeyConsent it
    /// is the passkey id; zero for a legal-basis grant. A view's answer, never stored: its field order is the ABI tuple
    /// clients decode.
    struct Grant { // solhint-disable-line gas-struct-packing
        bytes32 recordId;
        uint32 grantorDepartment;
        bytes32 subject;
        uint32 granteeDepartment;
        uint16 purpose;
        uint64 expiresAt;
        GrantBasis basis;
        bool revoked;
        GrantTerms terms;
    }

    /// @notice A department or a subject granted a department access to a record.
    /// @param grantId The new grant's id.
    /// @param recordId The record's document digest.
    /// @param granteeDepartment The department receiving access.
    /// @param grantorDepartment The granting department; 0 for a subject's consent.
    /// @param subject The grant's subject as {Grant} holds it: the passkey id of a passkey consent, never an address;
    /// zero for a legal-basis grant.
    /// @param purpose Application-defined purpose code.
    /// @param expiresAt Unix time after which the grant is no longer valid.
    /// @param basis Legal basis, passkey consent, or legal basis for a record kind.
    /// @param legalBasis Reference to the legal basis; zero for a subject's consent.
    /// @param terms What the grant allows.
    event AccessGranted(
        uint256 indexed grantId,
        bytes32 indexed recordId,
        uint32 indexed granteeDepartment,
        uint32 grantorDepartment,
        bytes32 subject,
        uint16 purpose,
        uint64 expiresAt,
        GrantBasis basis,
        bytes32 legalBasis,
        GrantTerms terms
    );
    /// @notice A grant was revoked.
    /// @param grantId The grant.
    /// @param recordId The record it covered.
    /// @param revokedBy The key of the grantor department or of the grantee department that revoked it; zero when the
    /// quorum revoked a legal-basis grant (proposal RevokeGrants). A passkey's revocation emits
    /// {IPasskeyGrants-PasskeyConsentRevoked} instead.
    event GrantRevoked(uint256 indexed grantId, bytes32 indexed recordId, address revokedBy);

    error GrantNotFound(uint256 grantId);
    /// @dev The grant is revoked or expired.
    error GrantNotActive(uint256 grantId);
    /// @dev `account` may not revoke the grant: it is no party to it, or its side is not in the terms' `revocableBy`.
    error NotRevoker(uint256 grantId, address account);
    /// @dev The terms break a rule of {GrantTerms}.
    error InvalidTerms(GrantUse use, uint16 retentionDays, uint16 maxFetches, uint8 revocableBy);
    /// @dev A subject's consent must stay revocable by the subject (flag 1 in `revocableBy`).
    error ConsentIrrevocable(uint8 revocableBy);
    /// @dev `expiresAt` must lie in the future and at most {IGrantReads-MAX_GRANT_LIFETIME} ahead.
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
     * @param expiresAt Unix time after which the grant is no longer valid (at most {IGrantReads-MAX_GRANT_LIFETIME} ahead).
     * @param legalBasis Reference to the legal basis (e.g. a hash of the statute reference); emitted only.
     * @param terms What the grant allows (else {InvalidTerms}).
     * @return grantId The new grant's id (ids start at 1).
     */
    function grantAccess(
        bytes32 recordId,
        bytes32 root,
        bytes32[] calldata proof,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        bytes32 legalBasis,
        GrantTerms calldata terms
    ) external returns (uint256 grantId);

    /**
     * @notice Grants a department access, under a legal basis, to every record of a kind the caller's department
     * issues (as a statute opens one register to another agency). Basis {GrantBasis-KindLegalBasis}; the grant's
     * `recordId` is the kind id. The caller is an active signer; the grantee is another, active department.
     * @param kind The record kind id: SHA-256 of UTF-8 "ethgov:record-kind:" followed by the kind's name; non-zero.
     * @param granteeDepartment The active department receiving access, not the caller's.
     * @param purpose Application-defined purpose code.
     * @param expiresAt Unix time after which the grant is no longer valid (at most {IGrantReads-MAX_GRANT_LIFETIME} ahead).
     * @param legalBasis Reference to the legal basis; emitted only.
     * @param terms What the grant allows (else {InvalidTerms}).
     * @return grantId The new grant's id.
     */
    function grantKindAccess(
        bytes32 kind,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        bytes32 legalBasis,
        GrantTerms calldata terms
    ) external returns (uint256 grantId);

    /**
     * @notice Revokes a grant, as its terms' `revocableBy` allows: with flag 1, to an active signer of the grantor
     * department; with flag 2, to an active signer of the grantee department. Anyone else: {NotRevoker}. The subject
     * of a passkey consent revokes it with {IPasskeyGrants-revokeGrantByPasskey}.
     * @param grantId The grant id.
     */
    function revokeGrant(uint256 grantId) external;

    /**
     * @notice Proposes that the quorum revoke grants made by suspended departments (e.g. a rogue department
     * that granted access before it was suspended). The caller's department approves at once. At execution
     * each grant's grantor department must be suspended; grants already revoked or expired are skipped.
     * @param grantIds Legal-basis grants whose grantor department is suspended.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id (kind RevokeGrants).
     */
    function proposeRevokeGrants(uint256[] calldata grantIds, uint64 deadline) external returns (uint256 proposalId);
}
