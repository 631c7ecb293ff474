// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Delegation} from "./Delegation.sol";
import {IAccessGrants} from "../grants/IAccessGrants.sol";
import {GrantStorage} from "../grants/GrantStorage.sol";
import {IPasskeyGrants} from "../passkeys/IPasskeyGrants.sol";
import {IPasskeyReads} from "../passkeys/IPasskeyReads.sol";
import {PasskeyStorage} from "../passkeys/PasskeyStorage.sol";

/**
 * @title PasskeyCalls
 * @notice The registry's entry points for the passkey functions ({IPasskeyGrants}, {IPasskeyReads}): the two that verify an assertion
 * run in the {EthGovPasskeyExtension} by DELEGATECALL with the caller's calldata unchanged, as {ExtensionCalls} runs
 * the first extension's; the views read storage here.
 * @dev The passkey extension is deployed on its own and named in the registry's constructor, since its code cannot
 * be part of the registry's creation code (EIP-3860).
 */
abstract contract PasskeyCalls is IPasskeyReads, GrantStorage, PasskeyStorage {
    address private immutable _passkeyExtension;

    /// @notice Binds the registry to its passkey extension.
    /// @param passkeyExtension_ The deployed {EthGovPasskeyExtension}; an address without code reverts {InvalidPasskeyExtension}.
    constructor(address passkeyExtension_) {
        if (passkeyExtension_.code.length == 0) revert InvalidPasskeyExtension(passkeyExtension_);
        _passkeyExtension = passkeyExtension_;
    }

    /// @inheritdoc IPasskeyGrants
    function grantAccessByPasskey(
        bytes32 /* recordId */,
        uint32 /* granteeDepartment */,
        uint16 /* purpose */,
        uint64 /* expiresAt */,
        IAccessGrants.GrantTerms calldata /* terms */,
        PasskeyAssertion calldata /* assertion */,
        uint256 /* deadline */
    ) external returns (uint256 /* grantId */) {
        _delegatePasskey();
    }

    /// @inheritdoc IPasskeyGrants
    function revokeGrantByPasskey(
        uint256 /* grantId */,
        PasskeyAssertion calldata /* assertion */,
        uint256 /* deadline */
    ) external {
        _delegatePasskey();
    }

    /// @inheritdoc IPasskeyReads
    function passkeyNonce(bytes32 passkeyId) external view returns (uint256) {
        return _passkeyNonce(passkeyId);
    }

    /// @inheritdoc IPasskeyReads
    function grantPasskey(uint256 grantId) external view returns (bytes32) {
        StoredGrant storage stored = _existingGrant(grantId);
        return stored.basis == IAccessGrants.GrantBasis.PasskeyConsent ? stored.subject : bytes32(0);
    }

    /// @inheritdoc IPasskeyReads
    function passkeyExtension() external view returns (address) {
        return _passkeyExtension;
    }

    /// @dev Runs this call in the passkey extension by DELEGATECALL and returns or reverts with its answer.
    function _delegatePasskey() private {
        Delegation.forward(_passkeyExtension);
    }
}
