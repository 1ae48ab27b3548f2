import UplinkCore

/// A stand-in for the kernel's interface table: links with admin state, carrier and dormancy, and
/// their addresses, reporting every change to a manager as a link source would.
///
/// Changes made while the manager is busy (an implementation making its interface non-dormant from
/// inside `connect`) reach it after the busy work, as kernel notifications do.
///
/// IPv6 duplicate address detection is modelled explicitly: with `duplicateAddressDetection` on,
/// new global IPv6 addresses start tentative and become preferred only when the test calls
/// `completeDuplicateAddressDetection()` — the point at which a real kernel would finish DAD.
@ManagerActor
public final class FakeKernel: LinkControl {
    /// The links, by index.
    public private(set) var links: [InterfaceIndex: LinkSnapshot] = [:]
    /// The addresses of each link.
    public private(set) var addresses: [InterfaceIndex: [InterfaceAddress]] = [:]
    /// Whether new global IPv6 addresses go through duplicate address detection.
    public var duplicateAddressDetection: Bool
    /// Every admin change asked of the kernel through `LinkControl`, in order.
    public private(set) var adminRequests: [(InterfaceID, up: Bool)] = []
    /// Errors to throw from `setAdminState` for particular interfaces, as a kernel refuses them.
    public var adminFailures: [InterfaceIndex: any Error] = [:]

    private var nextIndex = 1
    private var sinks: [([LinkChange]) -> Void] = []

    public init(duplicateAddressDetection: Bool = false) {
        self.duplicateAddressDetection = duplicateAddressDetection
    }

    /// Reports the whole table to a manager, then every change as it happens.
    public func attach(to manager: ConnectionManager) {
        manager.apply(self.dump())
        self.sinks.append { [weak manager] changes in manager?.apply(changes) }
    }

    /// The whole table as one `.replaceAll`.
    public func dump() -> LinkChange {
        .replaceAll(self.links.values.sorted { $0.index < $1.index }, addresses: self.addresses)
    }

    // MARK: - Links

    /// Creates a link and returns its identity. Indices count up from 1 in creation order.
    @discardableResult
    public func addLink(
        _ name: String,
        technology: Technology = .virtual,
        adminUp: Bool = false,
        carrier: Bool = true,
        dormant: Bool = false
    ) -> InterfaceID {
        let index = InterfaceIndex(self.nextIndex)
        self.nextIndex += 1
        let link = LinkSnapshot(
            index: index,
            name: name,
            technology: technology,
            isAdminUp: adminUp,
            hasCarrier: carrier,
            isDormant: dormant
        )
        self.links[index] = link
        self.addresses[index] = []
        self.report(.link(link))
        return link.id
    }

    /// Removes a link and its addresses.
    public func removeLink(_ index: InterfaceIndex) {
        guard self.links.removeValue(forKey: index) != nil else { return }
        self.addresses[index] = nil
        self.report(.linkRemoved(index))
    }

    /// Renames a link.
    public func rename(_ index: InterfaceIndex, to name: String) {
        self.update(index) { $0.name = name }
    }

    public func setAdminState(up: Bool, of interface: InterfaceID) throws {
        self.adminRequests.append((interface, up))
        if let failure = self.adminFailures[interface.index] { throw failure }
        self.update(interface.index) { $0.isAdminUp = up }
    }

    /// Sets a link administratively up or down directly, as `ip link set` would.
    public func setAdmin(_ up: Bool, _ index: InterfaceIndex) {
        self.update(index) { $0.isAdminUp = up }
    }

    /// Sets or clears the link's carrier.
    public func setCarrier(_ carrier: Bool, _ index: InterfaceIndex) {
        self.update(index) { $0.hasCarrier = carrier }
    }

    /// Makes the link dormant or not.
    public func setDormant(_ dormant: Bool, _ index: InterfaceIndex) {
        self.update(index) { $0.isDormant = dormant }
    }

    /// The link with this index.
    public func link(_ index: InterfaceIndex) -> LinkSnapshot? {
        self.links[index]
    }

    private func update(_ index: InterfaceIndex, _ change: (inout LinkSnapshot) -> Void) {
        guard var link = self.links[index] else { return }
        let before = link
        change(&link)
        guard link != before else { return }
        self.links[index] = link
        self.report(.link(link))
    }

    // MARK: - Addresses

    /// Adds an address. Without an explicit state, a global IPv6 address starts tentative when
    /// duplicate address detection is on, and everything else starts preferred.
    public func addAddress(
        _ address: IPAddress,
        prefixLength: Int? = nil,
        to index: InterfaceIndex,
        state: AddressState? = nil
    ) {
        guard self.links[index] != nil else { return }
        let isDetected = self.duplicateAddressDetection && address.family == .ipv6 && !address.isLinkLocal
        let record = InterfaceAddress(
            address,
            prefixLength: prefixLength ?? (address.family == .ipv4 ? 24 : 64),
            state: state ?? (isDetected ? .tentative : .preferred)
        )
        self.addresses[index, default: []].removeAll { $0.address == address }
        self.addresses[index, default: []].append(record)
        self.report(.address(index, record))
    }

    /// Removes an address; a no-op when it is not there.
    public func removeAddress(_ address: IPAddress, from index: InterfaceIndex) {
        guard let record = self.addresses[index]?.first(where: { $0.address == address }) else { return }
        self.addresses[index]!.removeAll { $0.address == address }
        self.report(.addressRemoved(index, address, prefixLength: record.prefixLength))
    }

    /// Removes every address of a link.
    public func flushAddresses(_ index: InterfaceIndex) {
        for record in self.addresses[index] ?? [] { self.removeAddress(record.address, from: index) }
    }

    /// Changes an address's state, as DAD completing or a lifetime running out would.
    public func setAddressState(_ state: AddressState, _ address: IPAddress, on index: InterfaceIndex) {
        guard let position = self.addresses[index]?.firstIndex(where: { $0.address == address }) else { return }
        self.addresses[index]![position].state = state
        self.report(.address(index, self.addresses[index]![position]))
    }

    /// Finishes duplicate address detection everywhere: every tentative address becomes preferred.
    public func completeDuplicateAddressDetection() {
        for (index, records) in self.addresses.sorted(by: { $0.key < $1.key }) {
            for record in records where record.state == .tentative {
                self.setAddressState(.preferred, record.address, on: index)
            }
        }
    }

    private func report(_ change: LinkChange) {
        for sink in self.sinks { sink([change]) }
    }
}
