/// The points where KEDA's azure-eventhub results changed between releases.
extension KEDAVersion {
    /// v2.14 (#5600) dropped offsets: before it an empty checkpoint offset counted `L + 1`, and a
    /// checkpoint without `sequencenumber` metadata was C = 0 without error up to v2.14.x.
    public var countsEmptyOffsetAsLastPlusOne: Bool { self < KEDAVersion(2, 14, 0) }

    /// v2.15 (#5471): a blobMetadata blob without `sequencenumber` is an error.
    public var requiresSequenceNumberMetadata: Bool { self >= KEDAVersion(2, 15, 0) }

    /// v2.15.0-2.15.1 (#6084): `errors.Unwrap` lost the storage error, so every checkpoint error,
    /// a missing blob included, failed the scaler as `%!w(<nil>)`. Fixed in v2.16.0 (#6096).
    public var missingCheckpointIsFatal: Bool { self >= KEDAVersion(2, 15, 0) && self < KEDAVersion(2, 16, 0) }

    /// Up to v2.15.1 the checkpoint error was passed through `errors.Unwrap` before being reported.
    package var unwrapsCheckpointErrors: Bool { self < KEDAVersion(2, 16, 0) }

    /// v2.18 (#6908) typed config: values trimmed, empty means absent, integers parsed as JSON,
    /// errors joined; `connection` is also read under workload identity.
    public var usesTypedConfig: Bool { self >= KEDAVersion(2, 18, 0) }

    /// v2.20.0 (#7733): `unprocessedEventThreshold` must be > 0 (0 made KEDA panic before).
    public var validatesThreshold: Bool { self >= KEDAVersion(2, 20, 0) }

    /// After v2.20.2 (#7926): EntityPath is found by key, case-insensitively, first match wins;
    /// before, by substring `EntityPath` and a case-sensitive `HasPrefix`, last match wins.
    public var parsesConnectionStringByKey: Bool { self > KEDAVersion(2, 20, 2) }

    /// v2.15 on builds its clients with the azeventhubs and azblob SDKs, whose connection-string
    /// checks can fail the scaler (ClientCreation); before, with azure-event-hubs-go.
    package var createsTrack2Clients: Bool { self >= KEDAVersion(2, 15, 0) }

    /// v2.15.0 to v2.20.2 vendor azblob v1.3.2 to v1.7.0, whose connection-string parser is read and
    /// modelled (SDKConnectionStrings.storageError). Main after v2.20.2 (#8014) moved to azblob v1.8.0,
    /// whose source was not available to check: its blob-client step is not judged.
    package var vendorsReadableBlobParser: Bool { createsTrack2Clients && self <= KEDAVersion(2, 20, 2) }

    /// Up to v2.14 AAD pod identity (`azure`) was still accepted and Private clouds needed
    /// `eventHubResourceURL` and `activeDirectoryEndpoint`.
    package var hasAADPodIdentity: Bool { self < KEDAVersion(2, 15, 0) }
}
