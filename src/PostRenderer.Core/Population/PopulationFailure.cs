using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Population;

/// <summary>
/// What an exception escaping one entry's population means for the run. A population task must end in a user
/// error with its exit code, or the run reports "unexpected AggregateException ... this is a bug" for what is a
/// missing credential or an unreachable store. SDKs wrap their failures (AggregateException from a credential
/// chain, TaskCanceledException from an inner timeout), so the wrapping is taken off first.
/// </summary>
internal static class PopulationFailure
{
    /// <summary>
    /// The failure to report for <paramref name="exception"/>, which ended the population of <paramref name="entry"/>:
    /// a user error with its exit code, or, for a bug, the bug itself unwrapped (the command line reports it as one).
    /// </summary>
    /// <remarks>The caller has already let through the cancellation of the run itself.</remarks>
    public static Exception Classify(string storeName, string entry, Exception exception)
    {
        var cause = Unwrap(exception);
        return cause switch
        {
            UserException user => user,
            // Not the run's cancellation: a timeout inside an SDK.
            OperationCanceledException => new StoreException(storeName, entry, "timed out (the store's client gave up waiting)", cause),
            // In words, never .NET's resource keys (HttpFailureText); a TLS failure says how to trust a CA.
            HttpRequestException or IOException or System.Security.Authentication.AuthenticationException =>
                new StoreException(storeName, entry, HttpFailureText.Describe(cause, null), cause),
            TimeoutException => new StoreException(storeName, entry, "timed out: " + cause.Message, cause),
            _ => cause,
        };
    }

    /// <summary>
    /// The exception that says what happened: the user error inside any wrapper, else the innermost of a chain of
    /// AggregateExceptions (the first cause when there are several).
    /// </summary>
    public static Exception Unwrap(Exception exception)
    {
        var causes = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        foreach (var cause in causes)
        {
            for (var inner = cause; inner is not null; inner = inner.InnerException)
            {
                if (inner is UserException user)
                {
                    return user;
                }
            }
        }

        return causes.Count > 0 ? causes[0] : exception;
    }
}
