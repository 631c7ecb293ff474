using System.Buffers;
using EthGov.Api.Documents;
using EthGov.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Requests;

/// <summary>
/// Bounds the JSON body of every endpoint that reads one, before the endpoint reads it: 413 past the endpoint's
/// <see cref="JsonBodyLimit"/> (or <see cref="DocumentsOptions.MaxJsonBodyBytes"/>), and, where the endpoint bounds its
/// arrays, 400 at the first array past the bound while the rest of the body is still unread. Runs after authorization,
/// so no body is read for a caller that may not call the endpoint.
/// </summary>
public sealed class JsonBodyLimitMiddleware(RequestDelegate next, IOptions<DocumentsOptions> options)
{
    // The limit of a JSON endpoint that names none.
    private static readonly JsonBodyLimit s_defaultLimit = new();

    /// <summary>Applies the endpoint's limit, then calls the endpoint.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var limit = Limit(context.GetEndpoint());
        if (limit is null)
        {
            return next(context);
        }

        var maxBytes = limit.MaxBytes ?? options.Value.MaxJsonBodyBytes;
        if (limit.MaxArrayLength is null && context.Request.ContentLength is { } length)
        {
            // The common case costs one comparison: the server holds the body to its declared length.
            return length > maxBytes ? WriteAsync(context, TooLarge(maxBytes)) : next(context);
        }

        return BoundAsync(context, limit, maxBytes);
    }

    // A bounded array, or a chunked body that declares no length: read it here, up to the limit.
    private async Task BoundAsync(HttpContext context, JsonBodyLimit limit, long maxBytes)
    {
        var request = context.Request;
        var scanner = limit.MaxArrayLength is { } maxArrayLength ? new JsonArrayScanner(maxArrayLength) : null;
        var read = await BufferAsync(request, maxBytes, scanner, context.RequestAborted);
        if (read.TooLarge)
        {
            await WriteAsync(context, TooLarge(maxBytes));
        }
        else if (read.ArrayProblem is { } problem)
        {
            await WriteAsync(context, Problems.Problems.Create(StatusCodes.Status400BadRequest, limit.ArrayProblemType, limit.ArrayProblemTitle, problem,
                new Dictionary<string, object?> { ["errors"] = new[] { problem.English } }));
        }
        else
        {
            request.Body = new MemoryStream(read.Body!, writable: false);
            await next(context);
        }
    }

    private static JsonBodyLimit? Limit(Endpoint? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }

        if (endpoint.Metadata.GetMetadata<JsonBodyLimit>() is { } limit)
        {
            return limit;
        }

        var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>();
        return accepts is not null && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)) ? s_defaultLimit : null;
    }

    /// <summary>Reads the whole body (at most <paramref name="maxBytes"/>), scanning its arrays as it arrives when given a scanner.</summary>
    private static async Task<Buffered> BufferAsync(HttpRequest request, long maxBytes, JsonArrayScanner? scanner, CancellationToken cancellationToken)
    {
        var pipe = request.BodyReader;
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (scanner?.Scan(buffer.Slice(scanner.Consumed), result.IsCompleted) is { } problem)
                {
                    pipe.AdvanceTo(buffer.End);
                    return new Buffered(null, problem, false);
                }

                if (buffer.Length > maxBytes)
                {
                    pipe.AdvanceTo(buffer.End);
                    return new Buffered(null, null, true);
                }

                if (result.IsCompleted)
                {
                    var body = buffer.ToArray();
                    pipe.AdvanceTo(buffer.End);
                    return new Buffered(body, null, false);
                }

                // Keep everything buffered in the pipe until the body is complete; only look at what came in.
                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Buffered(null, null, true);
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes)
        => Problems.Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.RequestTooLarge, "The request body is too large",
            RequestTexts.ThisEndpointReadsAtMostBytes.With(maxBytes));

    private static Task WriteAsync(HttpContext context, ProblemHttpResult result) => result.ExecuteAsync(context);

    private sealed record Buffered(byte[]? Body, ProblemText? ArrayProblem, bool TooLarge);
}
