// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {WebAuthn} from "@openzeppelin/contracts/utils/cryptography/WebAuthn.sol";
import {GrantRules} from "../grants/GrantRules.sol";
import {IAccessGrants} from "../grants/IAccessGrants.sol";
import {IDelegatedSignatures} from "../signatures/IDelegatedSignatures.sol";
import {IPasskeyGrants} from "./IPasskeyGrants.sol";
import {PasskeyStorage} from "./PasskeyStorage.sol";

/**
 * @title PasskeyGrants
 * @notice Making and revoking grants with a citizen's passkey (see {IPasskeyGrants}).
 * @dev Runs in the passkey extension, by DELEGATECALL from the registry. OpenZeppelin's {WebAuthn} checks the
 * assertion and {P256} the signature, through the P256VERIFY precompile when the chain has it (Osaka). The checks
 * that name a refusal precisely (flags before, challenge after a failed verification) cost nothing on success.
 */
abstract contract PasskeyGrants is IPasskeyGrants, GrantRules, PasskeyStorage {
    // EIP-712 type strings are as long as their types and are hashed at compile time: no string reaches the
    // bytecode, so `gas-small-strings` does not apply to them.
    // solhint-disable gas-small-strings
    bytes32 private constant _PASSKEY_CONSENT_TYPEHASH =
        keccak256(
            "PasskeyConsent(bytes32 recordId,uint32 granteeDepartment,uint16 purpose,uint64 expiresAt,uint8 use,uint16 retentionDays,uint16 maxFetches,uint8 revocableBy,bytes32 passkeyId,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant _PASSKEY_REVOCATION_TYPEHASH =
        keccak256("PasskeyRevocation(uint256 grantId,bytes32 passkeyId,uint256 nonce,uint256 deadline)");
    // solhint-enable gas-small-strings

    /// @dev The authenticator data flags a consent requires: user present (0x01) and user verified (0x04).
    bytes1 private constant _UP_UV = 0x05;
    /// @dev Where WebAuthn's serialization puts `"type":"` and `"challenge":"` in the client data JSON.
    uint256 private constant _TYPE_INDEX = 1;
    uint256 private constant _CHALLENGE_INDEX = 23;

    /// @inheritdoc IPasskeyGrants
    function grantAccessByPasskey(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        IAccessGrants.GrantTerms calldata terms,
        PasskeyAssertion calldata assertion,
        uint256 deadline
    ) external returns (uint256 grantId) {
        bytes32 passkeyId = keccak256(abi.encode(assertion.x, assertion.y));
        bytes32 structHash = keccak256(
            abi.encode(
                _PASSKEY_CONSENT_TYPEHASH,
                recordId,
                granteeDepartment,
                purpose,
                expiresAt,
                terms,
                passkeyId,
                _usePasskeyNonce(passkeyId),
                deadline
            )
        );
        _checkAssertion(passkeyId, structHash, assertion, deadline);
        grantId = _storeGrant(
            recordId,
            granteeDepartment,
            purpose,
            expiresAt,
            0,
            passkeyId,
            IAccessGrants.GrantBasis.PasskeyConsent,
            bytes32(0),
            terms
        );
        emit PasskeyConsentGranted(grantId, passkeyId);
    }

    /// @inheritdoc IPasskeyGrants
    function revokeGrantByPasskey(uint256 grantId, PasskeyAssertion calldata assertion, uint256 deadline) external {
        StoredGrant storage stored = _existingGrant(grantId);
        bytes32 passkeyId = keccak256(abi.encode(assertion.x, assertion.y));
        if (stored.basis != IAccessGrants.GrantBasis.PasskeyConsent || stored.subject != passkeyId) {
            revert NotGrantPasskey(grantId, passkeyId);
        }
        bytes32 structHash = keccak256(
            abi.encode(_PASSKEY_REVOCATION_TYPEHASH, grantId, passkeyId, _usePasskeyNonce(passkeyId), deadline)
        );
        _checkAssertion(passkeyId, structHash, assertion, deadline);
        emit PasskeyConsentRevoked(grantId, _revokeGrant(grantId, stored), passkeyId);
    }

    /// @dev The registry's EIP-712 domain separator.
    function _domainSeparator() internal view virtual returns (bytes32);

    /**
     * @dev Reverts unless `assertion` is the passkey's user-verified WebAuthn assertion over the EIP-712 digest of
     * `structHash`, before `deadline`. The caller builds `structHash` with the passkey's nonce, so an assertion
     * verifies once. A high-s signature is turned into its low-s twin, which {P256} requires.
     */
    function _checkAssertion(
        bytes32 passkeyId,
        bytes32 structHash,
        PasskeyAssertion calldata assertion,
        uint256 deadline
    ) private view {
        if (block.timestamp > deadline) revert IDelegatedSignatures.ExpiredSignature(deadline);
        bytes calldata authenticatorData = assertion.authenticatorData;
        if (authenticatorData.length < 37) revert InvalidPasskeySignature(passkeyId);
        bytes1 flags = authenticatorData[32];
        if (flags & _UP_UV != _UP_UV) revert PasskeyUserNotVerified(passkeyId, flags);
        bytes32 digest = MessageHashUtils.toTypedDataHash(_domainSeparator(), structHash);
        uint256 s = uint256(assertion.s);
        if (s > P256.N >> 1) s = P256.N - s;
        bool verified = WebAuthn.verify(
            abi.encodePacked(digest),
            WebAuthn.WebAuthnAuth({
                r: assertion.r,
                s: bytes32(s),
                challengeIndex: _CHALLENGE_INDEX,
                typeIndex: _TYPE_INDEX,
                authenticatorData: authenticatorData,
                clientDataJSON: assertion.clientDataJSON
            }),
            assertion.x,
            assertion.y
        );
        if (!verified) {
            if (!_carriesChallenge(assertion, digest)) revert PasskeyChallengeMismatch(passkeyId, digest);
            revert InvalidPasskeySignature(passkeyId);
        }
    }

    /// @dev Whether the client data holds `"challenge":"<base64url of digest>"` where WebAuthn puts it.
    function _carriesChallenge(PasskeyAssertion calldata assertion, bytes32 digest) private pure returns (bool) {
        bytes calldata json = bytes(assertion.clientDataJSON);
        bytes memory expected = bytes.concat("\"challenge\":\"", bytes(Base64.encodeURL(abi.encodePacked(digest))), "\"");
        if (json.length < _CHALLENGE_INDEX + expected.length) return false;
        return keccak256(json[_CHALLENGE_INDEX:_CHALLENGE_INDEX + expected.length]) == keccak256(expected);
    }
}
