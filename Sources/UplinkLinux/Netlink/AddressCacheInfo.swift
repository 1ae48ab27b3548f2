import CNetlink

/// `IFA_CACHEINFO` (`struct ifa_cacheinfo`): an address's lifetimes, and when it was made and last changed.
public struct AddressCacheInfo: Hashable, Sendable {
    /// The lifetime the kernel uses for "forever" (`INFINITY_LIFE_TIME`).
    public static let infinite: UInt32 = 0xFFFF_FFFF

    /// `ifa_prefered`: seconds the address may still be used for new connections.
    public var preferredLifetime: UInt32
    /// `ifa_valid`: seconds until the kernel removes the address.
    public var validLifetime: UInt32
    /// `cstamp`: when it was created, in hundredths of a second since boot; 0 in requests.
    public var created: UInt32
    /// `tstamp`: when it last changed, in hundredths of a second since boot; 0 in requests.
    public var updated: UInt32

    public init(preferredLifetime: UInt32, validLifetime: UInt32, created: UInt32 = 0, updated: UInt32 = 0) {
        self.preferredLifetime = preferredLifetime
        self.validLifetime = validLifetime
        self.created = created
        self.updated = updated
    }

    /// Reads the structure from an attribute's value; nil when the size is wrong.
    init?(_ attribute: NetlinkAttribute) {
        guard attribute.value.count == MemoryLayout<ifa_cacheinfo>.size else { return nil }
        let info = NetlinkBytes.load(ifa_cacheinfo.self, from: attribute.value, at: 0)
        self.init(
            preferredLifetime: info.ifa_prefered,
            validLifetime: info.ifa_valid,
            created: info.cstamp,
            updated: info.tstamp
        )
    }

    /// The attribute carrying this structure.
    var attribute: NetlinkAttribute {
        var bytes: [UInt8] = []
        let info = ifa_cacheinfo(
            ifa_prefered: self.preferredLifetime,
            ifa_valid: self.validLifetime,
            cstamp: self.created,
            tstamp: self.updated
        )
        NetlinkBytes.append(info, to: &bytes)
        return NetlinkAttribute(type: UInt16(IFA_CACHEINFO), value: bytes)
    }
}
