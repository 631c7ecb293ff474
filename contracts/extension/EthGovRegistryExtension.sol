// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {NodeDirectory} from "../departments/NodeDirectory.sol";
import {SignerChanges} from "../departments/SignerChanges.sol";
import {AccessGrants} from "../grants/AccessGrants.sol";
import {LegacyDocuments} from "../legacy/LegacyDocuments.sol";

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
contract EthGovRegistryExtension is NodeDirectory, AccessGrants, LegacyDocuments {
    // EIP-712 type strings are as long as their types and are hashed at compile time: no string reaches the
    // bytecode, so `gas-small-strings` does not apply to them.
    // solhint-disable gas-small-strings
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    // solhint-enable gas-small-strings
    bytes32 private constant _NAME_HASH = keccak256("EthGov");
    bytes32 private constant _VERSION_HASH = keccak256("1");

    /**
     * @notice Created by the registry's constructor, with the registry's deployment settings.
     * @param signerChangeDelaySeconds Seconds between a signer change's request and its earliest apply (at most 30 days).
     * @param legacyRegistryAddress The registry 1.x whose documents stay revocable, or zero for none.
     */
    constructor(
        uint64 signerChangeDelaySeconds,
        address legacyRegistryAddress
    ) SignerChanges(signerChangeDelaySeconds) LegacyDocuments(legacyRegistryAddress) {}

    /// @dev The registry's EIP-712 domain (its {EIP712} with name "EthGov", version "1"), rebuilt for each call.
    function _domainSeparator() internal view override returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
    }
}
