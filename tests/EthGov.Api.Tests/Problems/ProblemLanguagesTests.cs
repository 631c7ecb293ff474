using System.Net;
using System.Reflection;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;

namespace EthGov.Api.Tests.Problems;

/// <summary>Problems speak the caller's language: Chinese titles by Accept-Language, for every problem type of the API.</summary>
public sealed class ProblemLanguagesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    public static TheoryData<string> ProblemTypeNames()
    {
        // Every class of the API whose name ends in Problems holds problem types in its constants, and the passkey checks'
        // refusal reasons are the types of their problems.
        var holders = typeof(ProblemTypes).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Problems", StringComparison.Ordinal) && t != typeof(EthGov.Api.Problems.Problems))
            .Append(typeof(ProblemTypes)).Append(typeof(EthGov.Application.Passkeys.PasskeyRefusal)).Append(typeof(EthGov.Api.NodeRoutes.NodeReleasesApi));
        var constants = holders
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
        return [.. constants.Concat(ChainProblems.Types).Distinct()];
    }

    [Theory]
    [MemberData(nameof(ProblemTypeNames))]
    public void EveryProblemType_HasAChineseTitle(string type)
    {
        var title = ProblemLanguages.ChineseTitle(type);

        Assert.False(string.IsNullOrWhiteSpace(title), $"problem type {type} has no Chinese title in ProblemLanguages");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", title);
    }

    [Theory]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "指纹无效", "zh-CN")]
    [InlineData("fr-FR, en;q=0.5, zh-TW;q=0.9", "指纹无效", "zh-CN")]
    [InlineData("en-GB", "A digest is not valid", "en")]
    [InlineData("de-DE", "A digest is not valid", "en")]
    [InlineData("zh;q=0, en", "A digest is not valid", "en")]
    public async Task RouteProblem_IsTitledInThePreferredLanguage_TypeUnchanged(string acceptLanguage, string title, string contentLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/verify/0xnothex");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidDigest);
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.Equal([contentLanguage], response.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task FrameworkProblem_UnknownRoute_IsTitledInChinese()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-route");
        request.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN");

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        Assert.Equal("没有此资源", body.GetProperty("title").GetString());
    }
}
