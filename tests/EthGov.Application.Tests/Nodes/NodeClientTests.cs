using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EthGov.Application.Nodes;
using EthGov.Core.Receipts;
using Microsoft.AspNetCore.Http;

namespace EthGov.Application.Tests.Nodes;

public class NodeClientTests
{
    private static readonly TimeSpan s_margin = TimeSpan.FromSeconds(1.5);

    // Ends a call that a broken client would let run for ever; the test then fails on the cancellation instead of hanging.
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetReceipt_NodeAnswersTheReceipt_ReturnsIt()
    {
        var receipt = TestReceipts.InBatch(seed: 1_000);
        await using var node = await ServingAsync(receipt, "");
        using var client = Client();

        var answer = await client.GetReceiptAsync(node.BaseUrl, receipt.Digest, CancellationToken.None);

        Assert.True(answer.IsSuccess, answer.Detail);
        Assert.Equal(ReceiptWriter.ToJson(receipt), ReceiptWriter.ToJson(answer.Value));
        Assert.Equal([$"/api/v1/documents/{receipt.Digest}/receipt"], node.Paths);
    }

    [Theory]
    [InlineData("gov/civil")]
    [InlineData("gov/civil/")]
    public async Task GetReceipt_BaseUrlWithAPath_AsksBelowThatPath(string basePath)
    {
        var receipt = TestReceipts.InBatch(seed: 1_100);
        await using var node = await ServingAsync(receipt, "/gov/civil");
        using var client = Client();

        var answer = await client.GetReceiptAsync(new Uri(node.BaseUrl, basePath), receipt.Digest, CancellationToken.None);

        Assert.True(answer.IsSuccess, answer.Detail);
        Assert.Equal([$"/gov/civil/api/v1/documents/{receipt.Digest}/receipt"], node.Paths);
    }

    [Fact]
    public async Task GetReceipt_NodeAnswers404_ReturnsNotFound()
    {
        await using var node = await TestNodeServer.AnsweringAsync(404, """{"title":"Document not found"}""");
        using var client = Client();

        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(1_200), CancellationToken.None);

        Assert.Equal(NodeFailure.NotFound, answer.Failure);
        Assert.Null(answer.Value);
    }

    [Fact]
    public async Task GetReceipt_NodeAnswers500_ReturnsRefusedWithTheStatus()
    {
        await using var node = await TestNodeServer.AnsweringAsync(500, "boom");
        using var client = Client();

        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(1_300), CancellationToken.None);

        Assert.Equal(NodeFailure.Refused, answer.Failure);
        Assert.Contains("500", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReceipt_NodeRedirectsToAnotherAddress_IsNotFollowed()
    {
        var receipt = TestReceipts.InBatch(seed: 1_400);
        await using var target = await ServingAsync(receipt, "");
        var location = new Uri(target.BaseUrl, $"api/v1/documents/{receipt.Digest}/receipt");
        await using var node = await TestNodeServer.StartAsync(context =>
        {
            context.Response.Redirect(location.ToString());
            return Task.CompletedTask;
        });
        using var client = Client();

        var answer = await client.GetReceiptAsync(node.BaseUrl, receipt.Digest, CancellationToken.None);

        Assert.Equal(NodeFailure.Refused, answer.Failure);
        Assert.Contains("redirect", answer.Detail, StringComparison.Ordinal);
        Assert.Single(node.Paths);
        Assert.Empty(target.Paths);
    }

    [Fact]
    public async Task GetReceipt_NodeNeverAnswers_TimesOutWithinTheTimeout()
    {
        await using var node = await TestNodeServer.StartAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var timeout = TimeSpan.FromSeconds(1);
        using var client = Client(timeout: timeout);

        using var guard = new CancellationTokenSource(s_guard);

        var clock = Stopwatch.StartNew();
        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(1_500), guard.Token);
        clock.Stop();

        Assert.Equal(NodeFailure.TimedOut, answer.Failure);
        Assert.InRange(clock.Elapsed, timeout - TimeSpan.FromMilliseconds(50), timeout + s_margin);
    }

    [Fact]
    public async Task GetReceipt_NodeDripsItsBodyForever_TimesOutWithinTheTimeout()
    {
        // Headers at once, then one byte every 100 ms: only a deadline over the body as well as the headers stops this.
        await using var node = await TestNodeServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(context.RequestAborted);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync(" ", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted);
            }
        });
        var timeout = TimeSpan.FromSeconds(1);
        using var client = Client(timeout: timeout);

        using var guard = new CancellationTokenSource(s_guard);

        var clock = Stopwatch.StartNew();
        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(1_600), guard.Token);
        clock.Stop();

        Assert.Equal(NodeFailure.TimedOut, answer.Failure);
        Assert.InRange(clock.Elapsed, timeout - TimeSpan.FromMilliseconds(50), timeout + s_margin);
    }

    [Fact]
    public async Task GetReceipt_NodeSendsAnEndlessBody_IsTooLargeAndReadsNoFurther()
    {
        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)' ');
        await using var node = await TestNodeServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            // Chunked, no Content-Length: only counting what arrives can stop it. At most 1 GB, so a broken client ends the test.
            for (long sent = 0; sent < 1L << 30 && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        using var client = Client(timeout: TimeSpan.FromSeconds(20), maxResponseBytes: 64 * 1024);
        // A first call warms up the code paths, so the measured one counts the answer's memory rather than the JIT's.
        await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(1_700), CancellationToken.None);

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        using var guard = new CancellationTokenSource(s_guard);
        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(1_701), guard.Token);
        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.True(NodeFailure.TooLarge == answer.Failure, answer.Detail);
        Assert.Contains("65536", answer.Detail, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // Server and client share this process: what both allocated while the answer was refused stays far below a buffered body.
        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated:N0} bytes");
        Console.WriteLine($"endless body refused after {clock.ElapsedMilliseconds} ms, {allocated:N0} bytes allocated");
    }

    [Fact]
    public async Task GetReceipt_NodeAnnouncesABodyBeyondTheLimit_IsTooLargeWithoutWaitingForIt()
    {
        await using var node = await TestNodeServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 10_000_000;
            await context.Response.WriteAsync("{", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using var client = Client(timeout: TimeSpan.FromSeconds(10), maxResponseBytes: 64 * 1024);

        using var guard = new CancellationTokenSource(s_guard);

        var clock = Stopwatch.StartNew();
        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(1_800), guard.Token);
        clock.Stop();

        Assert.Equal(NodeFailure.TooLarge, answer.Failure);
        Assert.Contains("10000000", answer.Detail, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task GetReceipt_BodyOfExactlyTheLimit_IsRead()
    {
        var receipt = TestReceipts.InBatch(seed: 1_900);
        var json = ReceiptWriter.ToJson(receipt);
        await using var node = await TestNodeServer.AnsweringAsync(200, json);
        using var exact = Client(maxResponseBytes: json.Length);
        using var oneLess = Client(maxResponseBytes: json.Length - 1);

        var read = await exact.GetReceiptAsync(node.BaseUrl, receipt.Digest, CancellationToken.None);
        var refused = await oneLess.GetReceiptAsync(node.BaseUrl, receipt.Digest, CancellationToken.None);

        Assert.True(read.IsSuccess, read.Detail);
        Assert.Equal(NodeFailure.TooLarge, refused.Failure);
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("{\"version\": 1, \"digest\": ")]
    [InlineData("[]")]
    [InlineData("{\"version\": 1}")]
    [InlineData("")]
    public async Task GetReceipt_NodeAnswersSomethingElseThanAReceipt_ReturnsMalformed(string body)
    {
        await using var node = await TestNodeServer.AnsweringAsync(200, body);
        using var client = Client();

        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(2_000), CancellationToken.None);

        Assert.Equal(NodeFailure.Malformed, answer.Failure);
        Assert.DoesNotContain("   at ", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReceipt_NodeAnswersTheReceiptOfAnotherDocument_ReturnsMalformed()
    {
        var receipt = TestReceipts.InBatch(seed: 2_100);
        await using var node = await TestNodeServer.AnsweringAsync(200, ReceiptWriter.ToJson(receipt));
        using var client = Client();

        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(2_199), CancellationToken.None);

        Assert.Equal(NodeFailure.Malformed, answer.Failure);
        Assert.Contains("another document", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReceipt_NodeBreaksTheConnectionMidBody_ReturnsUnreachable()
    {
        await using var node = await TestNodeServer.StartAsync(async context =>
        {
            context.Response.ContentLength = 1_000;
            await context.Response.WriteAsync("{\"version\": 1,", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
        });
        using var client = Client();

        var answer = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(2_200), CancellationToken.None);

        Assert.Equal(NodeFailure.Unreachable, answer.Failure);
    }

    [Fact]
    public async Task GetReceipt_NothingListensOnThePort_ReturnsUnreachable()
    {
        using var client = Client();

        var answer = await client.GetReceiptAsync(new Uri($"http://127.0.0.1:{ClosedPort()}/"), TestReceipts.Digest(2_300), CancellationToken.None);

        Assert.Equal(NodeFailure.Unreachable, answer.Failure);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task GetReceipt_LoopbackWithoutAllowPrivateAddresses_IsRefusedBeforeAnyRequest(string host)
    {
        var receipt = TestReceipts.InBatch(seed: 2_400);
        await using var node = await ServingAsync(receipt, "");
        using var client = Client(allowPrivateAddresses: false);

        var answer = await client.GetReceiptAsync(new Uri($"http://{host}:{node.Port}/"), receipt.Digest, CancellationToken.None);

        Assert.Equal(NodeFailure.AddressRefused, answer.Failure);
        Assert.Contains("loopback", answer.Detail, StringComparison.Ordinal);
        Assert.Contains("AllowPrivateAddresses", answer.Detail, StringComparison.Ordinal);
        Assert.Empty(node.Paths);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task GetReceipt_LoopbackWithAllowPrivateAddresses_IsCalled(string host)
    {
        var receipt = TestReceipts.InBatch(seed: 2_500);
        await using var node = await ServingAsync(receipt, "");
        using var client = Client(allowPrivateAddresses: true);

        var answer = await client.GetReceiptAsync(new Uri($"http://{host}:{node.Port}/"), receipt.Digest, CancellationToken.None);

        Assert.True(answer.IsSuccess, answer.Detail);
        Assert.Single(node.Paths);
    }

    [Theory]
    [InlineData("http://0.0.0.0:{0}/")]
    [InlineData("http://169.254.169.254:{0}/")]
    [InlineData("http://[::]:{0}/")]
    public async Task GetReceipt_AddressThatIsNeverANode_IsRefusedEvenWithAllowPrivateAddresses(string url)
    {
        // 0.0.0.0 and :: reach the local host on Linux, where this node listens.
        var receipt = TestReceipts.InBatch(seed: 2_600);
        await using var node = await ServingAsync(receipt, "");
        using var client = Client(allowPrivateAddresses: true);

        var answer = await client.GetReceiptAsync(new Uri(string.Format(url, node.Port)), receipt.Digest, CancellationToken.None);

        Assert.Equal(NodeFailure.AddressRefused, answer.Failure);
        Assert.Empty(node.Paths);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1:70/")]
    public async Task GetReceipt_UrlThatIsNotHttp_IsRefused(string url)
    {
        using var client = Client();

        var answer = await client.GetReceiptAsync(new Uri(url), TestReceipts.Digest(2_700), CancellationToken.None);

        Assert.Equal(NodeFailure.AddressRefused, answer.Failure);
    }

    [Fact]
    public async Task GetReceipt_RelativeUrl_IsRefused()
    {
        using var client = Client();

        var answer = await client.GetReceiptAsync(new Uri("/api", UriKind.Relative), TestReceipts.Digest(2_800), CancellationToken.None);

        Assert.Equal(NodeFailure.AddressRefused, answer.Failure);
    }

    [Fact]
    public async Task GetReceipt_CallerCancels_ThrowsOperationCanceledAtOnce()
    {
        await using var node = await TestNodeServer.StartAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var client = Client(timeout: TimeSpan.FromSeconds(20));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(2_900), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task GetReceipt_TwoCallsToOneNode_ShareOneConnection()
    {
        var receipt = TestReceipts.InBatch(seed: 3_000);
        await using var node = await ServingAsync(receipt, "");
        using var client = Client();

        var first = await client.GetReceiptAsync(node.BaseUrl, receipt.Digest, CancellationToken.None);
        var second = await client.GetReceiptAsync(node.BaseUrl, TestReceipts.Digest(3_099), CancellationToken.None);

        Assert.True(first.IsSuccess, first.Detail);
        Assert.Equal(NodeFailure.NotFound, second.Failure);
        Assert.Equal(2, node.Connections.Count);
        Assert.Single(node.Connections.Distinct());
    }

    private static NodeClient Client(bool allowPrivateAddresses = true, TimeSpan? timeout = null, int maxResponseBytes = 64 * 1024) =>
        new(new NodeClientOptions
        {
            AllowPrivateAddresses = allowPrivateAddresses,
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
            MaxResponseBytes = maxResponseBytes,
        });

    /// <summary>A node under <paramref name="prefix"/> that answers the receipt route for <paramref name="receipt"/>'s digest and 404 otherwise.</summary>
    private static Task<TestNodeServer> ServingAsync(Receipt receipt, string prefix)
    {
        var json = ReceiptWriter.ToJson(receipt);
        var route = $"{prefix}/api/v1/documents/{receipt.Digest}/receipt";
        return TestNodeServer.StartAsync(async context =>
        {
            if (context.Request.Path.Value != route)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
