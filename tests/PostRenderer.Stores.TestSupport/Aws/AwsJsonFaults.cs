namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>The faults of <see cref="StoreFaults"/> as an AWS JSON 1.1 service shows them, for either AWS fake.</summary>
internal static class AwsJsonFaults
{
    /// <summary>Injects <paramref name="fault"/>; <paramref name="serverErrorType"/> is the service's name for a 500.</summary>
    public static void Inject(IAwsJsonFake fake, string fault, string serverErrorType)
    {
        switch (fault)
        {
            case StoreFaults.ServerErrors: fake.Fail(new FakeFault(500, serverErrorType), times: 2); break; // the read and its one retry
            case StoreFaults.Throttling: fake.Fail(new FakeFault(429, RetryAfter: TimeSpan.Zero), times: 2); break;
            case StoreFaults.SlowAnswers: fake.Delay = TimeSpan.FromSeconds(5); break;
            case StoreFaults.AccessDenied: fake.DenyAccess = true; break;
            case StoreFaults.LostAnswer: fake.Fail(new FakeFault(500, AfterApplying: true), times: 2); break; // applied, but the answer and the retry's are lost
            default: throw new ArgumentOutOfRangeException(nameof(fault), fault, "not a fault the AWS fakes inject");
        }
    }

    public static void Heal(IAwsJsonFake fake)
    {
        fake.Delay = TimeSpan.Zero;
        fake.DenyAccess = false;
    }
}
