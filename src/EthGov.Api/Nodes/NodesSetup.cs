using EthGov.Api.Departments;
using EthGov.Application.Nodes;
using EthGov.Application.Verification;
using EthGov.Chain.Deployments;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Nodes;

/// <summary>Registers what this node needs to work with the other departments' nodes, which it finds on chain only.</summary>
public static class NodesSetup
{
    /// <summary>Adds the node client (section <c>EthGov:Nodes</c>), the on-chain node directory, the proof lookup and the network verifier.</summary>
    public static IServiceCollection AddEthGovNodes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NodeClientOptions>().Bind(configuration.GetSection(NodeClientOptions.SectionName));
        services.AddSingleton(sp => new NodeClient(sp.GetRequiredService<IOptions<NodeClientOptions>>().Value));
        services.AddSingleton(sp => new NodeDirectory(sp.GetRequiredService<DepartmentDirectory>().Reader.Departments));
        services.AddSingleton(sp =>
        {
            var deployment = sp.GetRequiredService<Deployment>();
            return new IssuerProofs(sp.GetRequiredService<NodeDirectory>(), sp.GetRequiredService<NodeClient>(), deployment.ChainId, deployment.Registry);
        });
        services.AddSingleton<ProofCache>();
        services.AddSingleton<NetworkVerifier>();
        return services;
    }
}
