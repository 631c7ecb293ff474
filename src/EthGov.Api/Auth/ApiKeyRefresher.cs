using EthGov.Application.ApiKeys;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Auth;

/// <summary>
/// Keeps <see cref="ApiKeyStore"/> in step with the key table: loads the keys before the server starts, then checks
/// the change counter every <see cref="ApiKeyOptions.PollInterval"/> (one one-row read) and writes last-used times
/// every <see cref="ApiKeyOptions.LastUsedWriteInterval"/> and once more at shutdown.
/// </summary>
public sealed partial class ApiKeyRefresher(ApiKeyStore store, IOptions<ApiKeyOptions> options, ILogger<ApiKeyRefresher> logger) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteLastUsedAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval > TimeSpan.Zero ? options.Value.PollInterval : TimeSpan.FromSeconds(1);
        var writeEvery = options.Value.LastUsedWriteInterval > TimeSpan.Zero ? options.Value.LastUsedWriteInterval : TimeSpan.FromMinutes(1);
        var nextWrite = DateTime.UtcNow + writeEvery;
        using var timer = new PeriodicTimer(poll);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await store.RefreshAsync(stoppingToken))
                    {
                        LogReloaded(logger);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The keys in memory keep working; a revocation waits for the database to answer again.
                    LogRefreshFailed(logger, ex);
                }

                if (DateTime.UtcNow >= nextWrite)
                {
                    nextWrite = DateTime.UtcNow + writeEvery;
                    await WriteLastUsedAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteLastUsedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.WriteLastUsedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWriteFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API keys reloaded after a change in the key table")]
    private static partial void LogReloaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not check the API key table for changes")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not write the API keys' last-used times")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
