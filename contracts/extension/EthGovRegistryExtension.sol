// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {NodeDirectory} from "../departments/NodeDirectory.sol";
import {SignerChanges} from "../departments/SignerChanges.sol";
import {AccessGrants} from "../grants/AccessGrants.sol";
import {LegacyDocuments} from "../legacy/LegacyDocuments.sol";
import {RegistryDomain} from "./RegistryDomain.sol";

/**
 * @title EthGovRegistryExtension
 * @notice The registry's functions that are not on a hot path: governance, keys and signer changes, the node
 * directory, making and revoking grants, and legacy revocation. It has no address of its own for users: {EthGovRegistry} creates it
 * in its constructor and runs it only by DELEGATECALL, so it acts on the registry's storage, emits the
 * registry's events and sees the registry's caller.
 * @dev Exists because the registry as one contract exceeds the EIP-170 code size limit (24,576 bytes). All
 * state lives in ERC-7201 namespaced storage shared with the registry. Called directly, it finds its own
 * storage empty (no departments, no signers), so every function is refused or answers nothing.
 */
contract EthGovRegistryExtension is NodeDirectory, AccessGrants, LegacyDocuments, RegistryDomain {
    /**
     * @notice Created by the registry's constructor, with the registry's deployment settings.
     * @param signerChangeDelaySeconds Seconds between a signer change's request and its earliest apply (at most 30 days).
     * @param legacyRegistryAddress The registry 1.x whose documents stay revocable, or zero for none.
     */
    constructor(
        uint64 signerChangeDelaySeconds,
        address legacyRegistryAddress
    ) SignerChanges(signerChangeDelaySeconds) LegacyDocuments(legacyRegistryAddress) {}

    /// @dev The registry's EIP-712 domain ({RegistryDomain}).
    function _domainSeparator() internal view override returns (bytes32) {
        return _registryDomainSeparator();
    }
}
