using EthGov.Api.Problems;

namespace EthGov.Api.ChangeRequests;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class ChangeRequestTexts
{
    /// <summary>the change request could not be stored: store error {0}</summary>
    public static readonly ProblemTemplate<object?> TheChangeRequestCouldNotBe = new(
        "the change request could not be stored: store error {0}",
        "变更申请未能保存：存储错误 {0}");

    /// <summary>an API key is a machine, not a second person: a clerk with the approver role decides in the workspace</summary>
    public static readonly ProblemSentence AnAPIKeyIsAMachine = new(
        "an API key is a machine, not a second person: a clerk with the approver role decides in the workspace",
        "API 密钥是机器，不是第二个人：须由具有审批人角色的工作人员在工作台中决定");

    /// <summary>{0} does not hold the role approver</summary>
    public static readonly ProblemTemplate<object?> DoesNotHoldTheRoleApprover = new(
        "{0} does not hold the role approver",
        "{0} 不具有审批人（approver）角色");

    /// <summary>change request {0} must be approved by a second clerk</summary>
    public static readonly ProblemTemplate<object?> ChangeRequestMustBeApprovedBy = new(
        "change request {0} must be approved by a second clerk",
        "变更申请 {0} 须由另一名工作人员审批");

    /// <summary>the caller's department has no change request {0}</summary>
    public static readonly ProblemTemplate<object?> TheCallerSDepartmentHasNo = new(
        "the caller's department has no change request {0}",
        "调用方的部门没有变更申请 {0}");

    /// <summary>change request {0} is {1}</summary>
    public static readonly ProblemTemplate<object?, object?> ChangeRequestIs = new(
        "change request {0} is {1}",
        "变更申请 {0} 的状态为 {1}");

    /// <summary>{0} has a pending change request: approve or refuse it first</summary>
    public static readonly ProblemTemplate<object?> HasAPendingChangeRequestApprove = new(
        "{0} has a pending change request: approve or refuse it first",
        "{0} 已有待审批的变更申请：请先批准或拒绝");

    /// <summary>state: use one of {0}</summary>
    public static readonly ProblemTemplate<object?> StateUseOneOf = new(
        "state: use one of {0}",
        "state：请使用 {0} 之一");
}
