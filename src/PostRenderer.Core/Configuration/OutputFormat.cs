namespace PostRenderer.Core.Configuration;

/// <summary>Which ExternalSecret API the converter writes.</summary>
internal enum OutputFormat
{
    /// <summary><c>external-secrets.io/v1</c>, ESO 0.16 and later (the default).</summary>
    EsoV1,

    /// <summary><c>external-secrets.io/v1beta1</c>, ESO 0.16 and earlier.</summary>
    EsoV1Beta1,

    /// <summary>The legacy <c>kubernetes-client.io/v1</c> of kubernetes-external-secrets (Jenkins X).</summary>
    Kes,
}
