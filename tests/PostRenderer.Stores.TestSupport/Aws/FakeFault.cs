namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>
/// One injected failure: answer with <paramref name="Status"/> (and an AWS error type, and Retry-After), either
/// instead of doing the operation or, with <paramref name="AfterApplying"/>, after doing it (a lost answer).
/// </summary>
internal sealed record FakeFault(int Status, string? ErrorType = null, TimeSpan? RetryAfter = null, bool AfterApplying = false);
