using EthGov.Api.Problems;

namespace EthGov.Api.Records;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class RecordTexts
{
    /// <summary>the node has no data key; configure EthGov:DataKey (dev:N on chain 31337, or a file `ethgov node keygen` write</summary>
    public static readonly ProblemSentence TheNodeHasNoDataKey = new(
        "the node has no data key; configure EthGov:DataKey (dev:N on chain 31337, or a file `ethgov node keygen` writes)",
        "节点没有数据密钥；请配置 EthGov:DataKey（链 31337 上用 dev:N，或 `ethgov node keygen` 生成的文件）");

    /// <summary>the department keeps no record {0} on this node</summary>
    public static readonly ProblemTemplate<object?> TheDepartmentKeepsNoRecordOn = new(
        "the department keeps no record {0} on this node",
        "该部门在本节点上没有记录 {0}");

    /// <summary>the content of {0} was erased{1}; its anchor stays on chain</summary>
    public static readonly ProblemTemplate<object?, object?> TheContentOfWasErasedIts = new(
        "the content of {0} was erased{1}; its anchor stays on chain",
        "{0} 的内容已被删除{1}；其记入的指纹仍在账本上");

    /// <summary>records kept by this node are at most {0} bytes</summary>
    public static readonly ProblemTemplate<object?> RecordsKeptByThisNodeAre = new(
        "records kept by this node are at most {0} bytes",
        "本节点保存的记录最多 {0} 字节");

    /// <summary>SHA-256 of the content is not {0}</summary>
    public static readonly ProblemTemplate<object?> SHA256OfTheContentIs = new(
        "SHA-256 of the content is not {0}",
        "内容的 SHA-256 不是 {0}");

    /// <summary>{0} is kept by another department</summary>
    public static readonly ProblemTemplate<object?> IsKeptByAnotherDepartment = new(
        "{0} is kept by another department",
        "{0} 由另一部门保存");

    /// <summary>kind, subject or person is not valid</summary>
    public static readonly ProblemSentence KindSubjectOrPersonIsNot = new(
        "kind, subject or person is not valid",
        "kind、subject 或 person 无效");

    /// <summary>kind: give 1 to {0} characters a-z, 0-9 and '-'</summary>
    public static readonly ProblemTemplate<object?> KindGive1ToCharactersA = new(
        "kind: give 1 to {0} characters a-z, 0-9 and '-'",
        "kind：请给出 1 至 {0} 个字符，限 a-z、0-9 和 '-'");

    /// <summary>data: give a JSON object</summary>
    public static readonly ProblemSentence DataGiveAJSONObject = new(
        "data: give a JSON object",
        "data：请给出 JSON 对象");

    /// <summary>subject: give an address (0x and 40 hex digits)</summary>
    public static readonly ProblemSentence SubjectGiveAnAddress0xAnd = new(
        "subject: give an address (0x and 40 hex digits)",
        "subject：请给出地址（0x 加 40 位十六进制数字）");

    /// <summary>person: give an identifier of 1 to {0} characters</summary>
    public static readonly ProblemTemplate<object?> PersonGiveAnIdentifierOf1 = new(
        "person: give an identifier of 1 to {0} characters",
        "person：请给出 1 至 {0} 个字符的标识");

    /// <summary>send the department's key in the {0} header</summary>
    public static readonly ProblemTemplate<object?> SendTheDepartmentSKeyIn = new(
        "send the department's key in the {0} header",
        "请在 {0} 请求头中发送部门的密钥");

    /// <summary>department {0} is unknown to the registry</summary>
    public static readonly ProblemTemplate<object?> DepartmentIsUnknownToTheRegistry = new(
        "department {0} is unknown to the registry",
        "登记合约中没有部门 {0}");
}
