using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Problems;
using EthGov.Api.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Api.Tests.Problems;

/// <summary>
/// Failures the node stores and answers later (a refused anchor, a bulk job's failed item): the store keeps a code with its values, and each
/// answer says it in the caller's language, wholly Chinese for a Chinese caller and readable English otherwise; a row an
/// older node wrote as an English sentence is still answered as it was written. The anchors are refused for real, by the
/// registry on a real chain.
/// </summary>
public sealed class StoredErrorLanguagesTests : IAsyncLifetime
{
    private readonly DevChain _chain = new();
    private ApiHost _host = null!;
    private string _transportKey = null!;
    private bool _chainAhead;

    public async Task InitializeAsync()
    {
        await _chain.InitializeAsync();
        _host = await ApiHost.StartAsync(_chain);
        _transportKey = await _host.CreateKeyAsync("TRANSPORT");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _chain.DisposeAsync();
    }

    [Fact]
    public async Task RefusedAnchor_ByTheRegistry_StatusErrorIsChinese_AndEnglishReadable()
    {
        var (digest, validUntil) = await RefusedAnchorAsync();

        var zh = await StatusErrorAsync(digest, "zh-CN");
        var en = await StatusErrorAsync(digest, "en");

        EnglishSentences.AssertChinese(zh, $"有效期必须在将来（登记合约答复 InvalidValidUntil(validUntil={validUntil})）");
        Assert.Equal($"validUntil must be in the future (the registry answered InvalidValidUntil(validUntil={validUntil}))", en);
        Assert.Equal([$"InvalidValidUntil(validUntil={validUntil})"], DatabaseRows.Read(_host.DataDirectory, "SELECT error FROM batches WHERE state = 2"));
    }

    [Fact]
    public async Task RefusedAnchor_AskedForAgainWithWait_ProblemDetailIsChinese()
    {
        var (digest, validUntil) = await RefusedAnchorAsync();

        // The same digest again, waiting: the outbox holds its refused anchor, and the problem says why.
        var zh = await SendAsync(HttpMethod.Post, "/api/v1/documents?wait=true&timeoutSeconds=5", new { digest }, "zh-CN");
        var en = await SendAsync(HttpMethod.Post, "/api/v1/documents?wait=true&timeoutSeconds=5", new { digest }, "en");

        Assert.Equal(HttpStatusCode.Conflict, zh.Status);
        Assert.Equal(EthGov.Api.Problems.Problems.BaseUri + ProblemTypes.AnchorFailed, zh.Body.GetProperty("type").GetString());
        EnglishSentences.AssertChinese(zh.Body.GetProperty("title").GetString(), "账本拒绝记入该文件");
        EnglishSentences.AssertChinese(zh.Body.GetProperty("detail").GetString(), "账本拒绝记入：有效期必须在将来（登记合约答复 InvalidValidUntil");
        Assert.Equal($"validUntil must be in the future (the registry answered InvalidValidUntil(validUntil={validUntil}))", en.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RefusedAnchor_RevokedLater_AnchorRefusedDetailIsChinese()
    {
        var (digest, validUntil) = await RefusedAnchorAsync();

        var zh = await SendAsync(HttpMethod.Post, $"/api/v1/documents/{digest}/revocation", new { reason = "fraud" }, "zh-CN");
        var en = await SendAsync(HttpMethod.Post, $"/api/v1/documents/{digest}/revocation", new { reason = "fraud" }, "en");

        Assert.Equal(HttpStatusCode.Conflict, zh.Status);
        Assert.Equal(EthGov.Api.Problems.Problems.BaseUri + ProblemTypes.AnchorFailed, zh.Body.GetProperty("type").GetString());
        EnglishSentences.AssertChinese(zh.Body.GetProperty("detail").GetString(), "有效期必须在将来");
        Assert.Equal($"validUntil must be in the future (the registry answered InvalidValidUntil(validUntil={validUntil}))", en.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RowsOfAnOlderNode_AndTheNodesOwnCode_AreAnsweredAfterARestart()
    {
        var (sentence, _) = await RefusedAnchorAsync();
        var (code, _) = await RefusedAnchorAsync();

        // An older node stored a sentence; this node stores its own failures as codes.
        var ids = DatabaseRows.Read(_host.DataDirectory, "SELECT id FROM batches WHERE state = 2 ORDER BY id");
        Assert.Equal(2, ids.Count);
        await _host.DisposeAsync();
        SetError(long.Parse(ids[0], System.Globalization.CultureInfo.InvariantCulture), "no signer key is configured for department 3");
        SetError(long.Parse(ids[1], System.Globalization.CultureInfo.InvariantCulture), StoredError.Of(StoredErrors.NoSignerKey, ("department", 3)).ToString());
        _host = await ApiHost.StartAsync(_chain, dataDirectory: _host.DataDirectory);

        Assert.Equal("no signer key is configured for department 3", await StatusErrorAsync(sentence, "en"));
        Assert.Equal("（原文）no signer key is configured for department 3", await StatusErrorAsync(sentence, "zh-CN"));
        EnglishSentences.AssertChinese(await StatusErrorAsync(code, "zh-CN"), "本节点没有为部门 3 配置签名密钥");
        Assert.Equal("no signer key is configured for department 3", await StatusErrorAsync(code, "en"));
    }

    [Fact]
    public async Task BulkItem_OfAnotherDepartmentsDigest_ErrorIsChinese_InTheChunkAndInTheJobsItems()
    {
        var theirs = TestDigests.New();
        using (var civil = _host.ClientWithKey(await _host.CreateKeyAsync("CIVIL")))
        {
            using var accepted = await civil.PostAsJsonAsync("/api/v1/documents", new { digest = theirs });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var created = await SendAsync(HttpMethod.Post, "/api/v1/bulk-jobs", new { kind = "csv", total = 1 }, "zh-CN");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var job = created.Body.GetProperty("id").GetInt64();

        var chunk = await SendAsync(HttpMethod.Post, $"/api/v1/bulk-jobs/{job}/chunks", new { items = new[] { new { digest = theirs } } }, "zh-CN");
        var zh = await SendAsync(HttpMethod.Get, $"/api/v1/bulk-jobs/{job}/items", null, "zh-CN");
        var en = await SendAsync(HttpMethod.Get, $"/api/v1/bulk-jobs/{job}/items", null, "en");

        Assert.Equal(HttpStatusCode.OK, chunk.Status);
        Assert.Equal("failed", chunk.Body.GetProperty("items")[0].GetProperty("outcome").GetString());
        EnglishSentences.AssertChinese(chunk.Body.GetProperty("items")[0].GetProperty("error").GetString(), $"{theirs} 已由另一部门提交");
        EnglishSentences.AssertChinese(zh.Body.GetProperty("items")[0].GetProperty("error").GetString(), $"{theirs} 已由另一部门提交");
        Assert.Equal($"{theirs} was submitted by another department", en.Body.GetProperty("items")[0].GetProperty("error").GetString());
        Assert.Equal([$"submitted-by-another-department(digest={theirs})"], DatabaseRows.Read(_host.DataDirectory, $"SELECT error FROM bulk_job_items WHERE job_id = {job}"));
    }

    private void SetError(long batch, string error)
    {
        using var connection = _host.Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE batches SET error = @error WHERE id = @id";
        AddParameter(command, "@error", error);
        AddParameter(command, "@id", batch);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // The chain's clock runs two days ahead of the node's: a validUntil a day ahead passes the node's check, and the
    // registry refuses it with InvalidValidUntil, as it would a validUntil that passed while the batch waited.
    private async Task<(string Digest, long ValidUntil)> RefusedAnchorAsync()
    {
        if (!_chainAhead)
        {
            await _chain.IncreaseTimeAsync(2 * 86400);
            _chainAhead = true;
        }

        var digest = TestDigests.New();
        var validUntil = DateTimeOffset.UtcNow.AddDays(1);
        using (var client = _host.ClientWithKey(_transportKey))
        {
            using var accepted = await client.PostAsJsonAsync("/api/v1/documents", new { digest, validUntil });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v1/documents/{digest}", null, "en");
            Assert.Equal(HttpStatusCode.OK, status);
            if (body.GetProperty("status").GetString() == "failed")
            {
                return (digest, validUntil.ToUnixTimeSeconds());
            }

            Assert.True(DateTime.UtcNow < deadline, $"{digest} is still {body.GetProperty("status").GetString()}");
            await Task.Delay(100);
        }
    }

    private async Task<string?> StatusErrorAsync(string digest, string language)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v1/documents/{digest}", null, language);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("failed", body.GetProperty("status").GetString());
        return body.GetProperty("error").GetString();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body, string language)
    {
        using var client = _host.ClientWithKey(_transportKey);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
