using EthGov.Api.Exchanges;
using EthGov.Application.Exchange.Grantee;
using EthGov.Core.Exchange;

namespace EthGov.Api.Erasure;

/// <summary>
/// Rewrites an exchange's evidence file when its content is erased, keeping only digests: a request body that carries a
/// sealed query (a person identifier, sealed to the holder) is replaced by its SHA-256, which is what its signed
/// <c>Content-Digest</c> states, so both nodes' signatures still verify; and the file says when and why the content was
/// erased. Everything else in it was digests already. Read and written by <see cref="EvidenceJson"/>, as every evidence
/// file is.
/// </summary>
public sealed class EvidenceErasure(EvidenceFiles files)
{
    /// <summary>Rewrites the evidence of <paramref name="exchange"/>, if it has a file; false when it has none.</summary>
    /// <exception cref="InvalidDataException">The file is not an evidence file (it is left as it is).</exception>
    public async Task<bool> EraseAsync(ExchangeRecord exchange, string cause, DateTimeOffset erasedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var path = files.PathOf(exchange.RequestId);
        if (!File.Exists(path))
        {
            return false;
        }

        var evidence = EvidenceJson.Read(await File.ReadAllBytesAsync(path, cancellationToken));
        var erased = evidence with
        {
            Request = exchange.IsKindQuery ? evidence.Request.WithoutBody() : evidence.Request,
            Erasure = evidence.Erasure ?? new ContentErasure(erasedAt, cause),
        };
        await files.WriteAsync(exchange.RequestId, erased, cancellationToken);
        return true;
    }
}
