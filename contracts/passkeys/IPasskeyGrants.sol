// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessGrants} from "../grants/IAccessGrants.sol";

/**
 * @title IPasskeyGrants
 * @notice A citizen's consent given with a passkey (WebAuthn, P-256), the only way a citizen consents: the passkey signs a
 * WebAuthn assertion whose challenge is the EIP-712 digest of a {PasskeyConsent} binding exactly the grant, and the
 * registry verifies it through the P256VERIFY precompile (EIP-7951, address 0x100). The grant stores and emits the
 * passkey id, keccak256(x || y) of the passkey's public key: never an address, nor who holds the passkey. Its
 * {IAccessGrants-AccessGranted} event has basis PasskeyConsent and the passkey id as its subject; {PasskeyConsentGranted}
 * follows it with the passkey id as a topic, so a passkey's grants are found by one log filter.
 * @dev EIP-712 types (exact strings):
 * `PasskeyConsent(bytes32 recordId,uint32 granteeDepartment,uint16 purpose,uint64 expiresAt,uint8 use,uint16 retentionDays,uint16 maxFetches,uint8 revocableBy,bytes32 passkeyId,uint256 nonce,uint256 deadline)`
 * and `PasskeyRevocation(uint256 grantId,bytes32 passkeyId,uint256 nonce,uint256 deadline)`, in the registry's
 * domain (name "EthGov", version "1", the chain id, the registry's address). The record id is the digest of the
 * record's content, which carries the record's subject commitment, so binding the record id binds the commitment.
 * Each passkey id has its own nonce ({IPasskeyReads-passkeyNonce}): an
 * assertion verifies once. The assertion must carry the user-present and user-verified flags; a high-s signature is
 * accepted as its low-s equivalent (authenticators produce either). A past deadline reverts
 * {IDelegatedSignatures-ExpiredSignature}.
 */
interface IPasskeyGrants {
    /**
     * @dev A WebAuthn assertion (`navigator.credentials.get`) by the passkey whose public key is (`x`, `y`). `r` and
     * `s` are the signature's halves (the DER signature decoded); `clientDataJSON` must be the exact bytes the browser
     * returned. WebAuthn's serialization of the client data (Level 2, 5.8.1.1) always begins
     * `{"type":"webauthn.get","challenge":"`, so the type and challenge sit at offsets 1 and 23 and travel in no
     * calldata word of their own.
     */
    struct PasskeyAssertion {
        bytes32 x;
        bytes32 y;
        bytes32 r;
        bytes32 s;
        bytes authenticatorData;
        string clientDataJSON;
    }

    /// @notice A passkey consented to the grant `grantId`, announced just before by {IAccessGrants-AccessGranted}.
    /// @param grantId The grant.
    /// @param passkeyId keccak256(x || y) of the consenting passkey's public key.
    event PasskeyConsentGranted(uint256 indexed grantId, bytes32 indexed passkeyId);

    /// @notice The passkey that consented to a grant revoked it.
    /// @param grantId The grant.
    /// @param recordId The record it covered.
    /// @param passkeyId The revoking passkey.
    event PasskeyConsentRevoked(uint256 indexed grantId, bytes32 indexed recordId, bytes32 indexed passkeyId);

    /// @dev The authenticator data lacks the user-present (0x01) or user-verified (0x04) flag: `flags` is its flags byte.
    error PasskeyUserNotVerified(bytes32 passkeyId, bytes1 flags);

    /// @dev The assertion's client data does not carry `challenge`, the digest this call expects: it was signed for
    /// another grant, another record or department, another chain or registry, or a used nonce.
    error PasskeyChallengeMismatch(bytes32 passkeyId, bytes32 challenge);

    /// @dev The assertion carries the expected challenge, but it is not `webauthn.get`, its authenticator data is
    /// shorter than 37 bytes, or the signature does not verify over its authenticator data and client data.
    error InvalidPasskeySignature(bytes32 passkeyId);

    /// @dev `passkeyId` did not consent to the grant (or the grant is not a passkey consent).
    error NotGrantPasskey(uint256 grantId, bytes32 passkeyId);

    /**
     * @notice Records a citizen's consent given with a passkey; anyone submits it. Basis PasskeyConsent, no grantor
     * department; the grant's subject is the passkey id ({PasskeyConsentGranted}). The rules of every grant apply
     * ({IAccessGrants-InvalidTerms}, {IAccessGrants-ConsentIrrevocable}, {IAccessGrants-InvalidExpiry}, an active grantee).
     * @param recordId The record's document digest.
     * @param granteeDepartment The active department receiving access.
     * @param purpose Application-defined purpose code.
     * @param expiresAt Unix time after which the grant is no longer valid (at most {IGrantReads-MAX_GRANT_LIFETIME} ahead).
     * @param terms What the citizen allows; part of what the passkey signs.
     * @param assertion The passkey's assertion over the {PasskeyConsent} digest.
     * @param deadline Unix time after which the assertion is refused.
     * @return grantId The new grant's id.
     */
    function grantAccessByPasskey(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        IAccessGrants.GrantTerms calldata terms,
        PasskeyAssertion calldata assertion,
        uint256 deadline
    ) external returns (uint256 grantId);

    /**
     * @notice Revokes a passkey consent on behalf of the passkey that gave it, which signed a {PasskeyRevocation};
     * anyone submits it. Another passkey: {NotGrantPasskey}; a revoked or expired grant: {IAccessGrants-GrantNotActive}.
     * @param grantId The grant id.
     * @param assertion The passkey's assertion over the {PasskeyRevocation} digest.
     * @param deadline Unix time after which the assertion is refused.
     */
    function revokeGrantByPasskey(uint256 grantId, PasskeyAssertion calldata assertion, uint256 deadline) external;
}
