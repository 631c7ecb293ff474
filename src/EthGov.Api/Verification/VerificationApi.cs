using EthGov.Api.Departments;
using EthGov.Api.Documents;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Api.Requests;
using EthGov.Core.Digests;
using EthGov.Core.Links;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Verification;

/// <summary>Open to anyone: a digest, a file or a receipt in, a verdict with its checks out, read from the chain.</summary>
public static class VerificationApi
{
    // The only part of a verification upload kept besides the file; any other is read past without being kept.
    private static readonly string[] s_uploadFields = ["receipt"];

    /// <summary>Maps /api/v1/verify.</summary>
    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/verify").WithTags("Verification");
        group.MapGet("/{digest}", VerifyDigest).WithName("VerifyDigest")
            .WithSummary("Verify a digest against the chain; ?department=CODE names the issuer (else every department is asked), ?proof= gives its batch proof as a document link carries it");
        group.MapPost("/", Verify).WithName("Verify")
            .WithSummary("Verify a digest and/or a receipt against the chain")
            .WithMetadata(new JsonBodyLimit(MaxArrayLength: ReceiptBatch.MaxProofLength, ArrayProblemType: ProblemTypes.InvalidReceipt, ArrayProblemTitle: InvalidReceiptTitle));
        group.MapPost("/upload", VerifyUpload).WithName("VerifyUpload")
            .WithSummary("Verify an uploaded file (hashed while streamed, never stored), optionally with its receipt in a \"receipt\" part")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Verifies a digest, as issued by <paramref name="department"/> when given (a department code), as a leaf of the
    /// batch <paramref name="proof"/> leads to when given (base64url of the sibling hashes, the <c>p</c> of a document link).
    /// </summary>
    public static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> VerifyDigest(
        string digest, string? department, string? proof, DocumentVerification verification, DepartmentDirectory departments, CancellationToken cancellationToken)
    {
        if (!Digest.TryParse(digest, out var parsed, out var error))
        {
            return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
        }

        if (!ProofCode.TryDecode(proof, out var path, out ProofCodeFault? proofFault, out var decodedBytes))
        {
            return Problems.Problems.InvalidRequest(ProblemTexts.ProofInvalid(proofFault!.Value, decodedBytes));
        }

        if (path.Count > 0 && department is null)
        {
            return Problems.Problems.InvalidRequest(VerificationTexts.ProofAProofNeedsTheDepartment);
        }

        uint? departmentId = null;
        if (department is not null)
        {
            var found = await departments.FindAsync(department, cancellationToken);
            if (!found.IsSuccess)
            {
                return ChainProblems.From(found.Error);
            }

            if (found.Value is not { } named)
            {
                return DepartmentsApi.DepartmentNotFound(department);
            }

            departmentId = named.Id;
        }

        var stated = path.Count > 0 ? StatedProof.For(parsed, path, ProofSource.Link, "the document's link") : null;
        return Answer(await verification.VerifyAsync(parsed, null, null, departmentId, stated, cancellationToken));
    }

    /// <summary>Verifies a digest, a receipt or both.</summary>
    public static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> Verify(VerifyRequest request, DocumentVerification verification, CancellationToken cancellationToken)
    {
        Receipt? receipt = null;
        if (request.Receipt is { } json && json.ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            var parsed = ReceiptReader.Parse(json);
            if (!parsed.IsValid)
            {
                return InvalidReceipt(parsed);
            }

            receipt = parsed.Receipt;
        }

        Digest digest;
        if (request.Digest is not null)
        {
            if (!Digest.TryParse(request.Digest, out digest, out var error))
            {
                return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("digest", DigestReason.Of(error)));
            }
        }
        else if (receipt is not null)
        {
            digest = receipt.Digest;
        }
        else
        {
            return Problems.Problems.InvalidRequest(VerificationTexts.GiveADigestAReceiptOr);
        }

        return Answer(await verification.VerifyAsync(digest, null, receipt, cancellationToken: cancellationToken));
    }

    /// <summary>Verifies an uploaded file, with its receipt when given.</summary>
    public static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> VerifyUpload(
        HttpRequest http, DocumentVerification verification, IOptions<DocumentsOptions> options, CancellationToken cancellationToken)
    {
        var upload = await UploadReader.ReadAsync(http, options.Value.MaxUploadBytes, s_uploadFields, cancellationToken);
        if (upload.IsTooLarge)
        {
            return Problems.Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.UploadTooLarge, "The file is too large", upload.Error);
        }

        if (upload.Error is not null || upload.FileDigest is not { } fileDigest)
        {
            return Problems.Problems.InvalidRequest(upload.Error ?? DocumentTexts.NoFilePart);
        }

        Receipt? receipt = null;
        if (upload.Fields.TryGetValue("receipt", out var receiptJson) && !string.IsNullOrWhiteSpace(receiptJson))
        {
            var parsed = ReceiptReader.Parse(receiptJson);
            if (!parsed.IsValid)
            {
                return InvalidReceipt(parsed);
            }

            receipt = parsed.Receipt;
        }

        // With a receipt, the question is about the receipt's document; the file must match it.
        var digest = receipt?.Digest ?? fileDigest;
        return Answer(await verification.VerifyAsync(digest, fileDigest, receipt, cancellationToken: cancellationToken));
    }

    private static Results<Ok<VerifyResponse>, ProblemHttpResult> Answer(EthGov.Chain.Abi.ChainResult<VerifyResponse> result)
        => result.IsSuccess ? TypedResults.Ok(result.Value) : ChainProblems.From(result.Error);

    private const string InvalidReceiptTitle = "The receipt is not valid";

    private static ProblemHttpResult InvalidReceipt(ReceiptParseResult parsed)
        => Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidReceipt, InvalidReceiptTitle,
            parsed.ErrorsTruncated
                ? VerificationTexts.ReceiptProblemsTruncated.With(parsed.Errors.Count)
                : VerificationTexts.ReceiptProblems.With(parsed.Errors.Count),
            new Dictionary<string, object?> { ["errors"] = ReceiptTexts.Of(parsed.Faults) });
}
