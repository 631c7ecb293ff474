using EthGov.Application.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Staff;

/// <summary>
/// Makes the session key ring's first key at start, once for all replicas: under the store's schema lock (PostgreSQL's
/// advisory lock, which replicas starting together take in turn), a replica that finds no key valid now makes one, and
/// the next finds it. Left to Data Protection, replicas starting on an empty ring would each make a key of their own
/// and refuse each other's cookies until their rings refresh, a day later. Later keys are Data Protection's own: each
/// is made two days before the last one expires and activated only then, so every replica has read it by that time.
/// </summary>
public sealed class FirstSessionKey(Database database, IKeyManager keys, IOptions<KeyManagementOptions> options, TimeProvider time) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Connect();
        using var transaction = database.Dialect.BeginRead(connection);
        database.Dialect.LockSchema(connection, transaction);
        var now = time.GetUtcNow();
        if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
