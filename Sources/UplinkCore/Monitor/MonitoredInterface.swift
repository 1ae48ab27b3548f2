/// Everything the monitor knows about one interface.
public struct MonitoredInterface: Sendable, Hashable {
    /// The link as the kernel last reported it.
    public internal(set) var link: LinkSnapshot
    /// Its addresses, in the order they were first reported.
    public internal(set) var addresses: [InterfaceAddress]
    /// Whether the monitor ignores it: an ignored interface never counts as ready.
    public internal(set) var isIgnored: Bool
    /// The verdict of the readiness rule on the state above.
    public internal(set) var readiness: InterfaceReadiness
    /// When the interface last became ready on each channel, as a sequence number of the monitor's
    /// (0 while not ready); `resendStatus` blames the most recent one still ready.
    var readySince: ChannelValues<UInt64>

    init(link: LinkSnapshot, isIgnored: Bool) {
        self.link = link
        self.addresses = []
        self.isIgnored = isIgnored
        self.readiness = InterfaceReadiness.evaluate(link: link, addresses: [], isIgnored: isIgnored)
        self.readySince = ChannelValues(repeating: 0)
    }

    /// The interface's identity as events carry it.
    public var id: InterfaceID { self.link.id }

    /// Adds an address, or updates the state of one already there with the same value and prefix.
    mutating func upsert(_ address: InterfaceAddress) {
        if let position = self.addresses.firstIndex(where: {
            $0.address == address.address && $0.prefixLength == address.prefixLength
        }) {
            self.addresses[position] = address
        } else {
            self.addresses.append(address)
        }
    }

    /// Removes an address; a no-op when it is not there.
    mutating func remove(_ address: IPAddress, prefixLength: Int) {
        self.addresses.removeAll { $0.address == address && $0.prefixLength == prefixLength }
    }
}
