using EthGov.Api.Configuration;
using EthGov.Application.Passkeys;
using EthGov.Application.Storage;
using EthGov.Chain.Deployments;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Passkeys;

/// <summary>Registers citizens' passkeys: the relying party, the bindings and the consent requests.</summary>
public static class PasskeysSetup
{
    /// <summary>Adds <see cref="PasskeyOptions"/> (section <c>EthGov:Passkeys</c>), the <see cref="PasskeySite"/> and the stores.</summary>
    public static IServiceCollection AddEthGovPasskeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PasskeyOptions>().Bind(configuration.GetSection(PasskeyOptions.SectionName))
            .Validate(o => o.Origin is null || (o.Origin.IsAbsoluteUri && o.Origin.Scheme is "http" or "https"), "EthGov:Passkeys:Origin must be an absolute http or https URL")
            .Validate(o => o.CodeLifetime > TimeSpan.Zero && o.ConsentLinkLifetime > TimeSpan.Zero, "EthGov:Passkeys lifetimes must be positive")
            .Validate(o => o.ChallengeLifetime > TimeSpan.Zero && o.ChallengeLifetime <= TimeSpan.FromHours(1), "EthGov:Passkeys:ChallengeLifetime must be positive and at most an hour")
            .Validate(o => o.SignInChallengeLifetime > TimeSpan.Zero && o.SignInChallengeLifetime <= TimeSpan.FromMinutes(10)
                && o.SessionLifetime > TimeSpan.Zero && o.SessionLifetime <= TimeSpan.FromHours(12), "EthGov:Passkeys: a sign-in challenge lasts at most 10 minutes, a session at most 12 hours")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PasskeyOptions>>().Value;
            var origin = options.Origin ?? sp.GetRequiredService<IOptions<EthGovOptions>>().Value.PublicBaseUrl;
            return new PasskeySite(origin is null ? null : new PasskeyRelyingParty(origin), options);
        });
        services.TryAddSingleton(sp => new PasskeyBindingStore(sp.GetRequiredService<Database>()));
        services.AddSingleton(sp => new ConsentRequestStore(sp.GetRequiredService<Database>()));
        services.AddSingleton(sp => new CitizenSessions(sp.GetRequiredService<Database>()));
        services.AddSingleton<MyData.AccessBatchWitness>();
        services.AddSingleton(sp => new PasskeyChallenges(sp.GetRequiredService<Deployment>().ChainId, sp.GetRequiredService<Deployment>().Registry));
        return services;
    }
}
