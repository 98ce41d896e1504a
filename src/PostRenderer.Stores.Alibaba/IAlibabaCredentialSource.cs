namespace PostRenderer.Stores.Alibaba;

/// <summary>Where the store's credentials come from; temporary ones are renewed before they expire.</summary>
internal interface IAlibabaCredentialSource : IDisposable
{
    /// <summary>For messages: which source was used ("ALIBABA_CLOUD_ACCESS_KEY_ID", "profile default of ...").</summary>
    string Description { get; }

    /// <summary>Throws <see cref="Core.Errors.StoreException"/> when the source cannot give credentials now.</summary>
    Task<AlibabaCredentials> GetAsync(CancellationToken cancellationToken);
}
