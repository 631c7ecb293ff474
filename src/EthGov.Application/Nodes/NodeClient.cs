using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;

namespace EthGov.Application.Nodes;

/// <summary>
/// Asks other departments' nodes for what only they hold (the receipt of a document they batched), at URLs read from
/// the chain and therefore untrusted. Every failure (network, HTTP, size, time, content) comes back as a
/// <see cref="NodeAnswer{T}"/>; the only exception that leaves a call is <see cref="OperationCanceledException"/> for the
/// caller's own token.
/// </summary>
/// <remarks>
/// <para>
/// Defences against a hostile node or a hostile URL: only http and https; no redirect followed, no proxy, no cookies, no
/// decompression; the host is resolved here and every address checked with <see cref="NodeAddressPolicy"/> just before
/// connecting to it, so a name that resolves to a public address when checked and to an internal one when connecting
/// (DNS rebinding) gains nothing; one deadline covers connecting, headers and body; the body is read into a buffer of
/// <see cref="NodeClientOptions.MaxResponseBytes"/> and refused the moment it passes it.
/// </para>
/// <para>
/// One instance is meant to live as long as the process (a singleton): it keeps one <see cref="HttpClient"/> whose
/// connections are reused across calls, and renewed every <see cref="PooledConnectionLifetime"/> so that a node that
/// moved to another address under the same name is followed without a restart.
/// </para>
/// </remarks>
public sealed class NodeClient : IDisposable
{
    /// <summary>How long a connection to a node is reused before it is replaced by one to the name's current address.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(1);

    private readonly HttpClient _http;
    private readonly NodeAddressPolicy _policy;
    private readonly TimeSpan _timeout;
    private readonly int _maxResponseBytes;

    /// <summary>Creates a client with the given limits.</summary>
    /// <exception cref="ArgumentException">A limit is out of range; the message names its configuration key.</exception>
    public NodeClient(NodeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        _policy = new NodeAddressPolicy(options.AllowPrivateAddresses);
        _timeout = options.Timeout;
        _maxResponseBytes = options.MaxResponseBytes;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // Connection attempts outlive the request that started them; without this a blackholed address would hold a
            // socket for the operating system's two minutes.
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            // A 404 or 500 is answered without its body being read: let the connection be reused after a short body.
            MaxResponseDrainSize = options.MaxResponseBytes,
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("EthGov-Node", "1"));
    }

    /// <summary>
    /// Asks a department's node for the receipt of a document it anchored: GET
    /// <c>{nodeBaseUrl}/api/v1/documents/{digest}/receipt</c>, keeping any path of <paramref name="nodeBaseUrl"/>.
    /// The answer is a receipt for <paramref name="digest"/> that <see cref="ReceiptReader"/> accepts; whether the
    /// chain confirms it is the caller's to check.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<NodeAnswer<Receipt>> GetReceiptAsync(Uri nodeBaseUrl, Digest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeBaseUrl);
        return GetAsync(nodeBaseUrl, $"api/v1/documents/{digest}/receipt", body => ReadReceipt(body, digest), cancellationToken);
    }

    /// <summary>
    /// Asks a grantee department's node for the entries of an access-log batch it logged: GET
    /// <c>{nodeBaseUrl}/api/v1/node/access-batches/{root}</c>, answered as <c>{root, entries: [hash, …]}</c> in leaf order.
    /// Only the form is checked here (at most <paramref name="maxEntries"/> 32-byte hashes, for the root asked); whether
    /// they make the root and its count on chain is the caller's to check.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<NodeAnswer<IReadOnlyList<Digest>>> GetAccessBatchEntriesAsync(Uri nodeBaseUrl, Digest root, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeBaseUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        // 66 characters and a comma and quotes an entry, and the envelope.
        var maxBytes = (int)Math.Min(NodeClientOptions.MaxResponseBytesLimit, 70L * maxEntries + 1024);
        return GetAsync(nodeBaseUrl, $"api/v1/node/access-batches/{root}", body => ReadEntries(body, root, maxEntries), cancellationToken, maxBytes);
    }

    /// <summary>
    /// Posts <paramref name="body"/> (JSON) to <c>{nodeBaseUrl}/{route}</c> under the same defences as every call, with the
    /// header fields <paramref name="sign"/> makes for the final URL (a node-to-node signature covers the authority and
    /// path), and answers whatever HTTP answer came back, whatever its status: a node's refusal is a problem document the
    /// caller reads. Only network, time and size failures, and redirects, are failures here.
    /// </summary>
    /// <param name="nodeBaseUrl">The node's base URL, as read from the chain.</param>
    /// <param name="route">The route below it, without a leading slash.</param>
    /// <param name="body">The request body.</param>
    /// <param name="sign">The header fields to send (Content-Type among them), given the URL the request goes to.</param>
    /// <param name="maxResponseBytes">The largest answer body read; a release carries a whole record.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<NodeAnswer<NodeResponse>> PostAsync(
        Uri nodeBaseUrl, string route, ReadOnlyMemory<byte> body, Func<Uri, IEnumerable<KeyValuePair<string, string>>> sign, int maxResponseBytes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeBaseUrl);
        ArgumentNullException.ThrowIfNull(sign);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResponseBytes, 1);
        if (!TryBuildUrl(nodeBaseUrl, route, out var url, out var refusal))
        {
            return NodeAnswer<NodeResponse>.Fail(NodeFailure.AddressRefused, refusal);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
            foreach (var (name, value) in sign(url))
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                return NodeAnswer<NodeResponse>.Fail(NodeFailure.Refused, DescribeStatus(response.StatusCode));
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                headers[name] = string.Join(", ", values);
            }

            int status = (int)response.StatusCode;
            return await ReadBodyAsync(
                response.Content, maxResponseBytes, read => NodeAnswer<NodeResponse>.Ok(new NodeResponse(status, headers, read.ToArray())), deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NodeAnswer<NodeResponse>.Fail(
                NodeFailure.TimedOut,
                $"The node did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e)
        {
            return FromRequestException<NodeResponse>(e);
        }
        catch (IOException)
        {
            return NodeAnswer<NodeResponse>.Fail(NodeFailure.Unreachable, "The connection to the node broke while reading its answer.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<NodeAnswer<T>> GetAsync<T>(
        Uri nodeBaseUrl, string route, Func<ReadOnlyMemory<byte>, NodeAnswer<T>> read, CancellationToken cancellationToken, int? maxResponseBytes = null)
    {
        if (!TryBuildUrl(nodeBaseUrl, route, out var url, out var refusal))
        {
            return NodeAnswer<T>.Fail(NodeFailure.AddressRefused, refusal);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return NodeAnswer<T>.Fail(NodeFailure.NotFound, "The node has no record of it (404).");
            }

            if (!response.IsSuccessStatusCode)
            {
                return NodeAnswer<T>.Fail(NodeFailure.Refused, DescribeStatus(response.StatusCode));
            }

            return await ReadBodyAsync(response.Content, maxResponseBytes ?? _maxResponseBytes, read, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NodeAnswer<T>.Fail(
                NodeFailure.TimedOut,
                $"The node did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e)
        {
            return FromRequestException<T>(e);
        }
        catch (IOException)
        {
            return NodeAnswer<T>.Fail(NodeFailure.Unreachable, "The connection to the node broke while reading its answer.");
        }
    }

    private static bool TryBuildUrl(Uri nodeBaseUrl, string route, out Uri url, out string refusal)
    {
        url = nodeBaseUrl;
        if (!nodeBaseUrl.IsAbsoluteUri || (nodeBaseUrl.Scheme != Uri.UriSchemeHttp && nodeBaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            refusal = "The node's address is not an http or https URL.";
            return false;
        }

        // The node may be served under a path (https://gov.example/civil/); the route goes below it, and the base URL's
        // query and fragment, which mean nothing to the route, are dropped.
        var builder = new UriBuilder(nodeBaseUrl) { Query = string.Empty, Fragment = string.Empty };
        builder.Path = builder.Path.TrimEnd('/') + "/" + route;
        url = builder.Uri;
        refusal = string.Empty;
        return true;
    }

    private static async Task<NodeAnswer<T>> ReadBodyAsync<T>(
        HttpContent content, int maxBytes, Func<ReadOnlyMemory<byte>, NodeAnswer<T>> read, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            return TooLarge<T>($"announces {announced.ToString(CultureInfo.InvariantCulture)} bytes", maxBytes);
        }

        // One byte more than allowed is read, never more: that byte is how a body longer than the limit is told apart.
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int length = 0;
            int count;
            while ((count = await stream.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += count;
                if (length > maxBytes)
                {
                    return TooLarge<T>("is longer", maxBytes);
                }
            }

            return read(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static NodeAnswer<T> TooLarge<T>(string what, int maxBytes) => NodeAnswer<T>.Fail(
        NodeFailure.TooLarge,
        $"The node's answer {what} than the limit of {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes.");

    private static NodeAnswer<Receipt> ReadReceipt(ReadOnlyMemory<byte> body, Digest digest)
    {
        ReceiptParseResult parsed;
        try
        {
            using var document = JsonDocument.Parse(body);
            parsed = ReceiptReader.Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            return NodeAnswer<Receipt>.Fail(
                NodeFailure.Malformed,
                $"The node's answer is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }

        if (!parsed.IsValid)
        {
            return NodeAnswer<Receipt>.Fail(
                NodeFailure.Malformed,
                $"The node's answer is not a valid receipt: {parsed.Errors[0]}" +
                (parsed.Errors.Count > 1 ? $" (and {parsed.Errors.Count - 1} more problems)." : "."));
        }

        return parsed.Receipt.Digest == digest
            ? NodeAnswer<Receipt>.Ok(parsed.Receipt)
            : NodeAnswer<Receipt>.Fail(NodeFailure.Malformed, $"The node answered the receipt of another document ({parsed.Receipt.Digest}).");
    }

    private static NodeAnswer<IReadOnlyList<Digest>> ReadEntries(ReadOnlyMemory<byte> body, Digest root, int maxEntries)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            var answer = document.RootElement;
            if (answer.ValueKind != JsonValueKind.Object
                || !answer.TryGetProperty("root", out var named) || named.ValueKind != JsonValueKind.String || !Digest.TryParse(named.GetString(), out var given, out _) || given != root
                || !answer.TryGetProperty("entries", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return NodeAnswer<IReadOnlyList<Digest>>.Fail(NodeFailure.Malformed, "The node's answer is not {root, entries} for the root asked.");
            }

            if (list.GetArrayLength() > maxEntries)
            {
                return NodeAnswer<IReadOnlyList<Digest>>.Fail(NodeFailure.TooLarge, $"The node's answer lists more than {maxEntries.ToString(CultureInfo.InvariantCulture)} entries.");
            }

            var entries = new List<Digest>(list.GetArrayLength());
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !Digest.TryParse(item.GetString(), out var entry, out _))
                {
                    return NodeAnswer<IReadOnlyList<Digest>>.Fail(NodeFailure.Malformed, "An entry of the node's answer is not a 32-byte hash.");
                }

                entries.Add(entry);
            }

            return NodeAnswer<IReadOnlyList<Digest>>.Ok(entries);
        }
        catch (JsonException e)
        {
            return NodeAnswer<IReadOnlyList<Digest>>.Fail(NodeFailure.Malformed, $"The node's answer is not JSON (line {e.LineNumber + 1}).");
        }
    }

    private static string DescribeStatus(HttpStatusCode status)
    {
        int code = (int)status;
        return code is >= 300 and < 400
            ? $"The node answered a redirect ({code}), which is not followed."
            : $"The node answered {code}.";
    }

    private static NodeAnswer<T> FromRequestException<T>(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is NodeAddressRefusedException refused)
            {
                return NodeAnswer<T>.Fail(
                    NodeFailure.AddressRefused,
                    $"The node's address is refused: {refused.Check.Reason}; nodes on private networks are called only " +
                    $"when {NodeClientOptions.SectionName}:AllowPrivateAddresses is set.");
            }
        }

        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => NodeAnswer<T>.Fail(NodeFailure.Unreachable, "The node's host name does not resolve."),
            HttpRequestError.SecureConnectionError => NodeAnswer<T>.Fail(NodeFailure.Unreachable, "No TLS connection could be made to the node."),
            HttpRequestError.InvalidResponse => NodeAnswer<T>.Fail(NodeFailure.Malformed, "The node's answer is not valid HTTP."),
            HttpRequestError.ConfigurationLimitExceeded => NodeAnswer<T>.Fail(NodeFailure.TooLarge, "The node's answer headers are too long."),
            HttpRequestError.ResponseEnded => NodeAnswer<T>.Fail(NodeFailure.Unreachable, "The node closed the connection before answering."),
            _ => NodeAnswer<T>.Fail(NodeFailure.Unreachable, "No connection could be made to the node."),
        };
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);

        NodeAddressCheck? refused = null;
        ExceptionDispatchInfo? lastError = null;
        foreach (var address in addresses)
        {
            var check = _policy.Check(address);
            if (!check.IsAllowed)
            {
                refused ??= check;
                continue;
            }

            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastError = ExceptionDispatchInfo.Capture(e);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        lastError?.Throw();
        throw refused is not null
            ? new NodeAddressRefusedException(refused)
            : new SocketException((int)SocketError.HostNotFound);
    }
}
