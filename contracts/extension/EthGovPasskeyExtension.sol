// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {PasskeyGrants} from "../passkeys/PasskeyGrants.sol";
import {RegistryDomain} from "./RegistryDomain.sol";

/**
 * @title EthGovPasskeyExtension
 * @notice The registry's passkey functions (consent and revocation by a citizen's passkey, {IPasskeyGrants}). It has no
 * address of its own for users: deployed before the registry, whose constructor takes its address, it runs only by
 * DELEGATECALL from the registry, on the registry's storage, emitting the registry's events.
 * @dev A second extension because the registry's creation code, which holds its first extension's, would pass
 * EIP-3860's 49,152 bytes with the WebAuthn code in it, and the first extension is at EIP-170's limit. It has no
 * constructor and no immutables, so its code on chain equals the artifact's and a node checks it byte for byte. Called
 * directly, it finds its own storage empty (no grants, no departments), so every function is refused.
 */
contract EthGovPasskeyExtension is PasskeyGrants, RegistryDomain {
    /// @dev The registry's EIP-712 domain ({RegistryDomain}).
    function _domainSeparator() internal view override returns (bytes32) {
        return _registryDomainSeparator();
    }
}
