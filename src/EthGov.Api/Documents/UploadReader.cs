using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EthGov.Api.Documents;

/// <summary>
/// Reads a multipart/form-data request section by section: the file part is hashed while it streams in and
/// is never buffered or stored (unless the caller keeps it: then it is read into memory up to the record store's limit); the text parts the endpoint expects (such as a receipt) are read up to a fixed size,
/// once each; any other part is read past without being kept, so a request of many parts costs no memory.
/// </summary>
public static class UploadReader
{
    private const int MaxTextPartBytes = 256 * 1024;

    /// <summary>
    /// The file's digest (null when no file part) and the text parts named in <paramref name="fields"/>, or an error for
    /// the caller; with <paramref name="keepUpTo"/> above zero the file's bytes too, refused as too large past that many.
    /// </summary>
    public static async Task<UploadResult> ReadAsync(HttpRequest request, long maxFileBytes, IReadOnlyCollection<string> fields, CancellationToken cancellationToken, long keepUpTo = 0)
    {
        if (keepUpTo > 0)
        {
            maxFileBytes = Math.Min(maxFileBytes, keepUpTo);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return UploadResult.Invalid(DocumentTexts.NotMultipart);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Room for the multipart framing and a receipt beside the file.
            limit.MaxRequestBodySize = maxFileBytes + MaxTextPartBytes + 64 * 1024;
        }

        var reader = new MultipartReader(boundary, request.Body);
        Digest? fileDigest = null;
        long fileBytes = 0;
        byte[]? kept = null;
        string? fileMediaType = null;
        string? fileName = null;
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    if (fileDigest is not null)
                    {
                        return UploadResult.Invalid(DocumentTexts.OneFilePerRequest);
                    }

                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    var counted = new LimitedStream(section.Body, maxFileBytes);
                    if (keepUpTo > 0)
                    {
                        using var buffer = new MemoryStream();
                        await counted.CopyToAsync(buffer, cancellationToken);
                        kept = buffer.ToArray();
                        fileDigest = DocumentHasher.Hash(kept);
                        fileMediaType = section.ContentType;
                    }
                    else
                    {
                        fileDigest = await DocumentHasher.HashAsync(counted, cancellationToken);
                    }

                    fileBytes = counted.BytesRead;
                }
                else if (fields.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    if (texts.ContainsKey(name))
                    {
                        return UploadResult.Invalid(DocumentTexts.OnePartPerRequest.With(name));
                    }

                    var limited = new LimitedStream(section.Body, MaxTextPartBytes);
                    using var text = new StreamReader(limited);
                    texts[name] = await text.ReadToEndAsync(cancellationToken);
                }
            }
        }
        catch (LimitedStream.LimitExceededException)
        {
            return UploadResult.TooLarge(DocumentTexts.UploadExceedsLimit.With(maxFileBytes));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return UploadResult.TooLarge(DocumentTexts.UploadExceedsLimit.With(maxFileBytes));
        }
        catch (IOException)
        {
            return UploadResult.Invalid(DocumentTexts.MultipartMalformed);
        }
        catch (InvalidDataException)
        {
            return UploadResult.Invalid(DocumentTexts.MultipartMalformed);
        }

        return new UploadResult(fileDigest, fileBytes, texts, null, false) { FileContent = kept, FileMediaType = fileMediaType, FileName = fileName };
    }
}

/// <summary>What an upload held.</summary>
public sealed record UploadResult(Digest? FileDigest, long FileBytes, IReadOnlyDictionary<string, string> Fields, EthGov.Api.Problems.ProblemText? Error, bool IsTooLarge)
{
    /// <summary>The file's bytes, when the caller asked to keep them.</summary>
    public byte[]? FileContent { get; init; }

    /// <summary>The file part's Content-Type, when the caller asked to keep the file.</summary>
    public string? FileMediaType { get; init; }

    /// <summary>The name the client gave the file part, if any.</summary>
    public string? FileName { get; init; }

    /// <summary>A malformed upload.</summary>
    public static UploadResult Invalid(EthGov.Api.Problems.ProblemText error) => new(null, 0, new Dictionary<string, string>(), error, false);

    /// <summary>An upload over the limit.</summary>
    public static UploadResult TooLarge(EthGov.Api.Problems.ProblemText error) => new(null, 0, new Dictionary<string, string>(), error, true);
}
