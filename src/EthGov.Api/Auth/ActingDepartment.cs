using System.Reflection;
using System.Security.Claims;
using EthGov.Api.Departments;
using EthGov.Api.Problems;
using EthGov.Api.Signers;
using EthGov.Chain.Registry;
using EthGov.Core.Verification;

namespace EthGov.Api.Auth;

/// <summary>
/// The department a write request acts for: the API key's department, active in the registry, with a signer
/// configured here. Minimal API binds it per request (<see cref="BindAsync"/>); when the caller may not write,
/// <see cref="Refusal"/> holds the 401/403/503 problem and <see cref="RequireActiveDepartment"/> answers with it
/// before the handler runs, so handlers only ever see an admitted department.
/// </summary>
public sealed class ActingDepartment
{
    private ActingDepartment(DepartmentInfo? department, RegistryClient? signer, IResult? refusal)
    {
        Department = department!;
        Signer = signer!;
        Refusal = refusal;
    }

    /// <summary>The department, as the registry lists it.</summary>
    public DepartmentInfo Department { get; }

    /// <summary>The client that signs for it.</summary>
    public RegistryClient Signer { get; }

    /// <summary>Why the caller may not write, or null when admitted.</summary>
    public IResult? Refusal { get; }

    /// <summary>The department code of the caller's key, or null for an anonymous caller.</summary>
    public static string? CodeOf(ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthentication.DepartmentClaim);

    /// <summary>Minimal API binding: resolves the caller's department from its key and the registry.</summary>
    public static async ValueTask<ActingDepartment?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (CodeOf(context.User) is not { } code)
        {
            return Refuse(Problems.Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "An API key is required", AuthTexts.SendTheDepartmentSKeyIn.With(ApiKeyAuthentication.HeaderName)));
        }

        var found = await context.RequestServices.GetRequiredService<DepartmentDirectory>().FindAsync(code, context.RequestAborted);
        if (!found.IsSuccess)
        {
            return Refuse(ChainProblems.From(found.Error));
        }

        if (found.Value is not { } department)
        {
            return Refuse(Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The API key's department is not in the registry", AuthTexts.DepartmentIsUnknownToTheRegistry.With(code)));
        }

        if (department.Status != DepartmentStatus.Active)
        {
            return Refuse(Problems.Problems.DepartmentSuspended(department.Code));
        }

        if (context.RequestServices.GetRequiredService<DepartmentSigners>().For(department.Code) is not { } signer)
        {
            return Refuse(Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "No signer key is configured for the department", AuthTexts.ConfigureEthGovSigners.With(department.Code)));
        }

        return new ActingDepartment(department, signer, null);
    }

    /// <summary>An endpoint filter that answers with the refusal of a caller that may not write.</summary>
    public static ValueTask<object?> RequireActiveDepartment(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is ActingDepartment { Refusal: { } refusal })
            {
                return ValueTask.FromResult<object?>(refusal);
            }
        }

        return next(context);
    }

    private static ActingDepartment Refuse(IResult refusal) => new(null, null, refusal);
}
