using EthGov.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Staff;

/// <summary>The problems of staff sign-in and sessions.</summary>
public static class StaffProblems
{
    /// <summary>401: the same answer for an unknown name, a wrong password, a disabled and a locked account.</summary>
    public static ProblemHttpResult SignInFailed()
        => Problems.Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.SignInFailed, "Sign-in failed",
            "the name or the password is not right, or the account may not sign in now; repeated failures lock the account for a while");

    /// <summary>401: the request has no staff session.</summary>
    public static ProblemHttpResult NoSession()
        => Problems.Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "No staff session", "sign in with POST /api/v1/session");

    /// <summary>403: an unsafe request of a session without its antiforgery token.</summary>
    public static ProblemHttpResult CsrfTokenInvalid()
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.CsrfTokenInvalid, "The request's antiforgery token is missing or wrong",
            $"send the csrfToken of GET /api/v1/session in the {StaffSession.CsrfHeader} header");

    /// <summary>403: the clerk must change a one-time password first.</summary>
    public static ProblemHttpResult PasswordChangeRequired()
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.PasswordChangeRequired, "The password must be changed first",
            "the account was given a one-time password: change it with POST /api/v1/session/password");

    /// <summary>400: the new password is not acceptable.</summary>
    public static ProblemHttpResult PasswordRejected(string reason)
        => Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.PasswordRejected, "The new password is not acceptable", reason);

    /// <summary>403: the provider vouched for the person, but no active account is bound to them (not bound, disabled or locked: the answer does not say which).</summary>
    public static ProblemHttpResult OidcSignInRefused()
        => Problems.Problems.Create(StatusCodes.Status403Forbidden, ProblemTypes.OidcSignInRefused, "No active staff account is bound to this person",
            "the department's provider confirmed who you are, but no clerk's account of this node is bound to you, or it may not sign in now; ask the node's administrator (ethgov staff link)");

    /// <summary>400: the answer at the callback did not check out.</summary>
    public static ProblemHttpResult OidcCallbackInvalid()
        => Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.OidcCallbackInvalid, "The provider's answer was not accepted",
            "the sign-in's state, correlation cookie or id token did not check out (an old, replayed or forged answer, or one from another browser); start again with GET " + SessionApi.Route + "/oidc");

    /// <summary>404: no provider is configured.</summary>
    public static ProblemHttpResult OidcNotConfigured()
        => Problems.Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.OidcNotConfigured, "This node has no OpenID Connect provider",
            "sign in with name and password (POST " + SessionApi.Route + ")");

    /// <summary>503: the provider's discovery document could not be read.</summary>
    public static ProblemHttpResult OidcProviderUnavailable()
        => Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.OidcProviderUnavailable, "The department's sign-in provider cannot be reached",
            "try again later, or sign in with name and password");

    /// <summary>503: the audit line could not be written, so the action was not done.</summary>
    public static ProblemHttpResult AuditUnavailable()
        => Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StaffAuditUnavailable, "The staff audit cannot be written; nothing was done",
            "every action of a clerk is written to the audit first; try again when the node's database accepts writes");
}
