using Depin.EventSourcing.Deciding;
using Microsoft.AspNetCore.Http;

namespace Depin.ServiceDefaults.Http;

/// <summary>The problem-details results endpoints return for user errors (RFC 9457).</summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
    public static IResult BadRequest(IEnumerable<string> errors) => BadRequest(string.Join("; ", errors));
    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
    public static IResult Conflict(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
    /// <summary>A decider's rejection as problem details: the status comes from its code, never from its wording.</summary>
    public static IResult Of(Rejection rejection) => rejection.Code switch
    {
        RejectionCode.NotFound => NotFound(rejection.Detail),
        RejectionCode.Forbidden => Forbidden(rejection.Detail),
        RejectionCode.Conflict => Conflict(rejection.Detail),
        _ => BadRequest(rejection.Detail),
    };

    public static IResult Forbidden(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    /// <summary>Something the answer depends on (not the caller) is missing or down.</summary>
    public static IResult Unavailable(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable");
}
