// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title IDepartmentRegistry
 * @notice The departments that may issue documents, their signer keys and the quorum governance that
 * adds, suspends and restores departments. There is no administrator: every membership change needs
 * approvals from `min(threshold, activeDepartmentCount)` active departments.
 * @dev A document is attributed to a department id, never to a key, so rotating keys keeps every
 * earlier document attributed to its department.
 */
interface IDepartmentRegistry {
    enum DepartmentStatus {
        None,
        Active,
        Suspended
    }

    enum ProposalKind {
        AddDepartment,
        SuspendDepartment,
        RestoreDepartment,
        ChangeThreshold
    }

    struct Department {
        string code;
        string name;
        DepartmentStatus status;
        address[] signers;
    }

    /// @dev `code`, `name` and `signer` are only set for {ProposalKind.AddDepartment}.
    struct Proposal {
        ProposalKind kind;
        uint32 proposer;
        uint32 targetDepartment;
        uint32 newThreshold;
        uint64 deadline;
        uint32 approvals;
        bool executed;
        string code;
        string name;
        address signer;
    }

    event DepartmentAdded(uint32 indexed departmentId, string code, string name);
    event DepartmentSuspended(uint32 indexed departmentId);
    event DepartmentRestored(uint32 indexed departmentId);
    event SignerAdded(uint32 indexed departmentId, address indexed signer);
    event SignerRemoved(uint32 indexed departmentId, address indexed signer);
    event ThresholdChanged(uint32 oldThreshold, uint32 newThreshold);
    event ProposalCreated(uint256 indexed proposalId, ProposalKind kind, uint32 indexed proposer, uint64 deadline);
    event ProposalApproved(uint256 indexed proposalId, uint32 indexed departmentId, uint32 approvals);
    event ProposalExecuted(uint256 indexed proposalId);

    /// @dev `account` is not a signer of an active department.
    error NotActiveSigner(address account);
    /// @dev No department has id `departmentId`.
    error UnknownDepartment(uint32 departmentId);
    /// @dev Another department already uses `code`.
    error DepartmentCodeTaken(string code);
    /// @dev Empty code or name, zero signer address, or constructor arrays of different lengths.
    error InvalidDepartment();
    /// @dev The department must be active for this operation.
    error DepartmentNotActive(uint32 departmentId);
    /// @dev The department must be suspended for this operation.
    error DepartmentNotSuspended(uint32 departmentId);
    /// @dev A threshold must be between 1 and the number of active departments.
    error InvalidThreshold(uint32 threshold, uint32 activeDepartments);
    error ProposalNotFound(uint256 proposalId);
    error ProposalExpired(uint256 proposalId, uint64 deadline);
    error ProposalAlreadyExecuted(uint256 proposalId);
    error AlreadyApproved(uint256 proposalId, uint32 departmentId);
    /// @dev A proposal deadline must lie in the future.
    error InvalidDeadline(uint64 deadline);
    /// @dev The address is already a signer of some department.
    error SignerAlreadyRegistered(address signer);
    error SignerNotInDepartment(address signer, uint32 departmentId);
    /// @dev A department keeps at least one signer.
    error LastSigner(uint32 departmentId);

    /**
     * @notice Proposes to add a department with one first signer. The caller's department approves at once.
     * @param code Short unique code of the new department (e.g. "CIVREG").
     * @param name Human-readable name.
     * @param signer The new department's first signer key.
     * @param deadline Unix time after which the proposal can no longer be approved.
     * @return proposalId The new proposal's id (ids start at 1).
     */
    function proposeAddDepartment(
        string calldata code,
        string calldata name,
        address signer,
        uint64 deadline
    ) external returns (uint256 proposalId);

    /**
     * @notice Proposes to suspend an active department: its signers lose every right at execution.
     * @param departmentId The department to suspend.
     * @param deadline Unix time after which the proposal can no longer be approved.
     * @return proposalId The new proposal's id.
     */
    function proposeSuspendDepartment(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId);

    /**
     * @notice Proposes to restore a suspended department and its signers.
     * @param departmentId The department to restore.
     * @param deadline Unix time after which the proposal can no longer be approved.
     * @return proposalId The new proposal's id.
     */
    function proposeRestoreDepartment(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId);

    /**
     * @notice Proposes a new approval threshold.
     * @param newThreshold Between 1 and the number of active departments.
     * @param deadline Unix time after which the proposal can no longer be approved.
     * @return proposalId The new proposal's id.
     */
    function proposeThreshold(uint32 newThreshold, uint64 deadline) external returns (uint256 proposalId);

    /**
     * @notice Approves a proposal on behalf of the caller's department; executes it in the same call
     * once approvals reach `min(threshold, activeDepartmentCount)`.
     * @param proposalId The proposal to approve.
     */
    function approve(uint256 proposalId) external;

    /**
     * @notice Adds a signer key to the caller's own department.
     * @param signer An address that is not yet a signer of any department.
     */
    function addSigner(address signer) external;

    /**
     * @notice Removes a signer key from the caller's own department (a department keeps at least one).
     * @param signer A signer of the caller's department (possibly the caller itself).
     */
    function removeSigner(address signer) external;

    /// @notice The configured number of approvals a proposal needs (capped by the active department count).
    /// @return The configured threshold.
    function threshold() external view returns (uint32);

    /// @notice The number of departments currently active.
    /// @return The active department count.
    function activeDepartmentCount() external view returns (uint32);

    /// @notice The number of departments ever added; ids run from 1 to this number.
    /// @return The department count.
    function departmentCount() external view returns (uint32);

    /**
     * @notice A department's code, name, status and signers. Reverts {UnknownDepartment} for an unknown id.
     * @param departmentId The department id.
     * @return The department.
     */
    function department(uint32 departmentId) external view returns (Department memory);

    /**
     * @notice The id of the department using `code`.
     * @param code The department code.
     * @return The department id, 0 when no department uses the code.
     */
    function departmentIdByCode(string calldata code) external view returns (uint32);

    /**
     * @notice The department a key signs for.
     * @param signer The key.
     * @return departmentId The department id, 0 when `signer` is not a signer.
     * @return active Whether the key may act now (its department is active).
     */
    function departmentOf(address signer) external view returns (uint32 departmentId, bool active);

    /**
     * @notice A proposal. Reverts {ProposalNotFound} for an unknown id.
     * @param proposalId The proposal id.
     * @return The proposal.
     */
    function proposal(uint256 proposalId) external view returns (Proposal memory);

    /**
     * @notice Whether a department has approved a proposal.
     * @param proposalId The proposal id.
     * @param departmentId The department id.
     * @return True when the department approved (the proposer's department always has).
     */
    function hasApproved(uint256 proposalId, uint32 departmentId) external view returns (bool);
}
