using EthGov.Api.ChainState;
using EthGov.Api.Configuration;
using EthGov.Api.Outbox;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Core.Digests;
using EthGov.Core.Links;
using EthGov.Core.Receipts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using QRCoder;

namespace EthGov.Api.Page;

/// <summary>
/// QR codes for printing on certificates: each encodes the document's link (<see cref="DocumentLink"/>): the page that
/// verifies it under <c>EthGov:PublicBaseUrl</c>, with the issuing department's code and, where it fits, the batch proof,
/// so a phone camera is all a citizen needs and any node's page can verify it from the code alone. Only the node that
/// anchored a document prints its code: the department and the proof come from this node's records.
/// </summary>
public static class QrCodeApi
{
    /// <summary>
    /// The PNG's size aimed at: about 1,000 pixels square (4 to 5 cm at 600 dpi) whatever the symbol's version. A link
    /// without a proof makes a symbol of about 60 modules a side, quiet zone included; a proof makes it grow, to 113
    /// modules for a member of a 1,000-document batch and 149 (version 31) for the longest link, 1,024 characters.
    /// </summary>
    public const int PngTargetPixels = 1_000;

    /// <summary>The most pixels per module: a small symbol (a single anchor's link) needs no more to print sharp.</summary>
    public const int MaxPngPixelsPerModule = 16;

    /// <summary>
    /// The fewest pixels per module: 8 pixels at 600 dpi make a module of 0.34 mm, which phone cameras read; fewer would
    /// leave a large symbol too coarse for a printer to draw its modules square.
    /// </summary>
    public const int MinPngPixelsPerModule = 8;

    /// <summary>Maps GET /api/v1/documents/{digest}/qr.</summary>
    public static IEndpointRouteBuilder MapQrCodeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/documents/{digest}/qr", GetQrCode).WithTags("Documents").WithName("GetDocumentQrCode")
            .WithSummary("A QR code (format=png, the default, or svg) of the link that verifies a document this node anchored")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        return app;
    }

    /// <summary>The QR code of <paramref name="digest"/> as PNG or SVG.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetQrCode(
        string digest, string? format, HttpRequest request, IOptions<EthGovOptions> options, DocumentIndex index,
        ReceiptService receipts, ChainStatus chain, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digest, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
        }

        var kind = (format ?? "png").ToLowerInvariant();
        if (kind is not ("png" or "svg"))
        {
            return Problems.Problems.InvalidRequest(PageTexts.FormatIsNotOneOfPng.With(format));
        }

        if (chain.ResetDetected is { } reset)
        {
            // A link whose proof leads to a root on a chain that no longer exists would verify nothing.
            return ChainProblems.From(ChainStatus.ResetError(reset));
        }

        if (!index.TryGet(parsed, out var entry))
        {
            return Problems.Problems.DocumentNotFound(parsed.ToString(),
                PageTexts.ThisNodeDidNotAnchorSo.With(parsed));
        }

        // Printed before its batch is confirmed, a code would lack the proof for good.
        if (await receipts.ForAsync(entry, cancellationToken) is not { } receipt)
        {
            return Problems.Problems.NotYetAnchored(parsed);
        }

        if (LinkOf(options.Value.PublicBaseUrl, request, receipt) is not { } url)
        {
            return Problems.Problems.InvalidRequest(PageTexts.HostDoesNotMakeAURL.With(request.Host));
        }

        // Quartile error correction: a printed code survives a stamp, a fold or a scuff over a quarter of it.
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        var pixelsPerModule = PngPixelsPerModule(data.ModuleMatrix.Count);
        var name = $"ethgov-{parsed}";
        return kind == "png"
            ? TypedResults.File(new PngByteQRCode(data).GetGraphic(pixelsPerModule), "image/png", name + ".png")
            : TypedResults.File(
                System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(pixelsPerModule, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute)),
                "image/svg+xml", name + ".svg");
    }

    /// <summary>
    /// Pixels per module of a PNG of <paramref name="modules"/> modules a side (quiet zone included): the PNG stays near
    /// <see cref="PngTargetPixels"/>, between <see cref="MinPngPixelsPerModule"/> and <see cref="MaxPngPixelsPerModule"/>.
    /// </summary>
    public static int PngPixelsPerModule(int modules)
        => Math.Clamp(PngTargetPixels / Math.Max(modules, 1), MinPngPixelsPerModule, MaxPngPixelsPerModule);

    /// <summary>
    /// The link of the document <paramref name="receipt"/> describes, under the configured public URL. Only in Development
    /// may that be unset (start-up refuses otherwise); then the URL the request came to is used, Host header included,
    /// and null is returned when that makes no URL.
    /// </summary>
    public static string? LinkOf(Uri? publicBaseUrl, HttpRequest request, Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(receipt);
        var baseUrl = publicBaseUrl;
        if (baseUrl is null && !Uri.TryCreate($"{request.Scheme}://{request.Host}{request.PathBase}", UriKind.Absolute, out baseUrl))
        {
            return null;
        }

        return DocumentLink.Build(baseUrl, receipt.Digest, receipt.Issuer.Code, receipt.Batch?.Proof ?? []);
    }
}
