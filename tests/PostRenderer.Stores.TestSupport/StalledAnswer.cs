using Microsoft.AspNetCore.Http;

namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// The answer of a store or proxy that stalls after its headers: status 200, headers announcing a body, the first
/// bytes of that body, and then nothing until the client gives up. Only a deadline covering the whole answer, not
/// just its headers, ends the wait.
/// </summary>
public static class StalledAnswer
{
    public static async Task SendAsync(HttpResponse response, string bodyStart)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType ??= "application/json";
        response.ContentLength = 4096;
        var aborted = response.HttpContext.RequestAborted;
        try
        {
            await response.WriteAsync(bodyStart, aborted);
            await response.Body.FlushAsync(aborted);
            await Task.Delay(Timeout.Infinite, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up, as it should.
        }
    }
}
