// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Delegation} from "./Delegation.sol";
import {ISignerChanges} from "../departments/ISignerChanges.sol";
import {IDepartmentRegistry} from "../departments/IDepartmentRegistry.sol";
import {INodeDirectory} from "../departments/INodeDirectory.sol";
import {IAccessGrants} from "../grants/IAccessGrants.sol";
import {ILegacyDocuments} from "../legacy/ILegacyDocuments.sol";

/**
 * @title ExtensionCalls
 * @notice The registry's entry points for the functions implemented by its extension
 * ({EthGovRegistryExtension}): each is declared here, so the registry's ABI is complete, and runs in the
 * extension by DELEGATECALL with the caller's calldata unchanged; the answer or revert comes back as is.
 * @dev Parameters are left unnamed (names in comments) because only the extension decodes them; Solidity
 * still checks that the calldata is well-formed for each declared type. Solidity forbids DELEGATECALL in a
 * view function, so a view calls this contract back with STATICCALL, prefixed by `_VIEW_CALL`, a selector no
 * function has; {fallback} then DELEGATECALLs the extension inside that static context, where any state
 * change would revert.
 */
abstract contract ExtensionCalls is IAccessGrants, IDepartmentRegistry, ISignerChanges, INodeDirectory, ILegacyDocuments {
    /// @dev bytes4(keccak256("ethgov.extension.view")); a test checks that no registry function has it.
    bytes4 private constant _VIEW_CALL = 0x1d0ad8fc;

    address private immutable _extension;

    /// @notice Binds the registry to its extension.
    /// @param extension_ The extension holding the code of the functions declared here.
    constructor(address extension_) {
        _extension = extension_;
    }

    /// @notice Runs this contract's own view calls in the extension and refuses anything else without data.
    /// @dev The refusal carries no data, as a contract without a fallback refuses an unknown function, so it
    /// is a bare `revert()` rather than a custom error. It is not payable, so no ether transfer with a 2,300-gas
    /// stipend ever runs it, and it may do more than a simple fallback should (`no-complex-fallback`).
    fallback() external { // solhint-disable-line no-complex-fallback
        // solhint-disable-next-line gas-custom-errors, reason-string
        if (msg.sender != address(this) || msg.sig != _VIEW_CALL) revert();
        address extension = _extension;
        // Drops the 4-byte marker and forwards the rest, returning or reverting with the extension's raw answer.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            let ptr := mload(0x40)
            let size := sub(calldatasize(), 4)
            calldatacopy(ptr, 4, size)
            let success := delegatecall(gas(), extension, ptr, size, 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(success) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeAddDepartment(
        string calldata /* code */,
        string calldata /* name */,
        address /* signer */,
        uint64 /* deadline */
    ) external returns (uint256 /* proposalId */) {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeSuspendDepartment(
        uint32 /* departmentId */,
        uint64 /* deadline */
    ) external returns (uint256 /* proposalId */) {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeRestoreDepartment(
        uint32 /* departmentId */,
        uint64 /* deadline */
    ) external returns (uint256 /* proposalId */) {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeThreshold(uint32 /* newThreshold */, uint64 /* deadline */) external returns (uint256 /* proposalId */) {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeReplaceSigners(
        uint32 /* departmentId */,
        address[] calldata /* newSigners */,
        uint64 /* deadline */
    ) external returns (uint256 /* proposalId */) {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeReportCompromisedKey(
        address /* signer */,
        uint64 /* compromisedSince */,
        uint64 /* deadline */
    ) external returns (uint256 /* proposalId */) {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function approve(uint256 /* proposalId */) external {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function execute(uint256 /* proposalId */) external {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function reportCompromisedKey(address /* signer */, uint64 /* compromisedSince */) external {
        _delegate();
    }

    /// @inheritdoc IDepartmentRegistry
    function threshold() external view returns (uint32 /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function quorum() external view returns (uint32 /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function activeDepartmentCount() external view returns (uint32 /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentCount() external view returns (uint32 /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function department(uint32 /* departmentId */) external view returns (Department memory /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentIdByCode(string calldata /* code */) external view returns (uint32 /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentOf(address /* signer */) external view returns (uint32 /* departmentId */, bool /* active */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function keyOf(
        address /* signer */
    ) external view returns (uint32 /* departmentId */, uint16 /* keyId */, bool /* active */, uint64 /* compromisedSince */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function key(
        uint32 /* departmentId */,
        uint16 /* keyId */
    ) external view returns (address /* signer */, uint64 /* compromisedSince */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function keyCount(uint32 /* departmentId */) external view returns (uint16 /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function proposal(uint256 /* proposalId */) external view returns (Proposal memory /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function liveApprovals(uint256 /* proposalId */) external view returns (uint32 /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function hasApproved(uint256 /* proposalId */, uint32 /* departmentId */) external view returns (bool /* result */) {
        _delegateView();
    }

    /// @inheritdoc IDepartmentRegistry
    function MAX_SIGNERS() external view returns (uint256 /* result */) { // solhint-disable-line func-name-mixedcase
        _delegateView();
    }

    /// @inheritdoc ISignerChanges
    function requestAddSigner(
        address /* signer */,
        uint256 /* deadline */,
        bytes calldata /* signature */
    ) external returns (uint256 /* changeId */) {
        _delegate();
    }

    /// @inheritdoc ISignerChanges
    function requestRemoveSigner(address /* signer */) external returns (uint256 /* changeId */) {
        _delegate();
    }

    /// @inheritdoc ISignerChanges
    function applySignerChange(uint256 /* changeId */) external {
        _delegate();
    }

    /// @inheritdoc ISignerChanges
    function cancelSignerChange(uint256 /* changeId */) external {
        _delegate();
    }

    /// @inheritdoc ISignerChanges
    function signerChange(uint256 /* changeId */) external view returns (SignerChange memory /* result */) {
        _delegateView();
    }

    /// @inheritdoc ISignerChanges
    function signerChangeCount() external view returns (uint256 /* result */) {
        _delegateView();
    }

    /// @inheritdoc ISignerChanges
    function signerChangeDelay() external view returns (uint64 /* result */) {
        _delegateView();
    }

    /// @inheritdoc INodeDirectory
    function requestSetNode(
        string calldata /* url */,
        bytes calldata /* signingKey */,
        bytes calldata /* encryptionKey */
    ) external returns (uint256 /* changeId */) {
        _delegate();
    }

    /// @inheritdoc INodeDirectory
    function proposeClearNode(uint32 /* departmentId */, uint64 /* deadline */) external returns (uint256 /* proposalId */) {
        _delegate();
    }

    /// @inheritdoc IAccessGrants
    function grantAccess(
        bytes32 /* recordId */,
        bytes32 /* root */,
        bytes32[] calldata /* proof */,
        uint32 /* granteeDepartment */,
        uint16 /* purpose */,
        uint64 /* expiresAt */,
        bytes32 /* legalBasis */,
        GrantTerms calldata /* terms */
    ) external returns (uint256 /* grantId */) {
        _delegate();
    }

    /// @inheritdoc IAccessGrants
    function grantKindAccess(
        bytes32 /* kind */,
        uint32 /* granteeDepartment */,
        uint16 /* purpose */,
        uint64 /* expiresAt */,
        bytes32 /* legalBasis */,
        GrantTerms calldata /* terms */
    ) external returns (uint256 /* grantId */) {
        _delegate();
    }

    /// @inheritdoc IAccessGrants
    function revokeGrant(uint256 /* grantId */) external {
        _delegate();
    }

    /// @inheritdoc IAccessGrants
    function proposeRevokeGrants(
        uint256[] calldata /* grantIds */,
        uint64 /* deadline */
    ) external returns (uint256 /* proposalId */) {
        _delegate();
    }

    /// @inheritdoc ILegacyDocuments
    function revokeLegacy(
        bytes32 /* root */,
        bytes32 /* digest */,
        bytes32[] calldata /* proof */,
        uint16 /* reason */
    ) external {
        _delegate();
    }

    /// @inheritdoc ILegacyDocuments
    function legacyRevocation(
        uint32 /* departmentId */,
        bytes32 /* digest */
    ) external view returns (bool /* revoked */, uint16 /* reason */) {
        _delegateView();
    }

    /// @inheritdoc ILegacyDocuments
    function legacyRegistry() external view returns (address /* result */) {
        _delegateView();
    }

    /// @inheritdoc ILegacyDocuments
    function legacyCutoverBlock() external view returns (uint64 /* result */) {
        _delegateView();
    }

    /// @dev Runs this call in the extension by DELEGATECALL and returns or reverts with its answer.
    function _delegate() private {
        Delegation.forward(_extension);
    }

    /// @dev {_delegate} for a view: through a STATICCALL to this contract's {fallback}.
    function _delegateView() private view {
        // As {_delegate}, with the `_VIEW_CALL` marker prepended for {fallback}.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            let ptr := mload(0x40)
            mstore(ptr, _VIEW_CALL)
            calldatacopy(add(ptr, 4), 0, calldatasize())
            let success := staticcall(gas(), address(), ptr, add(calldatasize(), 4), 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(success) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }
}
