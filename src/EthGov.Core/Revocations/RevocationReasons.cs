using EthGov.Core.Codes;

namespace EthGov.Core.Revocations;

/// <summary>
/// The published list of revocation reasons, in the spirit of RFC 5280's CRL reason codes (a <see cref="CodeList{T}"/>).
/// </summary>
/// <remarks>Numbers are published: appended to, never reused or renumbered (docs/contracts.md carries the table).</remarks>
public static class RevocationReasons
{
    /// <summary>English.</summary>
    public const string English = CodeLanguages.English;

    /// <summary>Simplified Chinese.</summary>
    public const string Chinese = CodeLanguages.Chinese;

    /// <summary>The languages every title and description is given in.</summary>
    public static IReadOnlyList<string> Languages => CodeLanguages.All;

    /// <summary>No reason was stated; RFC 5280 advises against it, and a clerk should choose a listed one.</summary>
    public static RevocationReason Unspecified { get; } = Reason(0, "unspecified",
        "No reason stated", "未说明原因",
        "The department did not state a reason.", "签发部门未说明撤销原因。");

    /// <summary>The document should not have been issued: wrong holder, wrong data or wrong form.</summary>
    public static RevocationReason IssuedInError { get; } = Reason(1, "issued-in-error",
        "Issued in error", "错误签发",
        "The document should not have been issued as it was: wrong holder, wrong data or wrong form.", "该文件不应以现有形式签发：持有人、内容或格式有误。");

    /// <summary>Replaced by a document that is not recorded as its successor (supersession records that link itself).</summary>
    public static RevocationReason Replaced { get; } = Reason(2, "replaced",
        "Replaced by another document", "已被其他文件取代",
        "Another document replaces it, one not recorded on the ledger as its successor.", "已有其他文件取代它，但该文件未在账本上登记为其继任文件。");

    /// <summary>The department withdrew the decision the document records.</summary>
    public static RevocationReason Withdrawn { get; } = Reason(3, "withdrawn",
        "Withdrawn by the department", "签发部门撤回",
        "The issuing department withdrew the decision the document records.", "签发部门撤回了该文件所记载的决定。");

    /// <summary>Obtained by fraud or false statements.</summary>
    public static RevocationReason Fraud { get; } = Reason(4, "fraud",
        "Obtained by fraud", "以欺诈手段取得",
        "The document was obtained by fraud or false statements.", "该文件系以欺诈或虚假陈述取得。");

    /// <summary>The holder asked for it, or gave the document up.</summary>
    public static RevocationReason HolderRequest { get; } = Reason(5, "holder-request",
        "At the holder’s request", "应持有人申请",
        "The holder asked for the revocation or surrendered the document.", "持有人申请撤销或已交回该文件。");

    /// <summary>The holder no longer meets the conditions the document was issued under.</summary>
    public static RevocationReason EntitlementEnded { get; } = Reason(6, "entitlement-ended",
        "Conditions no longer met", "不再符合条件",
        "The holder no longer meets the conditions the document was issued under.", "持有人已不再符合签发该文件的条件。");

    /// <summary>A court or an appeal body annulled it.</summary>
    public static RevocationReason CourtOrder { get; } = Reason(7, "court-order",
        "Annulled by a court or on appeal", "经法院或复议撤销",
        "A court or an appeal body annulled the document or the decision it records.", "法院或复议机关撤销了该文件或其所记载的决定。");

    /// <summary>The document, or its paper or card copy, was reported lost or stolen.</summary>
    public static RevocationReason LostOrStolen { get; } = Reason(8, "lost-or-stolen",
        "Lost or stolen", "遗失或被盗",
        "The document, or its paper or card copy, was reported lost or stolen.", "该文件或其纸质、卡片版本已被报告遗失或被盗。");

    private static readonly CodeList<RevocationReason> s_list = new("revocation reason",
        [Unspecified, IssuedInError, Replaced, Withdrawn, Fraud, HolderRequest, EntitlementEnded, CourtOrder, LostOrStolen]);

    /// <summary>Every listed reason, by number.</summary>
    public static IReadOnlyList<RevocationReason> All => s_list.All;

    /// <summary>The listed reason with this number, or null when the number is not listed.</summary>
    public static RevocationReason? Find(int number) => s_list.Find(number);

    /// <summary>
    /// The listed reason <paramref name="text"/> names, by name (any case) or by its decimal number; false when it names
    /// none, with <paramref name="error"/> saying so in one line and listing the codes.
    /// </summary>
    public static bool TryParse(string? text, out RevocationReason reason, out string error)
    {
        var found = s_list.TryParse(text, out var code, out error);
        reason = code ?? Unspecified;
        return found;
    }

    /// <summary>Every listed reason as a refusal lists them, by name and number.</summary>
    public static string Listing => s_list.Listing;

    /// <summary>How a verdict names a recorded code: <c>fraud (4)</c>, or <c>unlisted code 42</c>.</summary>
    public static string Describe(ushort number) => s_list.Describe(number);

    private static RevocationReason Reason(ushort number, string name, string title, string chineseTitle, string description, string chineseDescription)
        => RevocationReason.Of(number, name, title, chineseTitle, description, chineseDescription);
}
