using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.ApiKeys;
using EthGov.Core.Digests;
using EthGov.Core.Records;

namespace EthGov.Api.Tests.Records;

public sealed class RecordsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Subject = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private HttpClient Civil => fixture.Host.ClientWithKey(fixture.CivilKey);

    private HttpClient Health => fixture.Host.ClientWithKey(fixture.HealthKey);

    [Fact]
    public async Task CreateRecord_KeepsTheSaltedRecordAndAnchorsItsDigest()
    {
        var name = $"Ada {Guid.NewGuid():N}";

        using var response = await Civil.PostAsJsonAsync("/api/v1/records", new { kind = "birth-certificate", subject = Subject, person = "AB 123", data = new { name, born = "1815-12-10" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var digest = created.GetProperty("digest").GetString()!;
        var salt = Convert.FromHexString(created.GetProperty("salt").GetString()![2..]);
        Assert.Equal($"/api/v1/records/{digest}", response.Headers.Location?.ToString());
        Assert.Equal(SubjectCommitment.Of(Subject, salt), created.GetProperty("subject").GetString());
        Assert.Equal($"/api/v1/documents/{digest}/receipt", created.GetProperty("receiptUrl").GetString());

        using var read = await Civil.GetAsync($"/api/v1/records/{digest}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/json", read.Content.Headers.ContentType?.MediaType);
        var bytes = await read.Content.ReadAsByteArrayAsync();
        Assert.Equal(Digest.Parse(digest), new Digest(SHA256.HashData(bytes)));
        Assert.True(SaltedRecord.TryParse(bytes, out var record));
        Assert.Equal(salt, record.Salt);
        Assert.Equal(name, record.Data.GetProperty("name").GetString());

        await fixture.Host.WaitAnchoredAsync(digest);
        using var receipt = await Civil.GetAsync(created.GetProperty("receiptUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.DoesNotContain(DatabaseRows.Read(fixture.Host.DataDirectory, "SELECT hex(content) || ' ' || hex(subject) FROM records"),
            row => row.Contains(Convert.ToHexString(Encoding.UTF8.GetBytes(name)), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"kind":"Birth Certificate","data":{}}""")]
    [InlineData("""{"kind":"birth-certificate","data":[1]}""")]
    [InlineData("""{"kind":"birth-certificate"}""")]
    [InlineData("""{"kind":"birth-certificate","subject":"0x12","data":{}}""")]
    [InlineData("""{"kind":"birth-certificate","person":"  ","data":{}}""")]
    [InlineData("""{"kind":"birth-certificate","person":"12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890","data":{}}""")]
    public async Task CreateRecord_InvalidField_Returns400AndKeepsNothing(string body)
    {
        var before = DatabaseRows.Read(fixture.Host.DataDirectory, "SELECT count(*) FROM records").Single();

        using var response = await Civil.PostAsync("/api/v1/records", new StringContent(body, Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal(before, DatabaseRows.Read(fixture.Host.DataDirectory, "SELECT count(*) FROM records").Single());
    }

    [Fact]
    public async Task CreateRecord_KeyWithoutRecordsScope_Returns403InsufficientScope()
    {
        using var client = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("CIVIL", ApiKeyScopes.Anchor));

        using var response = await client.PostAsJsonAsync("/api/v1/records", new { kind = "licence", data = new { } });

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "insufficient-scope");
    }

    [Fact]
    public async Task GetRecord_AnotherDepartmentsRecord_Returns404RecordNotFound()
    {
        var digest = await CreateAsync(Civil);

        using var response = await Health.GetAsync($"/api/v1/records/{digest}");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "record-not-found");
    }

    [Fact]
    public async Task GetRecord_KeyWithoutRecordsScope_Returns403InsufficientScope()
    {
        var digest = await CreateAsync(Civil);
        using var client = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("CIVIL", ApiKeyScopes.Anchor));

        using var response = await client.GetAsync($"/api/v1/records/{digest}");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "insufficient-scope");
    }

    [Fact]
    public async Task GetRecord_InvalidDigest_Returns400InvalidDigest()
    {
        using var response = await Civil.GetAsync("/api/v1/records/0x12");

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "invalid-digest");
    }

    [Fact]
    public async Task EraseRecord_ContentGoesWith410_AnchorStays()
    {
        var digest = await CreateAsync(Civil);
        await fixture.Host.WaitAnchoredAsync(digest);

        using var erased = await Civil.DeleteAsync($"/api/v1/records/{digest}/content");
        using var read = await Civil.GetAsync($"/api/v1/records/{digest}");
        using var again = await Civil.DeleteAsync($"/api/v1/records/{digest}/content");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var erasedAt = (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erasedAt").GetDateTimeOffset();
        var gone = await Problem.AssertAsync(read, HttpStatusCode.Gone, "record-erased");
        Assert.Equal(erasedAt, gone.GetProperty("erasedAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(erasedAt, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erasedAt").GetDateTimeOffset());
        Assert.Equal(["   1"], DatabaseRows.Read(fixture.Host.DataDirectory,
            $"SELECT content, subject, person_key, CASE WHEN erased_at IS NOT NULL THEN 1 ELSE 0 END FROM records WHERE hex(digest) = '{digest[2..].ToUpperInvariant()}'"));
        await fixture.Host.WaitAnchoredAsync(digest);
    }

    [Fact]
    public async Task EraseRecord_AnotherDepartmentsRecord_Returns404AndKeepsIt()
    {
        var digest = await CreateAsync(Civil);

        using var response = await Health.DeleteAsync($"/api/v1/records/{digest}/content");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "record-not-found");
        using var read = await Civil.GetAsync($"/api/v1/records/{digest}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task UploadWithKeep_KeepsTheFileEncryptedAndServesItBack()
    {
        var bytes = Encoding.UTF8.GetBytes($"%PDF certificate {Guid.NewGuid():N}");
        var digest = new Digest(SHA256.HashData(bytes)).ToString();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent { { file, "file", "certificate.pdf" }, { new StringContent("licence"), "kind" } };

        using var response = await Civil.PostAsync("/api/v1/documents/upload?keep=true", form);
        // Committed before the answer: read straight from the database file, not through the API.
        var rows = DatabaseRows.Read(fixture.Host.DataDirectory, $"SELECT kind, media_type, size, hex(content) FROM records WHERE hex(digest) = '{digest[2..].ToUpperInvariant()}'");
        using var read = await Civil.GetAsync($"/api/v1/records/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var row = Assert.Single(rows);
        Assert.StartsWith($"licence application/pdf {bytes.Length} ", row, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(bytes[..16]), row, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/pdf", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(Digest.Parse(digest).ToArray())}:", read.Headers.GetValues("Content-Digest").Single());
        await fixture.Host.WaitAnchoredAsync(digest);
    }

    [Fact]
    public async Task UploadWithoutKeep_KeepsNothing()
    {
        var bytes = Encoding.UTF8.GetBytes($"not kept {Guid.NewGuid():N}");
        var digest = new Digest(SHA256.HashData(bytes)).ToString();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "plain.txt" } };

        using var response = await Civil.PostAsync("/api/v1/documents/upload", form);
        using var read = await Civil.GetAsync($"/api/v1/records/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Problem.AssertAsync(read, HttpStatusCode.NotFound, "record-not-found");
    }

    [Fact]
    public async Task UploadWithKeep_OverTheRecordLimit_Returns413RecordTooLarge()
    {
        var bytes = RandomNumberGenerator.GetBytes((1024 * 1024) + 1);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "big.bin" } };

        using var response = await Civil.PostAsync("/api/v1/documents/upload?keep=true", form);

        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "record-too-large");
        Assert.Empty(DatabaseRows.Read(fixture.Host.DataDirectory, $"SELECT 1 FROM records WHERE size > {1024 * 1024}"));
    }

    [Fact]
    public async Task UploadWithKeep_KeyWithoutRecordsScope_Returns403AndKeepsNothing()
    {
        var bytes = Encoding.UTF8.GetBytes($"anchor only {Guid.NewGuid():N}");
        var digest = new Digest(SHA256.HashData(bytes));
        using var client = fixture.Host.ClientWithKey(await fixture.Host.CreateKeyAsync("CIVIL", ApiKeyScopes.Anchor));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "a.txt" } };

        using var response = await client.PostAsync("/api/v1/documents/upload?keep=true", form);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "insufficient-scope");
        Assert.Empty(DatabaseRows.Read(fixture.Host.DataDirectory, $"SELECT 1 FROM records WHERE hex(digest) = '{Convert.ToHexString(digest.ToArray())}'"));
    }

    [Fact]
    public async Task Records_NodeWithoutDataKey_Returns503RecordsNotConfigured()
    {
        await using var host = await ApiHost.StartAsync(fixture.Chain, new Dictionary<string, string?> { ["EthGov:DataKey"] = "" });
        using var client = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));

        using var create = await client.PostAsJsonAsync("/api/v1/records", new { kind = "licence", data = new { } });
        using var read = await client.GetAsync($"/api/v1/records/{TestDigests.New()}");

        await Problem.AssertAsync(create, HttpStatusCode.ServiceUnavailable, "records-not-configured");
        await Problem.AssertAsync(read, HttpStatusCode.ServiceUnavailable, "records-not-configured");
    }

    private static async Task<string> CreateAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/records", new { kind = "licence", subject = Subject, person = "P1", data = new { id = Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("digest").GetString()!;
    }
}
