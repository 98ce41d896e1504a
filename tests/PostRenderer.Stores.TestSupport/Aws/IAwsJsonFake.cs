namespace PostRenderer.Stores.TestSupport.Aws;

/// <summary>The fault knobs the two AWS JSON 1.1 fakes (Secrets Manager, Parameter Store) share.</summary>
internal interface IAwsJsonFake
{
    TimeSpan Delay { get; set; }

    bool DenyAccess { get; set; }

    void Fail(FakeFault fault, int times = 1);
}
