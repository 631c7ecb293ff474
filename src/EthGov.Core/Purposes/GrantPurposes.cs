using EthGov.Core.Codes;

namespace EthGov.Core.Purposes;

/// <summary>
/// The published list of purposes a grant states, after the purposes of processing public bodies declare under the
/// GDPR (Art. 6(1)(c) and (e)) and China's PIPL (Art. 13): a <see cref="CodeList{T}"/> as the revocation reasons are.
/// There is no "unspecified": a grant always says why.
/// </summary>
/// <remarks>Numbers are published: appended to, never reused or renumbered (docs/contracts.md carries the table).</remarks>
public static class GrantPurposes
{
    /// <summary>Deciding whether a person is entitled to a benefit, an allowance or a subsidy.</summary>
    public static GrantPurpose BenefitEligibility { get; } = GrantPurpose.Of(1, "benefit-eligibility",
        "Benefit eligibility", "福利资格审核",
        "To decide whether the person is entitled to a benefit, an allowance or a subsidy.", "用于审核本人是否有资格领取福利、津贴或补贴。");

    /// <summary>Treating or caring for the person.</summary>
    public static GrantPurpose HealthCare { get; } = GrantPurpose.Of(2, "health-care",
        "Health care", "医疗服务",
        "To treat or care for the person, or to arrange their treatment.", "用于为本人提供或安排诊疗与护理。");

    /// <summary>Deciding on a licence, a permit or a registration the person applied for.</summary>
    public static GrantPurpose Licensing { get; } = GrantPurpose.Of(3, "licensing",
        "Licences and permits", "许可与执照",
        "To decide on a licence, a permit or a registration the person applied for.", "用于审批本人申请的许可、执照或登记。");

    /// <summary>Assessing or collecting a tax or a duty.</summary>
    public static GrantPurpose Tax { get; } = GrantPurpose.Of(4, "tax",
        "Tax", "税务",
        "To assess or collect a tax or a duty.", "用于核定或征收税款或规费。");

    /// <summary>Preventing, investigating or prosecuting an offence, under the law that allows it.</summary>
    public static GrantPurpose LawEnforcement { get; } = GrantPurpose.Of(5, "law-enforcement",
        "Law enforcement", "执法",
        "To prevent, investigate or prosecute an offence, under the law that allows it.", "依法预防、调查或追诉违法犯罪行为。");

    /// <summary>Official statistics or research, with results that name no one.</summary>
    public static GrantPurpose StatisticsResearch { get; } = GrantPurpose.Of(6, "statistics-research",
        "Statistics and research", "统计与研究",
        "For official statistics or research whose results name no one.", "用于不指明个人身份的官方统计或研究。");

    /// <summary>Registering or certifying a birth, a marriage, a death, a name or an address.</summary>
    public static GrantPurpose CivilStatus { get; } = GrantPurpose.Of(7, "civil-status",
        "Civil status and identity", "户籍与身份",
        "To register or certify a birth, a marriage, a death, a name or an address.", "用于登记或证明出生、婚姻、死亡、姓名或住址。");

    /// <summary>Admitting, enrolling or certifying the person in education.</summary>
    public static GrantPurpose Education { get; } = GrantPurpose.Of(8, "education",
        "Education", "教育",
        "To admit, enrol or certify the person in education or training.", "用于本人的入学、注册或学历认证。");

    /// <summary>Placing the person in work or paying unemployment support.</summary>
    public static GrantPurpose Employment { get; } = GrantPurpose.Of(9, "employment",
        "Employment services", "就业服务",
        "To place the person in work, or to pay or check unemployment support.", "用于就业安置，或发放、核查失业保障。");

    /// <summary>Deciding on a visa, a residence permit or citizenship.</summary>
    public static GrantPurpose Immigration { get; } = GrantPurpose.Of(10, "immigration",
        "Immigration and citizenship", "出入境与国籍",
        "To decide on a visa, a residence permit or citizenship.", "用于审批签证、居留许可或国籍事务。");

    private static readonly CodeList<GrantPurpose> s_list = new("purpose",
        [BenefitEligibility, HealthCare, Licensing, Tax, LawEnforcement, StatisticsResearch, CivilStatus, Education, Employment, Immigration]);

    /// <summary>Every listed purpose, by number.</summary>
    public static IReadOnlyList<GrantPurpose> All => s_list.All;

    /// <summary>The listed purpose with this number, or null when the number is not listed.</summary>
    public static GrantPurpose? Find(int number) => s_list.Find(number);

    /// <summary>
    /// The listed purpose <paramref name="text"/> names, by name (any case) or by its decimal number; false when it names
    /// none, with <paramref name="error"/> saying so in one line and listing the codes.
    /// </summary>
    public static bool TryParse(string? text, out GrantPurpose? purpose, out string error) => s_list.TryParse(text, out purpose, out error);

    /// <summary>Every listed purpose as a refusal lists them, by name and number.</summary>
    public static string Listing => s_list.Listing;

    /// <summary>How a message names a recorded purpose: <c>tax (4)</c>, or <c>unlisted code 42</c>.</summary>
    public static string Describe(ushort number) => s_list.Describe(number);
}
