using EthGov.Api.Problems;

namespace EthGov.Api.BulkJobs;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class BulkJobTexts
{
    /// <summary>the caller has no bulk job {0}</summary>
    public static readonly ProblemTemplate<object?> TheCallerHasNoBulkJob = new(
        "the caller has no bulk job {0}",
        "调用方没有批量任务 {0}");

    /// <summary>department {0} has {1} open bulk jobs, the most it may have: finish or abandon one first</summary>
    public static readonly ProblemTemplate<object?, object?> DepartmentHasOpenBulkJobsThe = new(
        "department {0} has {1} open bulk jobs, the most it may have: finish or abandon one first",
        "部门 {0} 已有 {1} 个未完成的批量任务，已达上限：请先完成或放弃其中一个");

    /// <summary>bulk job {0} was made for {1} items and holds {2}; this chunk adds {3} new ones; nothing was accepted</summary>
    public static readonly ProblemTemplate<object?, object?, object?, object?> BulkJobWasMadeForItems = new(
        "bulk job {0} was made for {1} items and holds {2}; this chunk adds {3} new ones; nothing was accepted",
        "批量任务 {0} 共 {1} 个条目，已有 {2} 个；本批新增 {3} 个；未接受任何条目");

    /// <summary>bulk job {0} is {1}</summary>
    public static readonly ProblemTemplate<object?, object?> BulkJobIs = new(
        "bulk job {0} is {1}",
        "批量任务 {0} 的状态为 {1}");

    /// <summary>kind: use one of {0}</summary>
    public static readonly ProblemTemplate<object?> KindUseOneOf = new(
        "kind: use one of {0}",
        "kind：请使用 {0} 之一");

    /// <summary>total: from 1 to {0} items per job</summary>
    public static readonly ProblemTemplate<object?> TotalFrom1ToItemsPer = new(
        "total: from 1 to {0} items per job",
        "total：每个任务 1 至 {0} 个条目");

    /// <summary>state: use open, done or abandoned</summary>
    public static readonly ProblemSentence StateUseOpenDoneOrAbandoned = new(
        "state: use open, done or abandoned",
        "state：请使用 open、done 或 abandoned");

    /// <summary>items: give at least one item</summary>
    public static readonly ProblemSentence ItemsGiveAtLeastOneItem = new(
        "items: give at least one item",
        "items：至少给出一个条目");

    /// <summary>items: at most {0} per chunk, got {1}</summary>
    public static readonly ProblemTemplate<object?, object?> ItemsAtMostPerChunkGot = new(
        "items: at most {0} per chunk, got {1}",
        "items：每批最多 {0} 个，收到 {1} 个");

    /// <summary>{0} item(s) are not valid; nothing was accepted</summary>
    public static readonly ProblemTemplate<object?> ItemSAreNotValidNothing = new(
        "{0} item(s) are not valid; nothing was accepted",
        "{0} 个条目无效；未接受任何条目");

    /// <summary>One item refused; the values are its index and why.</summary>
    public static readonly ProblemTemplate<int, ProblemText> ItemInvalid = new(
        "items[{0}]: {1}",
        "条目 items[{0}]：{1:zh}");

    /// <summary>An item that is not an object.</summary>
    public static readonly ProblemSentence ItemNotAnObject = new(
        "give an object with a digest",
        "请给出含 digest 的对象");

    /// <summary>An item whose validUntil has passed or lies before 1970.</summary>
    public static readonly ProblemTemplate<DateTimeOffset> ItemValidUntilInvalid = new(
        "validUntil: {0:yyyy-MM-dd} has passed or is before 1970",
        "validUntil：{0:yyyy-MM-dd} 已过或早于 1970 年");

    /// <summary>A stored item failure (<see cref="StoredErrors.SubmittedByAnotherDepartment"/>): another department asked first.</summary>
    public static readonly ProblemTemplate<string> SubmittedByAnotherDepartment = new(
        "{0} was submitted by another department",
        "{0} 已由另一部门提交");
}
