// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {INodeDirectory} from "./departments/INodeDirectory.sol";
import {NodeStorage} from "./departments/NodeStorage.sol";
import {DocumentRegistry} from "./documents/DocumentRegistry.sol";
import {EthGovRegistryExtension} from "./extension/EthGovRegistryExtension.sol";
import {ExtensionCalls} from "./extension/ExtensionCalls.sol";
import {PasskeyCalls} from "./extension/PasskeyCalls.sol";
import {AccessLog} from "./grants/AccessLog.sol";
import {GrantReads} from "./grants/GrantReads.sol";
import {IDelegatedSignatures} from "./signatures/IDelegatedSignatures.sol";

/**
 * @title EthGovRegistry
 * @notice The one EthGov contract users see: departments, their keys, their nodes and governance, document
 * anchoring and status, access grants (also by a citizen's passkey) and the access log, and the revocation of documents
 * anchored in registry 1.x.
 * @dev Anchoring, revocation, the document views, the node directory's view, the grant views and the access log (single and batched) run here, reading
 * the caller's department without a cross-contract call; every other function is declared here and runs in an
 * {EthGovRegistryExtension} this constructor creates, by DELEGATECALL on this contract's storage
 * (see {ExtensionCalls}); the passkey functions run in an {EthGovPasskeyExtension} deployed before it ({PasskeyCalls}). EIP-712 domain: name "EthGov", version "1".
 */
contract EthGovRegistry is
    ExtensionCalls,
    PasskeyCalls,
    IDelegatedSignatures,
    EIP712,
    DocumentRegistry,
    AccessLog,
    GrantReads,
    NodeStorage
{
    /**
     * @notice Deploys the registry with its initial departments and creates its extension.
     * @param codes Initial department codes; department ids are 1..n in this order.
     * @param names Initial department names.
     * @param signers The first signer of each initial department.
     * @param nodeUrls Each initial department's node URL ({INodeDirectory}), or "" for a department without a node entry.
     * @param nodeSigningKeys Each initial department's node signing key, x || y (ignored where the URL is "").
     * @param nodeEncryptionKeys Each initial department's node encryption key, x || y (ignored where the URL is "").
     * @param initialThreshold Approvals a proposal needs, between 1 and n.
     * @param signerChangeDelaySeconds Seconds between a signer change's request and its earliest apply (at most 30 days).
     * @param legacyRegistryAddress The registry 1.x whose documents stay revocable here, or zero for none; this
     * deployment's block is the cut-over block.
     * @param passkeyExtension The deployed {EthGovPasskeyExtension} that runs the passkey functions.
     */
    constructor(
        string[] memory codes,
        string[] memory names,
        address[] memory signers,
        string[] memory nodeUrls,
        bytes[] memory nodeSigningKeys,
        bytes[] memory nodeEncryptionKeys,
        uint32 initialThreshold,
        uint64 signerChangeDelaySeconds,
        address legacyRegistryAddress,
        address passkeyExtension
    )
        ExtensionCalls(address(new EthGovRegistryExtension(signerChangeDelaySeconds, legacyRegistryAddress)))
        PasskeyCalls(passkeyExtension)
        EIP712("EthGov", "1")
    {
        _initializeDepartments(codes, names, signers, initialThreshold);
        _initializeNodes(codes.length, nodeUrls, nodeSigningKeys, nodeEncryptionKeys);
    }

    /// @inheritdoc INodeDirectory
    function departmentNode(uint32 departmentId) external view returns (DepartmentNode memory) {
        _knownDepartment(departmentId);
        return _node(departmentId);
    }

    /// @inheritdoc IDelegatedSignatures
    function nonces(address owner) external view returns (uint256) {
        return _nonce(owner);
    }

    /// @inheritdoc IDelegatedSignatures
    function DOMAIN_SEPARATOR() external view returns (bytes32) { // solhint-disable-line func-name-mixedcase
        return _domainSeparatorV4();
    }

    /**
     * @notice The version of this contract's ABI and rules.
     * @return The semantic version, "2.5.0".
     */
    function version() external pure returns (string memory) {
        return "2.5.0";
    }

    function _domainSeparator() internal view override returns (bytes32) {
        return _domainSeparatorV4();
    }
}
