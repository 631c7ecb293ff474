using EthGov.Api.Configuration;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using QRCoder;

namespace EthGov.Api.Page;

/// <summary>
/// QR codes for printing on certificates: each encodes <c>&lt;PublicBaseUrl&gt;/v/&lt;digest&gt;</c>, the page that
/// verifies the document, so a phone camera is all a citizen needs.
/// </summary>
public static class QrCodeApi
{
    /// <summary>
    /// Pixels per module of the PNG: a URL with a digest needs a version 6 or 7 symbol (about 50 modules with the
    /// quiet zone), so 16 px gives an 800 px square, sharp at 3 cm or more on a 600 dpi printer.
    /// </summary>
    public const int PngPixelsPerModule = 16;

    /// <summary>Maps GET /api/v1/documents/{digest}/qr.</summary>
    public static IEndpointRouteBuilder MapQrCodeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/documents/{digest}/qr", GetQrCode).WithTags("Documents").WithName("GetDocumentQrCode")
            .WithSummary("A QR code (format=png, the default, or svg) leading to the page that verifies the document")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml");
        return app;
    }

    /// <summary>The QR code of <paramref name="digest"/> as PNG or SVG.</summary>
    public static Results<FileContentHttpResult, ProblemHttpResult> GetQrCode(
        string digest, string? format, HttpRequest request, IOptions<EthGovOptions> options)
    {
        if (!Digest.TryParse(digest, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest($"digest: {error}");
        }

        var url = VerificationUrl(options.Value.PublicBaseUrl, request, parsed);
        // Quartile error correction: a printed code survives a stamp, a fold or a scuff over a quarter of it.
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        var name = $"ethgov-{parsed}";
        return (format ?? "png").ToLowerInvariant() switch
        {
            "png" => TypedResults.File(new PngByteQRCode(data).GetGraphic(PngPixelsPerModule), "image/png", name + ".png"),
            "svg" => TypedResults.File(
                System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(PngPixelsPerModule, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute)),
                "image/svg+xml", name + ".svg"),
            _ => Problems.Problems.InvalidRequest($"format: \"{format}\" is not one of png, svg"),
        };
    }

    /// <summary>
    /// The page that verifies <paramref name="digest"/>, under the configured public URL. Only in Development may it be
    /// unset (start-up refuses otherwise); then the URL the request came to is used, Host header included.
    /// </summary>
    public static string VerificationUrl(Uri? publicBaseUrl, HttpRequest request, Digest digest)
    {
        var baseUrl = publicBaseUrl is not null
            ? publicBaseUrl.ToString()
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{baseUrl.TrimEnd('/')}/v/{digest}";
    }
}
