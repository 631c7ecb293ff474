using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Chain.Abi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EthGov.Api.Tests.Problems;

/// <summary>
/// A problem's detail speaks the caller's language too: the Chinese form of the route's catalog sentence when
/// Accept-Language prefers Chinese, with the same values in it; English otherwise. Type and status never change.
/// </summary>
public sealed class ProblemDetailLanguagesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "没有 {0} 的记入请求；POST /api/v1/verify 直接查询账本")]
    [InlineData("en-GB", "no anchor request for {0}; POST /api/v1/verify asks the chain directly")]
    [InlineData(null, "no anchor request for {0}; POST /api/v1/verify asks the chain directly")]
    public async Task RouteDetail_IsInThePreferredLanguage_WithTheDigestInIt(string? acceptLanguage, string detail)
    {
        var digest = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var request = Request(HttpMethod.Get, $"/api/v1/documents/{digest}", acceptLanguage);

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.NotFound, ProblemTypes.DocumentNotFound);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, detail, digest), body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "digest：值的类型不是此操作接受的类型（见 API 参考）")]
    [InlineData("en", "digest: the value does not have the type this operation takes (see the API reference)")]
    public async Task ModelBindingDetail_IsInThePreferredLanguage_WithTheMemberInIt(string acceptLanguage, string detail)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/verify", acceptLanguage);
        request.Content = new StringContent("{\"digest\":5}", Encoding.UTF8, "application/json");

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "请求正文不是有效的 JSON")]
    [InlineData("en", "the body is not valid JSON")]
    public async Task MalformedJsonDetail_IsInThePreferredLanguage(string acceptLanguage, string detail)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/verify", acceptLanguage);
        request.Content = new StringContent("{\"digest\":", Encoding.UTF8, "application/json");

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.StartsWith(detail, body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "digest 无效：第 2 位的字符 'n' 不是十六进制数字")]
    [InlineData("en", "digest: non-hex character 'n' at position 2")]
    public async Task DigestDetail_SaysTheParsersReasonInThePreferredLanguage(string acceptLanguage, string detail)
    {
        using var request = Request(HttpMethod.Get, "/api/v1/verify/0xnothex", acceptLanguage);

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidDigest);
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "format：\"gif\" 不是 png 或 svg")]
    [InlineData("en", "format: \"gif\" is not one of png, svg")]
    public async Task QueryValidationDetail_KeepsTheValueSentInTheChineseSentence(string acceptLanguage, string detail)
    {
        using var request = Request(HttpMethod.Get, $"/api/v1/documents/0x{new string('1', 64)}/qr?format=gif", acceptLanguage);

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "本 API 没有与该路径对应的路由；见 API 参考")]
    [InlineData("en", "no route of this API answers the path; see the API reference")]
    public async Task FrameworkFallback_UnknownRoute_HasADetailInThePreferredLanguage(string acceptLanguage, string detail)
    {
        using var request = Request(HttpMethod.Get, "/api/v1/no-such-route", acceptLanguage);

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task FrameworkFallback_MethodNotAllowed_HasAChineseDetail()
    {
        using var request = Request(HttpMethod.Delete, "/api/v1/verify", "zh-CN");

        using var response = await fixture.Host.CreateClient().SendAsync(request);

        var body = await Problem.AssertAsync(response, HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed);
        Assert.Equal("该路由不接受此方法；见 API 参考", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("zh-CN", "登记合约答复 AlreadyAnchored", "该指纹已记入账本")]
    [InlineData("en", "the registry answered AlreadyAnchored", "The digest is already anchored")]
    public async Task ChainCustomError_IsInThePreferredLanguage_ErrorNameAndArgumentsUnchanged(string acceptLanguage, string detail, string title)
    {
        var digest = "0x" + new string('c', 64);
        var error = new ChainError(ChainErrorKind.Reverted, "AlreadyAnchored", new Dictionary<string, object?> { ["digest"] = digest }, "reverted");

        var (status, body, language) = await ExecuteAsync(ChainProblems.From(error), acceptLanguage);

        Assert.Equal(StatusCodes.Status409Conflict, status);
        Assert.Equal(EthGov.Api.Problems.Problems.BaseUri + "already-anchored", body.GetProperty("type").GetString());
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.Equal(detail, body.GetProperty("detail").GetString());
        Assert.Equal("AlreadyAnchored", body.GetProperty("error").GetString());
        Assert.Equal(digest, body.GetProperty("arguments").GetProperty("digest").GetString());
        Assert.Equal(acceptLanguage == "en" ? "en" : "zh-CN", language);
    }

    [Fact]
    public async Task ChainReset_KeepsTheAdaptersAccount_InsideTheChineseSentence()
    {
        var reset = EthGov.Api.ChainState.ChainStatus.ResetError("block 7 has another hash than the one indexed");

        var (status, body, _) = await ExecuteAsync(ChainProblems.From(reset), "zh-CN");

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("账本已重置，答复会过时：block 7 has another hash than the one indexed", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task InsufficientScope_NamesScopesInTheChineseSentence()
    {
        var result = EthGov.Api.Problems.Problems.InsufficientScope(EthGov.Application.ApiKeys.ApiKeyScopes.Anchor, EthGov.Application.ApiKeys.ApiKeyScopes.None, "key 9");

        var (status, body, _) = await ExecuteAsync(result, "zh");

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        var detail = body.GetProperty("detail").GetString()!;
        Assert.StartsWith("此操作需要具有 anchor 权限的 API 密钥；key 9 没有任何权限；请用 --scope anchor 创建密钥", detail);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? acceptLanguage)
    {
        var request = new HttpRequestMessage(method, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        return request;
    }

    // Runs a result through the host's own problem details service, as a route's answer runs.
    private async Task<(int Status, JsonElement Body, string? Language)> ExecuteAsync(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult result, string acceptLanguage)
    {
        using var scope = fixture.Host.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.AcceptLanguage = acceptLanguage;
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        body.Position = 0;
        using var document = await JsonDocument.ParseAsync(body);
        return (context.Response.StatusCode, document.RootElement.Clone(), context.Response.Headers.ContentLanguage.ToString());
    }
}
