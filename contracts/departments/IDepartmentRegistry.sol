// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title IDepartmentRegistry
 * @notice The departments that may issue documents, their signer keys and the quorum governance that
 * adds, suspends, restores and recovers departments. There is no administrator: every decision needs
 * approvals from `min(threshold, activeDepartmentCount)` departments that are active when it executes.
 * @dev A document is attributed to a department id and to the stable id of the key that anchored it, so
 * rotating keys keeps every earlier document attributed to its department, and a key reported compromised
 * marks exactly the documents it anchored since the compromise began. Key ids are per department, start
 * at 1 and are never reused. A department holds at most {MAX_SIGNERS} keys.
 *
 * Proposal data (`Proposal.data`), ABI-encoded per kind:
 * - AddDepartment: `abi.encode(string code, string name, address signer)`; target 0.
 * - SuspendDepartment, RestoreDepartment: empty; target is the department.
 * - ChangeThreshold: `abi.encode(uint32 newThreshold)`; target 0.
 * - ReplaceSigners: `abi.encode(address[] newSigners)`; target is the department.
 * - ReportCompromisedKey: `abi.encode(address key, uint64 compromisedSince)`; target is the key's department.
 * - RevokeGrants: `abi.encode(uint256[] grantIds)`; target 0 (see {IAccessGrants-proposeRevokeGrants}).
 * - ClearNode: empty; target is the department (see {INodeDirectory-proposeClearNode}).
 */
interface IDepartmentRegistry {
    enum DepartmentStatus {
        None,
        Active,
        Suspended
    }

    /// @dev Appended to, never reordered: later versions add kinds at the end.
    enum ProposalKind {
        AddDepartment,
        SuspendDepartment,
        RestoreDepartment,
        ChangeThreshold,
        ReplaceSigners,
        ReportCompromisedKey,
        RevokeGrants,
        ClearNode
    }

    /// @dev `signers` lists the department's current keys (never a removed or compromised one).
    struct Department {
        string code;
        string name;
        DepartmentStatus status;
        address[] signers;
    }

    /**
     * @dev `approvers` lists every department that approved, in order, the proposer first; only those active
     * now count towards the quorum (see {liveApprovals}). `data` is encoded per kind as described above.
     */
    struct Proposal {
        ProposalKind kind;
        uint32 proposer;
        uint32 targetDepartment;
        uint64 deadline;
        bool executed;
        uint32[] approvers;
        bytes data;
    }

    /// @notice A department was added (at deployment or by an executed AddDepartment proposal), active.
    /// @param departmentId The new department's id.
    /// @param code Its unique code.
    /// @param name Its human-readable name.
    event DepartmentAdded(uint32 indexed departmentId, string code, string name);

    /// @notice A department was suspended: its keys lost every right.
    /// @param departmentId The suspended department.
    event DepartmentSuspended(uint32 indexed departmentId);

    /// @notice A suspended department was restored with its current keys.
    /// @param departmentId The restored department.
    event DepartmentRestored(uint32 indexed departmentId);

    /// @notice A key joined a department.
    /// @param departmentId The department.
    /// @param signer The key's address.
    /// @param keyId The key's id within the department.
    event SignerAdded(uint32 indexed departmentId, address indexed signer, uint16 keyId);

    /// @notice A key left a department.
    /// @dev Also emitted, before {KeyCompromised}, when a key is reported compromised.
    /// @param departmentId The department.
    /// @param signer The key's address.
    /// @param keyId The key's id within the department.
    event SignerRemoved(uint32 indexed departmentId, address indexed signer, uint16 keyId);

    /// @notice A key was reported compromised.
    /// @dev Documents and batches the key anchored at or after `since` have status KeyCompromised. Emitted again
    /// when the quorum re-dates an earlier report; the latest `since` is the one in force.
    /// @param departmentId The key's department.
    /// @param key The key's address.
    /// @param keyId The key's id within the department.
    /// @param since Unix time the compromise began.
    event KeyCompromised(uint32 indexed departmentId, address indexed key, uint16 keyId, uint64 since);

    /// @notice The approval threshold changed (from 0 at deployment).
    /// @param oldThreshold The previous threshold.
    /// @param newThreshold The threshold now in force.
    event ThresholdChanged(uint32 oldThreshold, uint32 newThreshold);

    /// @notice A proposal was created; the proposer's department approves it at once ({ProposalApproved}).
    /// @param proposalId The new proposal's id.
    /// @param kind What the proposal does.
    /// @param proposer The proposing department.
    /// @param deadline Unix time after which it can no longer be approved.
    event ProposalCreated(uint256 indexed proposalId, ProposalKind kind, uint32 indexed proposer, uint64 deadline);

    /// @notice A department approved a proposal.
    /// @param proposalId The proposal.
    /// @param departmentId The approving department.
    /// @param approvals The number of approving departments that are active at this approval.
    event ProposalApproved(uint256 indexed proposalId, uint32 indexed departmentId, uint32 approvals);

    /// @notice A proposal reached its quorum and was executed.
    /// @param proposalId The proposal.
    event ProposalExecuted(uint256 indexed proposalId);

    /// @dev `account` is not a signer of an active department (or its key was reported compromised).
    error NotActiveSigner(address account);
    /// @dev No department has id `departmentId`.
    error UnknownDepartment(uint32 departmentId);
    /// @dev Another department already uses `code`.
    error DepartmentCodeTaken(string code);
    /// @dev Empty code or name, zero signer address, an empty signer list, or constructor arrays of different lengths.
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
    /// @dev {execute} was called while fewer than `quorum` approving departments are active.
    error QuorumNotReached(uint256 proposalId, uint32 liveApprovals, uint32 quorum);
    /// @dev A proposal deadline must lie in the future and at most 30 days ahead.
    error InvalidDeadline(uint64 deadline);
    /// @dev The address is already a signer of some department.
    error SignerAlreadyRegistered(address signer);
    /// @dev `signer` is not a current key of `departmentId` (for a caller: not a signer of the department acted on).
    error SignerNotInDepartment(address signer, uint32 departmentId);
    /// @dev A department keeps at least one signer of its own choosing; the quorum replaces a lost last key.
    error LastSigner(uint32 departmentId);
    /// @dev A department holds at most `max` keys.
    error TooManySigners(uint32 departmentId, uint256 max);
    /// @dev The key was reported compromised: it can never act or be registered again.
    error CompromisedKey(address key);
    /// @dev `compromisedSince` must be non-zero and not in the future.
    error InvalidCompromisedSince(uint64 compromisedSince);

    /**
     * @notice Proposes to add a department with one first signer. The caller's department approves at once.
     * @param code Short unique code of the new department (e.g. "CIVREG").
     * @param name Human-readable name.
     * @param signer The new department's first signer key.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id (ids start at 1).
     */
    function proposeAddDepartment(
        string calldata code,
        string calldata name,
        address signer,
        uint64 deadline
    ) external returns (uint256 proposalId);

    /**
     * @notice Proposes to suspend an active department: its signers lose every right at execution and its
     * pending signer changes are cancelled.
     * @param departmentId The department to suspend.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id.
     */
    function proposeSuspendDepartment(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId);

    /**
     * @notice Proposes to restore a suspended department and its current signers (never a compromised key).
     * @param departmentId The department to restore.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id.
     */
    function proposeRestoreDepartment(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId);

    /**
     * @notice Proposes a new approval threshold.
     * @param newThreshold Between 1 and the number of active departments.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id.
     */
    function proposeThreshold(uint32 newThreshold, uint64 deadline) external returns (uint256 proposalId);

    /**
     * @notice Proposes to recover a department, active or suspended: at execution every current key of the
     * department is removed (not marked compromised) and `newSigners` are registered under fresh key ids;
     * the department's pending signer changes are cancelled.
     * @param departmentId The department to recover.
     * @param newSigners 1 to {MAX_SIGNERS} distinct keys, each unregistered or a current key of this department.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id.
     */
    function proposeReplaceSigners(
        uint32 departmentId,
        address[] calldata newSigners,
        uint64 deadline
    ) external returns (uint256 proposalId);

    /**
     * @notice Proposes to report any department's key compromised (the quorum's path, also for a department's
     * last key or a suspended department's key); same effect as {reportCompromisedKey} at execution. For a key
     * already reported, the quorum's report sets a new `compromisedSince` in place of the earlier one: the
     * quorum has the last word on when a compromise began, so a back-dated report filed by a stolen key
     * against an honest key can be narrowed to the time of that report.
     * @param signer A current key of some department, or a key already reported compromised.
     * @param compromisedSince Unix time the compromise began; non-zero, not in the future, may lie before now.
     * @param deadline Unix time after which the proposal can no longer be approved (at most 30 days ahead).
     * @return proposalId The new proposal's id.
     */
    function proposeReportCompromisedKey(
        address signer,
        uint64 compromisedSince,
        uint64 deadline
    ) external returns (uint256 proposalId);

    /**
     * @notice Approves a proposal on behalf of the caller's department; executes it in the same call once
     * the approving departments that are active now reach `min(threshold, activeDepartmentCount)`.
     * @param proposalId The proposal to approve.
     */
    function approve(uint256 proposalId) external;

    /**
     * @notice Executes a proposal whose live approvals reach the quorum, e.g. after a suspension lowered the
     * quorum below the approvals already given. Any active signer may call it before the deadline.
     * @param proposalId The proposal to execute.
     */
    function execute(uint256 proposalId) external;

    /**
     * @notice Reports a key of the caller's own department compromised, with immediate effect: the key is
     * removed from the department, can never act or be registered again (also after a suspension and
     * restoration), documents and batches it anchored at or after `compromisedSince` have status
     * KeyCompromised, and the department's pending signer changes are cancelled. The department's last
     * remaining key cannot be reported this way (the quorum recovers the department instead).
     * @param signer A current key of the caller's department (possibly the caller itself).
     * @param compromisedSince Unix time the compromise began; non-zero, not in the future, may lie before now.
     */
    function reportCompromisedKey(address signer, uint64 compromisedSince) external;

    /// @notice The configured number of approvals a proposal needs (capped by the active department count).
    /// @return The configured threshold.
    function threshold() external view returns (uint32);

    /// @notice The approvals a proposal needs now: `min(threshold, activeDepartmentCount)`.
    /// @return The quorum.
    function quorum() external view returns (uint32);

    /// @notice The number of departments currently active.
    /// @return The active department count.
    function activeDepartmentCount() external view returns (uint32);

    /// @notice The number of departments ever added; ids run from 1 to this number.
    /// @return The department count.
    function departmentCount() external view returns (uint32);

    /**
     * @notice A department's code, name, status and current signers. Reverts {UnknownDepartment} for an unknown id.
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
     * @return departmentId The department id, 0 when `signer` is neither a current nor a compromised key.
     * @return active Whether the key may act now (a current key of an active department).
     */
    function departmentOf(address signer) external view returns (uint32 departmentId, bool active);

    /**
     * @notice Everything known about a key by its address.
     * @param signer The key.
     * @return departmentId Its department, 0 when it is neither a current nor a compromised key.
     * @return keyId Its key id within the department, 0 when none.
     * @return active Whether the key may act now.
     * @return compromisedSince When its reported compromise began, 0 when never reported.
     */
    function keyOf(
        address signer
    ) external view returns (uint32 departmentId, uint16 keyId, bool active, uint64 compromisedSince);

    /**
     * @notice A department's key by id, including removed and compromised keys.
     * @param departmentId The department id.
     * @param keyId The key id (1 to {keyCount}).
     * @return signer The key's address, zero when the id was never issued.
     * @return compromisedSince When its reported compromise began, 0 when never reported.
     */
    function key(uint32 departmentId, uint16 keyId) external view returns (address signer, uint64 compromisedSince);

    /**
     * @notice The number of key ids a department has issued; its key ids run from 1 to this number.
     * @param departmentId The department id.
     * @return The key count, 0 for an unknown department.
     */
    function keyCount(uint32 departmentId) external view returns (uint16);

    /**
     * @notice A proposal. Reverts {ProposalNotFound} for an unknown id.
     * @param proposalId The proposal id.
     * @return The proposal.
     */
    function proposal(uint256 proposalId) external view returns (Proposal memory);

    /**
     * @notice The number of a proposal's approving departments that are active now; the proposal executes
     * when this reaches {quorum}. Reverts {ProposalNotFound} for an unknown id.
     * @param proposalId The proposal id.
     * @return The live approvals.
     */
    function liveApprovals(uint256 proposalId) external view returns (uint32);

    /**
     * @notice Whether a department has approved a proposal.
     * @param proposalId The proposal id.
     * @param departmentId The department id.
     * @return True when the department approved (the proposer's department always has).
     */
    function hasApproved(uint256 proposalId, uint32 departmentId) external view returns (bool);

    /// @notice The most keys a department may hold at once.
    /// @dev Named as the getter of a public constant would be.
    /// @return 8.
    function MAX_SIGNERS() external view returns (uint256); // solhint-disable-line func-name-mixedcase
}
