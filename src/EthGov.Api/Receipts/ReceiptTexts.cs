using EthGov.Api.Problems;
using EthGov.Application.Verification;
using EthGov.Core.Receipts;

namespace EthGov.Api.Receipts;

/// <summary>
/// The sentences for a receipt's problems (<see cref="ReceiptError"/>, <see cref="ReceiptMismatch"/>), in English as the
/// receipt reader words them and in Simplified Chinese. The JSON path and the values stay as they are.
/// </summary>
public static class ReceiptTexts
{
    /// <summary>No text at all.</summary>
    public static readonly ProblemTemplate<string> EmptyDocument = new(
        "{0}: empty document",
        "{0}：内容为空");

    /// <summary>Not JSON.</summary>
    public static readonly ProblemTemplate<string, string, string> NotJson = new(
        "{0}: not valid JSON (line {1}, byte {2})",
        "{0}：不是有效的 JSON（第 {1} 行，第 {2} 字节）");

    /// <summary>The receipt is not an object.</summary>
    public static readonly ProblemTemplate<string, ReceiptFound> NotAnObject = new(
        "{0}: expected a JSON object, got {1}",
        "{0}：应为 JSON 对象，实为{1:zh}");

    /// <summary>An unknown version.</summary>
    public static readonly ProblemTemplate<string> UnsupportedVersion = new(
        "unsupported receipt version {0}",
        "不支持的凭证版本 {0}");

    /// <summary>A required property is absent.</summary>
    public static readonly ProblemTemplate<string, string> MissingProperty = new(
        "{0}: missing property '{1}'",
        "{0}：缺少属性 '{1}'");

    /// <summary>Not an object.</summary>
    public static readonly ProblemTemplate<string, ReceiptFound> ObjectExpected = new(
        "{0}: expected an object, got {1}",
        "{0}：应为对象，实为{1:zh}");

    /// <summary>Not an array.</summary>
    public static readonly ProblemTemplate<string, ReceiptFound> ArrayExpected = new(
        "{0}: expected an array, got {1}",
        "{0}：应为数组，实为{1:zh}");

    /// <summary>A proof longer than any proof.</summary>
    public static readonly ProblemTemplate<string, string, string> ProofTooLong = new(
        "{0}: {1} elements; a proof has at most {2}",
        "{0}：{1} 个元素；证明最多包含 {2} 个");

    /// <summary>A property the schema does not have.</summary>
    public static readonly ProblemTemplate<string> UnknownProperty = new(
        "{0}: unknown property",
        "{0}：未知属性");

    /// <summary>Not an integer in range.</summary>
    public static readonly ProblemTemplate<string, string, string, ReceiptFound> IntegerExpected = new(
        "{0}: expected an integer from {1} to {2}, got {3}",
        "{0}：应为 {1} 至 {2} 之间的整数，实为{3:zh}");

    /// <summary>Not a non-empty string.</summary>
    public static readonly ProblemTemplate<string, ReceiptFound> TextExpected = new(
        "{0}: expected a non-empty string, got {1}",
        "{0}：应为非空字符串，实为{1:zh}");

    /// <summary>A digest that is not a string.</summary>
    public static readonly ProblemTemplate<string, ReceiptFound> DigestExpected = new(
        "{0}: expected 0x + 64 hex digits, got {1}",
        "{0}：应为 0x 加 64 位十六进制数字，实为{1:zh}");

    /// <summary>A digest that does not parse.</summary>
    public static readonly ProblemTemplate<string, DigestReason> DigestInvalid = new(
        "{0}: expected 0x + 64 hex digits ({1})",
        "{0}：应为 0x 加 64 位十六进制数字（{1:zh}）");

    /// <summary>Not an address.</summary>
    public static readonly ProblemTemplate<string, ReceiptFound> AddressExpected = new(
        "{0}: expected 0x + 40 hex digits, got {1}",
        "{0}：应为 0x 加 40 位十六进制数字，实为{1:zh}");

    /// <summary>Not a date-time.</summary>
    public static readonly ProblemTemplate<string, ReceiptFound> DateTimeExpected = new(
        "{0}: expected an RFC 3339 date-time with offset, got {1}",
        "{0}：应为带时区偏移的 RFC 3339 日期时间，实为{1:zh}");

    /// <summary>validUntil not after anchoredAt.</summary>
    public static readonly ProblemTemplate<string> ValidUntilNotAfterAnchoring = new(
        "{0}: must be later than anchoredAt",
        "{0}：必须晚于 anchoredAt");

    /// <summary>A proof whose length does not fit the batch, one length possible.</summary>
    public static readonly ProblemTemplate<string, string, string, string> ProofLengthNot = new(
        "{0}: {1} elements cannot prove a document in a batch of {2} (expected {3})",
        "{0}：{1} 个元素无法证明 {2} 个文件的批次中的文件（应为 {3} 个）");

    /// <summary>A proof whose length does not fit the batch, a range possible.</summary>
    public static readonly ProblemTemplate<string, string, string, ProblemList> ProofLengthOutside = new(
        "{0}: {1} elements cannot prove a document in a batch of {2} (expected {3:to})",
        "{0}：{1} 个元素无法证明 {2} 个文件的批次中的文件（应为 {3:至} 个）");

    /// <summary>A proof that leads to another root.</summary>
    public static readonly ProblemTemplate<string, string> ProofWrongRoot = new(
        "{0}: does not lead from the digest to the batch root (it leads to {1})",
        "{0}：不能从指纹推导出批次根（推导结果为 {1}）");

    /// <summary>A receipt of another document.</summary>
    public static readonly ProblemTemplate<string> OtherDocument = new(
        "it is the receipt of another document ({0})",
        "这是另一文件的凭证（{0}）");

    /// <summary>A receipt of another registry.</summary>
    public static readonly ProblemTemplate<string, ulong> OtherRegistry = new(
        "it is a receipt of another registry ({0} on chain {1})",
        "这是另一登记合约的凭证（链 {1} 上的 {0}）");

    /// <summary>A receipt of another department.</summary>
    public static readonly ProblemTemplate<string> OtherDepartment = new(
        "it is a receipt of another department ({0})",
        "这是另一部门的凭证（{0}）");

    /// <summary>The sentence for <paramref name="error"/>.</summary>
    public static ProblemText Of(ReceiptError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (path, v, found) = (error.Path, error.Values, new ReceiptFound(error.Found));
        return error.Fault switch
        {
            ReceiptFault.EmptyDocument => EmptyDocument.With(path),
            ReceiptFault.NotJson => NotJson.With(path, v[0], v[1]),
            ReceiptFault.NotAnObject => NotAnObject.With(path, found),
            ReceiptFault.UnsupportedVersion => UnsupportedVersion.With(v[0]),
            ReceiptFault.MissingProperty => MissingProperty.With(path, v[0]),
            ReceiptFault.ObjectExpected => ObjectExpected.With(path, found),
            ReceiptFault.ArrayExpected => ArrayExpected.With(path, found),
            ReceiptFault.ProofTooLong => ProofTooLong.With(path, v[0], v[1]),
            ReceiptFault.UnknownProperty => UnknownProperty.With(path),
            ReceiptFault.IntegerExpected => IntegerExpected.With(path, v[0], v[1], found),
            ReceiptFault.TextExpected => TextExpected.With(path, found),
            ReceiptFault.DigestExpected => DigestExpected.With(path, found),
            ReceiptFault.DigestInvalid => DigestInvalid.With(path, DigestReason.Of(v[0])),
            ReceiptFault.AddressExpected => AddressExpected.With(path, found),
            ReceiptFault.DateTimeExpected => DateTimeExpected.With(path, found),
            ReceiptFault.ValidUntilNotAfterAnchoring => ValidUntilNotAfterAnchoring.With(path),
            ReceiptFault.ProofLengthMismatch when v[2] == v[3] => ProofLengthNot.With(path, v[0], v[1], v[2]),
            ReceiptFault.ProofLengthMismatch => ProofLengthOutside.With(path, v[0], v[1], new ProblemList([v[2], v[3]])),
            _ => ProofWrongRoot.With(path, v[0]),
        };
    }

    /// <summary>Every problem of a receipt that did not parse.</summary>
    public static ProblemTextList Of(IEnumerable<ReceiptError> errors) => new(errors.Select(Of));

    /// <summary>The sentence for <paramref name="mismatch"/> of <paramref name="receipt"/>.</summary>
    public static ProblemText Of(ReceiptMismatch mismatch, Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return mismatch switch
        {
            ReceiptMismatch.OtherDocument => OtherDocument.With(receipt.Digest.ToString()),
            ReceiptMismatch.OtherRegistry => OtherRegistry.With(receipt.Registry, receipt.ChainId),
            _ => OtherDepartment.With(receipt.Issuer.Code),
        };
    }
}
