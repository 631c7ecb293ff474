// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {DepartmentRegistry} from "./departments/DepartmentRegistry.sol";
import {DocumentRegistry} from "./documents/DocumentRegistry.sol";
import {AccessGrants} from "./grants/AccessGrants.sol";

/**
 * @title EthGovRegistry
 * @notice The one deployed EthGov contract: departments and their governance, document anchoring and
 * status, access grants and the access log. The modules share one contract so that anchoring reads the
 * caller's department without a cross-contract call.
 * @dev EIP-712 domain: name "EthGov", version "1".
 */
contract EthGovRegistry is DepartmentRegistry, DocumentRegistry, AccessGrants {
    /**
     * @param codes Initial department codes; department ids are 1..n in this order.
     * @param names Initial department names.
     * @param signers The first signer of each initial department.
     * @param initialThreshold Approvals a proposal needs, between 1 and n.
     */
    constructor(
        string[] memory codes,
        string[] memory names,
        address[] memory signers,
        uint32 initialThreshold
    ) DepartmentRegistry(codes, names, signers, initialThreshold) EIP712("EthGov", "1") {}

    /**
     * @notice The version of this contract's ABI and rules.
     * @return The semantic version, "1.1.0".
     */
    function version() external pure returns (string memory) {
        return "1.1.0";
    }
}
