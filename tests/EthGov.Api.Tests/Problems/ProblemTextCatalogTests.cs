using System.Reflection;
using System.Text.RegularExpressions;
using EthGov.Api.Problems;

namespace EthGov.Api.Tests.Problems;

/// <summary>
/// Every detail sentence of the API is a catalog template with an English and a Chinese form that take the same values:
/// the compiler makes routes use templates, and this test makes every template complete.
/// </summary>
public sealed partial class ProblemTextCatalogTests
{
    /// <summary>Every static template field of the API assembly, public or not, by <c>Class.Field</c>.</summary>
    private static IEnumerable<(string Name, ProblemTemplate Template)> Catalog()
        => typeof(ProblemTemplate).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => typeof(ProblemTemplate).IsAssignableFrom(f.FieldType))
            .Select(f => ($"{f.DeclaringType!.Name}.{f.Name}", (ProblemTemplate)f.GetValue(null)!));

    public static TheoryData<string> TemplateNames() => [.. Catalog().Select(c => c.Name)];

    [Fact]
    public void Catalog_IsFoundByTheWalk()
    {
        var names = Catalog().Select(c => c.Name).ToList();

        // The walk must see the catalogs of the feature folders, not only the shared one.
        Assert.True(names.Count > 150, $"only {names.Count} templates found");
        Assert.Contains("ProblemTexts.NoAnchorRequest", names);
        Assert.Contains("DocumentTexts.LabelTooLong", names);
        Assert.Contains("ChainTexts.RegistryAnswered", names);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void EveryTemplate_HasAChineseForm_WithTheSamePlaceholders(string name)
    {
        var template = Catalog().Single(c => c.Name == name).Template;

        var faults = Faults(template);

        Assert.True(faults.Count == 0, $"{name}: {string.Join("; ", faults)}");
    }

    [Theory]
    [InlineData("digest {0} is unknown", "", "no Chinese form")]
    [InlineData("digest {0} is unknown", "digest {0} is unknown", "not Chinese")]
    [InlineData("digest {0} is unknown", "没有该指纹", "placeholders")]
    [InlineData("digest {0} is unknown", "没有指纹 {0}（{1}）", "placeholders")]
    [InlineData("digest {0} is unknown", "没有指纹 {0", "does not format")]
    [InlineData("没有指纹 {0}", "没有指纹 {0}", "not English")]
    public void TheCheck_RefusesAnIncompleteTemplate(string english, string chinese, string fault)
    {
        var template = new ProblemTemplate<string>(english, chinese);

        var faults = Faults(template);

        Assert.Contains(faults, f => f.Contains(fault, StringComparison.Ordinal));
    }

    [Fact]
    public void TheCheck_RefusesAPlaceholderBeyondTheArity()
    {
        var template = new ProblemTemplate<string>("{0} and {1}", "{0}和{1}");

        Assert.Contains(Faults(template), f => f.Contains("arity", StringComparison.Ordinal));
    }

    [Fact]
    public void Template_PutsTheSameValuesInBothForms()
    {
        var text = ProblemTexts.StillInOutbox.With(EthGov.Core.Digests.Digest.Parse("0x" + new string('a', 64)));

        Assert.Equal($"0x{new string('a', 64)} is still in the outbox; try again when its status is anchored", text.English);
        Assert.Equal($"0x{new string('a', 64)} 仍在待发队列中；状态变为 anchored 后再试", text.Chinese);
    }

    [Fact]
    public void ProblemList_JoinsNamesInTheSentencesLanguage()
    {
        var text = ProblemTexts.ScopeNeededHolds.With(new ProblemList(["anchor", "records"]), "key 3", new ProblemList(["read", "grants"]), "anchor,records");

        Assert.Equal("this operation needs an API key with scope anchor and records; key 3 has read, grants; create a key with --scope anchor,records (or give a clerk the role)", text.English);
        Assert.Equal("此操作需要具有 anchor和records 权限的 API 密钥；key 3 只有 read、grants；请用 --scope anchor,records 创建密钥（或给工作人员相应角色）", text.Chinese);
    }

    [Theory]
    [InlineData(null, "没有值")]
    [InlineData("12ab", "缺少 '0x' 前缀")]
    [InlineData("0xab_d", "第 4 位的字符 '_' 不是十六进制数字")]
    [InlineData("0xabc", "十六进制数字的个数为奇数（3）")]
    [InlineData("0xabcd", "长度错误：4 位十六进制数字，应为 64 位")]
    public void DigestReason_SaysEveryAccountOfTheParserInChinese(string? text, string chinese)
    {
        Assert.False(EthGov.Core.Digests.Digest.TryParse(text, out _, out var error));

        var detail = ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error));

        Assert.Equal($"digest: {error}", detail.English);
        Assert.Equal($"digest 无效：{chinese}", detail.Chinese);
    }

    private static List<string> Faults(ProblemTemplate template)
    {
        var faults = new List<string>();
        if (string.IsNullOrWhiteSpace(template.Chinese))
        {
            faults.Add("no Chinese form");
            return faults;
        }

        if (!Han().IsMatch(template.Chinese))
        {
            faults.Add("the Chinese form is not Chinese");
        }

        if (string.IsNullOrWhiteSpace(template.English) || Han().IsMatch(template.English))
        {
            faults.Add("the English form is not English");
        }

        var english = Placeholders(template.English);
        var chinese = Placeholders(template.Chinese);
        if (!english.SetEquals(chinese))
        {
            faults.Add($"placeholders differ: English {{{string.Join(",", english.Order())}}}, Chinese {{{string.Join(",", chinese.Order())}}}");
        }

        if (!english.SetEquals(Enumerable.Range(0, template.Arity)))
        {
            faults.Add($"placeholders {{{string.Join(",", english.Order())}}} do not match the arity {template.Arity}");
        }

        try
        {
            var text = template.FormatForTest([.. Enumerable.Range(0, template.Arity).Select(i => (object?)$"v{i}")]);
            if (text.English.Contains('{') || text.Chinese.Contains('{'))
            {
                faults.Add("a brace is left after formatting");
            }
        }
        catch (FormatException)
        {
            faults.Add("a form does not format");
        }

        return faults;
    }

    private static HashSet<int> Placeholders(string format)
        => [.. Placeholder().Matches(format.Replace("{{", string.Empty, StringComparison.Ordinal)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
