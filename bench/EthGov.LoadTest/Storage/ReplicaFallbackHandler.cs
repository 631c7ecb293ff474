namespace EthGov.LoadTest.Storage;

/// <summary>
/// Sends a request to its own replica first and, when that one does not answer (killed), to the others in turn, as a
/// load balancer would: any replica answers a document's status from the database they share.
/// </summary>
internal sealed class ReplicaFallbackHandler(IReadOnlyList<Uri> replicas) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery;
        var order = replicas.OrderBy(r => r.Authority == request.RequestUri.Authority ? 0 : 1).ToList();
        for (int i = 0; ; i++)
        {
            request.RequestUri = new Uri(order[i], path);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (i + 1 < order.Count)
            {
            }
        }
    }
}
