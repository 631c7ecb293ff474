using Microsoft.AspNetCore.Antiforgery;

namespace EthGov.Api.Staff;

/// <summary>
/// What a request made in a clerk's session must satisfy before anything else runs: an unsafe method carries the
/// session's antiforgery token in <see cref="StaffSession.CsrfHeader"/> (a cookie is sent by the browser on a forged
/// cross-site request too; the token is not), and a clerk who signed in with a one-time password may only see and change the session.
/// Requests made with an API key never reach these checks: a key is not sent by a browser on its own.
/// </summary>
public sealed class StaffRequestGuard(RequestDelegate next, IAntiforgery antiforgery)
{
    /// <summary>Checks the request, then calls the next middleware.</summary>
    public Task InvokeAsync(HttpContext context)
        => context.User.Identity is StaffIdentity staff ? CheckAsync(context, staff) : next(context);

    // A clerk's request; a key's goes straight on above, without a state machine of its own on every request.
    private async Task CheckAsync(HttpContext context, StaffIdentity staff)
    {
        var method = context.Request.Method;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method)))
        {
            // Without the header, antiforgery would look for the token in a form body and read a whole upload for it.
            if (!context.Request.Headers.ContainsKey(StaffSession.CsrfHeader) || !await antiforgery.IsRequestValidAsync(context))
            {
                await StaffProblems.CsrfTokenInvalid().ExecuteAsync(context);
                return;
            }
        }

        if (staff.MustChangePassword && !context.Request.Path.StartsWithSegments(SessionApi.Route, StringComparison.OrdinalIgnoreCase))
        {
            await StaffProblems.PasswordChangeRequired().ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
