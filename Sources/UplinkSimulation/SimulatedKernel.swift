import UplinkCore

/// The simulated device's interface table, with the rules the Linux kernel applies to it, as a
/// value: every mutation returns the link changes it causes, in the order rtnetlink would report
/// them, and the device publishes them as one batch.
///
/// The rules that matter to a technician:
/// - Carrier needs the interface administratively up *and* its lower layer up (cable, association,
///   modem attach); dormancy shows only while there is carrier.
/// - When the link goes down (admin down or carrier lost) every IPv6 address goes, as Linux's
///   `addrconf_ifdown` removes them; IPv4 addresses stay until whoever configured them removes
///   them (the DHCP client, on release).
/// - When the link comes up the kernel configures the interface's automatic addresses again (the
///   IPv6 link-local address, `::1` on loopback).
struct SimulatedKernel {
    /// One interface: its link as the kernel reports it, the lower layer beneath it and its
    /// addresses.
    struct Interface {
        var link: LinkSnapshot
        /// Cable plugged in, radio associated, modem attached.
        var isLowerUp: Bool
        /// The lower layer waits for something outside it: a key check, a registration.
        var isLowerDormant: Bool
        /// The addresses the kernel configures by itself whenever the link is up.
        let automaticAddresses: [InterfaceAddress]
        var addresses: [InterfaceAddress]
    }

    private(set) var interfaces: [InterfaceIndex: Interface] = [:]

    /// Adds an interface; it starts with `addresses`, plus its automatic ones when its link is up.
    mutating func addInterface(
        _ id: InterfaceID,
        technology: Technology,
        isAdminUp: Bool,
        isLowerUp: Bool,
        automaticAddresses: [InterfaceAddress] = [],
        addresses: [InterfaceAddress] = []
    ) {
        let link = LinkSnapshot(index: id.index, name: id.name, technology: technology, hasCarrier: false)
        self.interfaces[id.index] = Interface(
            link: link,
            isLowerUp: isLowerUp,
            isLowerDormant: false,
            automaticAddresses: automaticAddresses,
            addresses: addresses
        )
        _ = self.update(id.index) { $0.link.isAdminUp = isAdminUp }
    }

    // MARK: - Reading

    /// The link with this index.
    func link(_ index: InterfaceIndex) -> LinkSnapshot? {
        self.interfaces[index]?.link
    }

    /// The addresses of an interface, in the order they were added.
    func addresses(_ index: InterfaceIndex) -> [InterfaceAddress] {
        self.interfaces[index]?.addresses ?? []
    }

    /// True when the link has carrier: up, with its lower layer up.
    func hasCarrier(_ index: InterfaceIndex) -> Bool {
        self.interfaces[index]?.link.hasCarrier ?? false
    }

    /// The whole table as one `.replaceAll`.
    func dump() -> LinkChange {
        let links = self.interfaces.values.map(\.link).sorted { $0.index < $1.index }
        return .replaceAll(links, addresses: self.interfaces.mapValues(\.addresses))
    }

    // MARK: - Links

    /// `ip link set … up|down`.
    mutating func setAdminState(_ up: Bool, of index: InterfaceIndex) -> [LinkChange] {
        self.update(index) { $0.link.isAdminUp = up }
    }

    /// The lower layer came up or went down, or started or stopped waiting.
    mutating func setLowerLayer(up: Bool, dormant: Bool, of index: InterfaceIndex) -> [LinkChange] {
        self.update(index) { interface in
            interface.isLowerUp = up
            interface.isLowerDormant = dormant
        }
    }

    // MARK: - Addresses

    /// Adds an address, or changes the one with the same value and prefix length; nothing when it
    /// is already there as given.
    mutating func setAddress(_ record: InterfaceAddress, on index: InterfaceIndex) -> [LinkChange] {
        guard var interface = self.interfaces[index] else { return [] }
        if let position = interface.addresses.firstIndex(where: { Self.sameAddress($0, record) }) {
            guard interface.addresses[position] != record else { return [] }
            interface.addresses[position] = record
        } else {
            interface.addresses.append(record)
        }
        self.interfaces[index] = interface
        return [.address(index, record)]
    }

    /// Removes the addresses that match; nothing when none does.
    mutating func removeAddresses(
        on index: InterfaceIndex,
        where matches: (InterfaceAddress) -> Bool
    ) -> [LinkChange] {
        guard var interface = self.interfaces[index] else { return [] }
        let removed = interface.addresses.filter(matches)
        guard !removed.isEmpty else { return [] }
        interface.addresses.removeAll(where: matches)
        self.interfaces[index] = interface
        return removed.map { .addressRemoved(index, $0.address, prefixLength: $0.prefixLength) }
    }

    // MARK: - Rules

    /// Applies a change to an interface, derives its link as the kernel would report it, and
    /// applies the address rules of a link going down or coming up.
    private mutating func update(_ index: InterfaceIndex, _ change: (inout Interface) -> Void) -> [LinkChange] {
        guard var interface = self.interfaces[index] else { return [] }
        let before = interface.link
        change(&interface)
        interface.link.hasCarrier = interface.link.isAdminUp && interface.isLowerUp
        interface.link.isDormant = interface.link.hasCarrier && interface.isLowerDormant
        self.interfaces[index] = interface
        var changes: [LinkChange] = []
        if interface.link != before { changes.append(.link(interface.link)) }
        let wasUp = before.isAdminUp && before.hasCarrier
        let isUp = interface.link.isAdminUp && interface.link.hasCarrier
        if wasUp && !isUp {
            changes += self.removeAddresses(on: index) { $0.family == .ipv6 }
        } else if !wasUp && isUp {
            for record in interface.automaticAddresses { changes += self.setAddress(record, on: index) }
        }
        return changes
    }

    /// The kernel identifies an address by its value and prefix length.
    private static func sameAddress(_ left: InterfaceAddress, _ right: InterfaceAddress) -> Bool {
        left.address == right.address && left.prefixLength == right.prefixLength
    }
}
