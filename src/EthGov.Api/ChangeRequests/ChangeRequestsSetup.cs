namespace EthGov.Api.ChangeRequests;

/// <summary>Registers four-eyes change requests; reads "EthGov:Workspace".</summary>
public static class ChangeRequestsSetup
{
    /// <summary>Adds the services and the validated options.</summary>
    public static IServiceCollection AddEthGovChangeRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkspaceOptions>().Bind(configuration.GetSection("EthGov:Workspace"))
            .Validate(o => o.RevocationApprovals is 0 or 1, "EthGov:Workspace:RevocationApprovals must be 0 (changes are sent at once) or 1 (a second clerk approves each)")
            .ValidateOnStart();
        services.AddSingleton<ChangeRequestStore>();
        services.AddSingleton<ChangeRequestIntake>();
        return services;
    }
}
