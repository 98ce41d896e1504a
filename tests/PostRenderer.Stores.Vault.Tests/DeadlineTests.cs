using System.Diagnostics;
using PostRenderer.Core.Configuration;
using PostRenderer.Core.Diagnostics;
using PostRenderer.Core.Errors;
using PostRenderer.Core.Population;
using PostRenderer.Core.Rendering;

namespace PostRenderer.Stores.Vault.Tests;

/// <summary>Every exchange with Vault, logins included, ends within timeout x (retries + 1) plus backoff, whatever the server does.</summary>
public sealed class DeadlineTests : AgainstVault, IDisposable
{
    private const string Jwt = "eyJhbGciOi.service-account-jwt.sig";
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);
    private readonly string directory = Directory.CreateTempSubdirectory("vault-deadline-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_whole_run_against_a_stalling_vault_ends_with_exit_1_naming_the_store_the_entry_and_timed_out()
    {
        Fake.StallAfterHeadersOn = "/v1/secret/data/";
        var settings = new Settings
        {
            Backend = Backend.Vault,
            Registry = new StoreRegistry([VaultStoreDefinition.Instance]),
            Populate = new PopulationSettings { Timeout = Timeout, Retries = 1 },
        }.WithSection(Backend.Vault, new VaultSettings { KvVersion = 2 });
        var reporter = new MessageLog(TextWriter.Null, null);
        var yaml = string.Concat(Enumerable.Range(0, 5).Select(i =>
            $"---\napiVersion: v1\nkind: Secret\nmetadata: {{name: db-{i}, namespace: prod}}\nstringData: {{password: p{i}}}\n"));
        var clock = Stopwatch.StartNew();

        var error = await Task.Run(() =>
        {
            using var population = new PopulationRun(
                new StoreContext(settings, VaultStores.Environment(Fake), new StoreHttp(settings.Populate)),
                new Dictionary<Backend, ISecretStoreFactory> { [Backend.Vault] = new VaultStoreFactory() },
                reporter);
            new RenderPipeline(settings, reporter) { OnSecretConverted = population.Submit }
                .Run(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(yaml)), TextWriter.Null);
            return Assert.Throws<StoreException>(() => population.Complete());
        }).WaitAsync(TimeSpan.FromSeconds(15));

        // The five entries run in parallel: about 2 x 0.3 s plus a backoff, not five times that, and never unbounded.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        Assert.Equal(ExitCodes.Failure, error.ExitCode);
        // "no complete answer" when the headers came in time and the body did not; on a busy machine the headers
        // themselves may miss 0.3 s ("no answer"). RetryingHandlerTests holds the body deadline on its own.
        Assert.Matches("^vault entry 'prod/db-[0-4]': no (complete )?answer from http://127.0.0.1:[0-9]+ within 0.3s: timed out", error.Message);
    }

    [Fact]
    public async Task A_kubernetes_login_that_stalls_after_its_headers_times_out_too()
    {
        Fake.StallAfterHeadersOn = "/v1/auth/kubernetes/login";
        using var store = VaultStores.Create(KubernetesEnvironment(), await KubernetesSettingsAsync(), timeout: Timeout, retries: 1);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.InRange(Fake.CountRequests("POST", "/v1/auth/kubernetes/login"), 1, 2);
        Assert.Matches("timed out( reading the body after the headers arrived)? \\(tried 2 times\\)", error.Message);
    }

    [Fact]
    public async Task A_login_that_never_answers_is_cut_at_the_timeout()
    {
        Fake.ResponseDelay = TimeSpan.FromSeconds(30);
        Fake.AppRoles["role-1"] = "secret-1";
        var environment = new Dictionary<string, string>
        {
            ["VAULT_ADDR"] = Fake.Address.ToString(),
            ["VAULT_ROLE_ID"] = "role-1",
            ["VAULT_SECRET_ID"] = "secret-1",
        };
        using var store = VaultStores.Create(environment, new VaultSettings { AuthMethod = "approle", KvVersion = 2 }, timeout: Timeout, retries: 2);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.ReadAsync("app", default));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        // The attempts are the client's to count ("tried 3 times"). The fake counts only the requests it got to read:
        // a clean-clone CI run under load counted 2, the third attempt given up on before the fake read it. It can
        // never count more than the attempts.
        Assert.InRange(Fake.CountRequests("POST", "/v1/auth/approle/login"), 1, 3);
        Assert.Contains("timed out (tried 3 times)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_answered_with_server_errors_is_retried_and_then_succeeds()
    {
        using var store = VaultStores.Create(KubernetesEnvironment(), await KubernetesSettingsAsync(), retries: 3);
        Fake.FailNext(2, 503);

        Assert.Null(await store.ReadAsync("app", default));

        Assert.Equal(3, Fake.CountRequests("POST", "/v1/auth/kubernetes/login"));
        Assert.Equal(1, Fake.Logins);
    }

    private Dictionary<string, string> KubernetesEnvironment() => new() { ["VAULT_ADDR"] = Fake.Address.ToString() };

    private async Task<VaultSettings> KubernetesSettingsAsync()
    {
        Fake.KubernetesRoles["app-role"] = Jwt;
        var tokenFile = Path.Combine(directory, "token");
        await File.WriteAllTextAsync(tokenFile, Jwt);
        return new VaultSettings { AuthMethod = "kubernetes", Role = "app-role", TokenFile = tokenFile, KvVersion = 2 };
    }
}
