using EthGov.Application.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace EthGov.Api.Problems;

/// <summary>
/// Makes every error answer a problem with a stable type: framework 400s (bad JSON, bad route values), 404s for
/// unknown routes, 413s for oversized bodies, a store out of reach (503 with Retry-After, whichever route read it) and
/// unexpected exceptions (500, with no exception detail).
/// </summary>
public static class ProblemsSetup
{
    /// <summary>The Retry-After of a 503 whose route named none: a database restart or a lease takeover takes a few seconds.</summary>
    public const string RetryAfterSeconds = "2";

    /// <summary>Registers problem details with EthGov's types.</summary>
    public static IServiceCollection AddEthGovProblems(this IServiceCollection services)
    {
        // Binding failures are thrown so that StatusExceptionHandler can say which member did not fit; handled ones are
        // not logged as errors (hostile bodies would otherwise flood the log).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Type is null || !problem.Type.StartsWith(Problems.BaseUri, StringComparison.Ordinal))
            {
                if (problem.Detail is null && ProblemLanguages.DetailOf(problem) is null)
                {
                    ProblemLanguages.Attach(problem, problem.Status switch
                    {
                        404 => ProblemTexts.NoSuchRoute.Text,
                        405 => ProblemTexts.MethodNotAllowed.Text,
                        413 => ProblemTexts.BodyTooLarge.Text,
                        415 => ProblemTexts.UnsupportedMediaType.Text,
                        _ => null,
                    });
                }

                (problem.Type, problem.Title) = problem.Status switch
                {
                    400 => (Problems.BaseUri + ProblemTypes.InvalidRequest, "The request is not valid"),
                    401 => (Problems.BaseUri + ProblemTypes.Unauthorized, "An API key is required"),
                    403 => (Problems.BaseUri + ProblemTypes.Forbidden, "The API key may not do this"),
                    404 => (Problems.BaseUri + ProblemTypes.NotFound, "No such resource"),
                    405 => (Problems.BaseUri + ProblemTypes.MethodNotAllowed, "The method is not allowed here"),
                    413 => (Problems.BaseUri + ProblemTypes.RequestTooLarge, "The request body is too large"),
                    415 => (Problems.BaseUri + ProblemTypes.UnsupportedMediaType, "The content type is not supported"),
                    429 => (Problems.BaseUri + ProblemTypes.RateLimited, "Too many requests for this API key"),
                    _ => (Problems.BaseUri + ProblemTypes.Internal, "The request failed"),
                };
            }

            ProblemLanguages.Apply(context.HttpContext, problem);

            // Every 503 is a state that passes (a database restarting, a chain out of reach, another replica holding the
            // lease): say when to try again, so clients and load balancers back off instead of hammering, unless the
            // route said it more precisely.
            if (problem.Status == StatusCodes.Status503ServiceUnavailable && !context.HttpContext.Response.Headers.ContainsKey(HeaderNames.RetryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            }

            // Never echo exception text or stack traces to callers.
            problem.Extensions.Remove("exception");
            if (context.Exception is not null)
            {
                ProblemLanguages.Attach(problem, null);
            }
        });
        services.AddExceptionHandler<StatusExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Turns exceptions that carry a status (bad request bodies) into that status instead of a 500, and a store that cannot
    /// be reached into 503 <c>store-unavailable</c>: every route that reads the store (lists, audit, records, exchanges,
    /// staff sessions) answers a database restart or failover the way the outbox's refusals do, without a catch of its own.
    /// </summary>
    private sealed class StatusExceptionHandler(IProblemDetailsService problems, ILogger<StatusExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (StoreErrors.Unavailable(exception) is { } outage)
            {
                // The code only: a provider's message may name the host and database, and the answer names neither. The log
                // names the route's template, not the path, which may carry a consent link's token.
                var code = StoreErrors.Code(outage);
                if (logger.IsEnabled(LogLevel.Warning))
                {
                    // The exception handler has cleared the endpoint by now; its feature keeps the one that failed.
                    var route = (httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                    logger.LogWarning("{Method} {Route} answered 503: the store could not be reached ({Code})", httpContext.Request.Method, route, code);
                }

                httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                var unavailable = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Type = Problems.BaseUri + ProblemTypes.StoreUnavailable,
                    Title = "The node's store cannot be reached for now",
                };
                ProblemLanguages.Attach(unavailable, ProblemTexts.StoreUnreachable.With(code));
                return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = unavailable });
            }

            int? status = exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                System.Text.Json.JsonException => StatusCodes.Status400BadRequest,
                _ => null,
            };
            if (status is null)
            {
                return false;
            }

            httpContext.Response.StatusCode = status.Value;
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status.Value };
            ProblemLanguages.Attach(problem, DetailOf(exception));
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        }

        // What did not fit, by its JSON path or parameter name only: never the value sent, nor .NET type names.
        private static ProblemText? DetailOf(Exception exception)
        {
            var json = exception as System.Text.Json.JsonException ?? exception.InnerException as System.Text.Json.JsonException;
            if (json is not null)
            {
                var at = json.Path is { Length: > 2 } path ? path[2..] : null;
                return json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) && at is not null
                    ? ProblemTexts.JsonValueWrongType.With(at)
                    : at is null ? ProblemTexts.BodyNotJson : ProblemTexts.BodyNotJsonAt.With(at);
            }

            return exception is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad
                && bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal)
                ? ProblemTexts.RouteValueWrongType.Text
                : null;
        }
    }
}
