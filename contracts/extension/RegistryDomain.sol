// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title RegistryDomain
 * @notice The registry's EIP-712 domain as code running by DELEGATECALL in one of its extensions computes it.
 * @dev Under DELEGATECALL `address(this)` is the registry, so the domain is the registry's {EIP712} with name "EthGov",
 * version "1". Rebuilt for each call: an extension has no immutable cache of it.
 */
abstract contract RegistryDomain {
    // EIP-712 type strings are as long as their types and are hashed at compile time: no string reaches the
    // bytecode, so `gas-small-strings` does not apply to them.
    // solhint-disable gas-small-strings
    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    // solhint-enable gas-small-strings
    bytes32 private constant _NAME_HASH = keccak256("EthGov");
    bytes32 private constant _VERSION_HASH = keccak256("1");

    /// @dev The registry's EIP-712 domain separator.
    function _registryDomainSeparator() internal view returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
    }
}
