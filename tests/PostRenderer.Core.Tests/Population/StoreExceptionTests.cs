using PostRenderer.Core.Errors;

namespace PostRenderer.Core.Tests.Population;

public sealed class StoreExceptionTests
{
    [Fact]
    public void A_failure_without_an_entry_is_restated_under_one_with_the_operation_and_exit_code_kept()
    {
        var shared = new StoreException("vault", null, "no answer from https://vault:8200 within 5s", exitCode: ExitCodes.BadInput);

        var restated = shared.ForEntry("ns/db", "reading");

        Assert.Equal("vault entry 'ns/db': reading: no answer from https://vault:8200 within 5s", restated.Message);
        Assert.Equal("reading: no answer from https://vault:8200 within 5s", restated.Problem);
        Assert.Equal(("vault", "ns/db", ExitCodes.BadInput), (restated.Store, restated.Entry, restated.ExitCode));
        Assert.Same(shared, restated.InnerException);
        Assert.Equal("vault entry 'ns/db': no answer from https://vault:8200 within 5s", shared.ForEntry("ns/db").Message);
    }
}
