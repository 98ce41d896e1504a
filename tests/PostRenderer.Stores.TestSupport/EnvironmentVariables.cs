namespace PostRenderer.Stores.TestSupport;

/// <summary>
/// Sets process environment variables for a test and puts the old values back on dispose: the cloud SDKs' credential
/// chains read the environment themselves. Tests using it must not run in parallel with each other (each test
/// assembly declares its own non-parallel collection, as xunit requires).
/// </summary>
public static class EnvironmentVariables
{
    /// <summary>The name of each test assembly's non-parallel collection for the tests that use this.</summary>
    public const string Collection = "process environment";

    public static IDisposable Set(params (string Name, string? Value)[] variables)
    {
        var saved = variables.Select(variable => (variable.Name, Environment.GetEnvironmentVariable(variable.Name))).ToList();
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        return new Restore(saved);
    }

    private sealed class Restore(List<(string Name, string? Value)> saved) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
