using PostRenderer.EndToEnd.Tests.Infrastructure;

namespace PostRenderer.EndToEnd.Tests.Stores;

/// <summary>
/// Two runs of the published binary on one Secret against one store: the first creates the entry, the second finds
/// its key present and writes nothing. Neither run shows the value in any form LeakChecks knows on stdout or stderr. The entry is
/// named by the Secret's name alone (<c>--entry-name {name}</c>), a name every store accepts as it is.
/// </summary>
public sealed class StoreRoundTrip : IDisposable
{
    public const string Entry = "e2e-app";
    public const string Key = "password";

    public StoreRoundTrip(string backend)
    {
        Backend = backend;
        Value = $"e2e-{backend}-value-{Guid.NewGuid():N}";
        // The credential chains must see only what a test gives them: no real cloud login, no metadata address.
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(IsCloudVariable))
        {
            Variables.Set(name, null);
        }

        Variables.Set("AWS_EC2_METADATA_DISABLED", "true");
        Variables.Set("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        Variables.Set("NO_COLOR", "1");
    }

    public string Backend { get; }

    /// <summary>The Secret's value: unique per test, so that finding it anywhere is a leak, never a coincidence.</summary>
    public string Value { get; }

    public IsolatedEnvironment Variables { get; } = new();

    public string Input => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {Entry}
          namespace: team-a
        type: Opaque
        stringData:
          {Key}: {Value}

        """;

    /// <summary>A file under this test's own directory, for key files, tokens and certificates.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Variables.Subdirectory("files"), name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// Runs the binary twice. <paramref name="stored"/> reads the entry's value of <see cref="Key"/> from the fake
    /// and <paramref name="versions"/> counts the entry's versions (or otherwise marks each write), so that the second
    /// run is seen to write nothing.
    /// </summary>
    public async Task AssertCreatedThenPresentAsync(Func<string?> stored, Func<long> versions, params string[] extraArguments)
    {
        var first = await RunAsync(extraArguments);
        Assert.True(first.ExitCode == 0, first.Describe());
        AssertNoValueShown(first);
        Assert.Contains($"created {Backend}", first.Errors, StringComparison.Ordinal);
        Assert.Contains($"entry '{Entry}' with {Key}", first.Errors, StringComparison.Ordinal);
        Assert.Equal(Value, stored());
        var written = versions();
        Assert.True(written >= 1, $"the {Backend} fake holds no version of {Entry} after: {first.Describe()}");

        var second = await RunAsync(extraArguments);
        Assert.True(second.ExitCode == 0, second.Describe());
        AssertNoValueShown(second);
        Assert.Contains($"entry '{Entry}' already has {Key}; left as it is", second.Errors, StringComparison.Ordinal);
        Assert.Equal(written, versions());
        Assert.Equal(Value, stored());
        Assert.Equal(first.Output, second.Output);
    }

    public Task<ProcessResult> RunAsync(params string[] extraArguments) =>
        Task.Run(() => Variables.Run(PublishedBinary.Path, ["--backend", Backend, "--entry-name", "{name}", .. extraArguments], Input));

    public void AssertNoValueShown(ProcessResult run)
    {
        Assert.Contains("kind: ExternalSecret", run.Output, StringComparison.Ordinal);
        Assert.Contains($"key: {Entry}", run.Output, StringComparison.Ordinal);
        foreach (var form in LeakChecks.Forms(Value, Value))
        {
            Assert.DoesNotContain(form, run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(form, run.Errors, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Variables.Dispose();

    private static bool IsCloudVariable(string name) =>
        name.StartsWith("AWS_", StringComparison.Ordinal) || name.StartsWith("AZURE_", StringComparison.Ordinal)
        || name.StartsWith("GOOGLE_", StringComparison.Ordinal) || name.StartsWith("GCE_", StringComparison.Ordinal)
        || name.StartsWith("CLOUDSDK_", StringComparison.Ordinal) || name.StartsWith("VAULT_", StringComparison.Ordinal)
        || name.StartsWith("ALIBABA_CLOUD_", StringComparison.Ordinal) || name.StartsWith("IDENTITY_", StringComparison.Ordinal)
        || name.StartsWith("MSI_", StringComparison.Ordinal) || name is "SSL_CERT_FILE" or "SSL_CERT_DIR";
}
