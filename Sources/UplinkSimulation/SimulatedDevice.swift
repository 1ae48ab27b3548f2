import UplinkCore

/// A simulated small gateway — loopback, Ethernet, Wi-Fi and cellular — that the manager drives
/// exactly as it drives the Linux adapter: through `LinkSource` (what the kernel says) and
/// `LinkControl` (admin up and down), with each technology a `ConnectivityTechnology` under the
/// core's `ConnectionContract`, so timeouts, retry back-off and persistence are the core's.
///
/// It is `uplink --sim`: the quick start, the demo and the training ground. Wiring it:
///
/// ```swift
/// let device = SimulatedDevice(random: SystemRandomNumberGenerator())
/// let manager = ConnectionManager(clock: ContinuousClock(), linkControl: device, ignoredTechnologies: [.loopback])
/// try device.install(on: manager)  // binds eth0, wlan0 and wwan0; the device's world runs on the manager's clock
/// let service = EmbeddedManagerService(manager: manager, wifi: device.wifi, faults: device)
/// manager.startTimers()
/// Task { try await manager.follow(device) }  // the dump, then the changes
/// ```
///
/// With auto-connect on, eth0 is ready after 1.2 s, wlan0 (joining the remembered "Workshop")
/// after 2.7 s and wwan0 after 4.5 s; each upstream answers 0.3 s later (see `SimulationTimings`).
/// Tests may use `attach(to:)` instead of `follow`, which delivers every change synchronously.
///
/// The device:
/// - `lo` (1): loopback, up, 127.0.0.1/8 and ::1/128; the manager is expected to ignore it.
/// - `eth0` (2): cable plugged in; DHCP gives 192.0.2.10/24 and router advertisements
///   2001:db8:1::10/64 (tentative for 1 s); the router is 192.0.2.1.
/// - `wlan0` (3): the networks of `SimulatedWiFi`; remembers "Workshop" at boot.
/// - `wwan0` (4): a modem that registers in 4 s (dormant meanwhile) and gets 198.18.9.2/30 from
///   gateway 198.18.9.1; its signal wanders every 5 s (`signal(of:)`).
///
/// It is also the reachability probe of its upstreams: 0.3 s after an interface becomes ready it
/// reports it reachable if the upstream answers, and 3 s after the upstream goes silent it reports
/// it unreachable. Its faults (`SimulatedFault`) are switched through `FaultControl`.
///
/// Nothing here reads a clock, sleeps or draws randomness it was not given: time is the manager's
/// (`ConnectionManager.schedule`), and randomness comes from the generator passed in. Apart from
/// the cellular signal's walk, no timer runs while nothing changes.
@ManagerActor
public final class SimulatedDevice: LinkControl {
    /// The simulated device's interfaces; their indices never change.
    public enum Interfaces {
        /// `lo`, index 1.
        public static let loopback = InterfaceID(index: 1, name: "lo")
        /// `eth0`, index 2.
        public static let ethernet = InterfaceID(index: 2, name: "eth0")
        /// `wlan0`, index 3.
        public static let wifi = InterfaceID(index: 3, name: "wlan0")
        /// `wwan0`, index 4.
        public static let cellular = InterfaceID(index: 4, name: "wwan0")
        /// All of them, in index order.
        public static let all = [loopback, ethernet, wifi, cellular]
    }

    /// The Wi-Fi radio: its technology, and the scan, join and forget of `WiFiControl`.
    public let wifi: SimulatedWiFi
    /// The Ethernet port and its DHCP client.
    public let ethernet: SimulatedEthernet
    /// The cellular modem.
    public let cellular: SimulatedCellular
    /// How long things take.
    public let timings: SimulationTimings

    var kernel = SimulatedKernel()
    var activeFaults: Set<SimulatedFault> = []
    var random: any RandomNumberGenerator
    private(set) weak var manager: ConnectionManager?
    var sinks: [([LinkChange]) -> Void] = []
    var followers: [UInt64: AsyncThrowingStream<[LinkChange], any Error>.Continuation] = [:]
    var nextFollower: UInt64 = 0
    var probes: [InterfaceIndex: UpstreamProbeStateMachine] = [:]
    var probeTimers: [InterfaceIndex: TimerID] = [:]
    private var detectionTimers: [IPAddress: TimerID] = [:]

    /// Makes the device as it is at boot: every interface administratively up, the cable in, the
    /// radio and the modem not yet connected.
    /// - Parameters:
    ///   - random: the only source of randomness (retry jitter, scan readings, the signal's walk).
    ///   - timings: how long things take.
    public init(random: some RandomNumberGenerator, timings: SimulationTimings = SimulationTimings()) {
        self.random = random
        self.timings = timings
        self.ethernet = SimulatedEthernet()
        self.wifi = SimulatedWiFi()
        self.cellular = SimulatedCellular()
        self.ethernet.device = self
        self.wifi.device = self
        self.cellular.device = self
        self.kernel.addInterface(
            Interfaces.loopback,
            technology: .loopback,
            isAdminUp: true,
            isLowerUp: true,
            automaticAddresses: [Self.address("::1", prefixLength: 128)],
            addresses: [Self.address("127.0.0.1", prefixLength: 8)]
        )
        self.kernel.addInterface(
            Interfaces.ethernet,
            technology: .ethernet,
            isAdminUp: true,
            isLowerUp: true,
            automaticAddresses: [Self.address("fe80::200:5eff:fe00:5301", prefixLength: 64)]
        )
        self.kernel.addInterface(
            Interfaces.wifi,
            technology: .wifi,
            isAdminUp: true,
            isLowerUp: false,
            automaticAddresses: [Self.address("fe80::200:5eff:fe00:5302", prefixLength: 64)]
        )
        self.kernel.addInterface(Interfaces.cellular, technology: .cellular, isAdminUp: true, isLowerUp: false)
    }

    // MARK: - Wiring

    /// Binds eth0, wlan0 and wwan0 to their technologies, each under a `ConnectionContract`,
    /// persistent, with connect timeouts of 30 s, 30 s and 60 s; makes the device the manager's
    /// reachability probe; and runs the device's world on the manager's clock from now on.
    ///
    /// The bindings attach when the manager learns of the interfaces, from `follow()` or
    /// `attach(to:)`.
    /// - Throws: `ControlError.invalidArgument` when the device is already installed, or when the
    ///   manager already has a binding for one of the names; nothing is left half-installed.
    public func install(on manager: ConnectionManager) throws {
        guard self.manager == nil else {
            throw ControlError(.invalidArgument, "the simulated device is already installed on a manager")
        }
        let plan: [(InterfaceID, any ConnectivityTechnology, Duration)] = [
            (Interfaces.ethernet, self.ethernet, .seconds(30)),
            (Interfaces.wifi, self.wifi, .seconds(30)),
            (Interfaces.cellular, self.cellular, .seconds(60)),
        ]
        var bound: [String] = []
        do {
            for (interface, technology, timeout) in plan {
                let contract = ConnectionContract(
                    technology,
                    random: SplitMixRandomNumberGenerator(seed: self.random.next())
                )
                try manager.bind(
                    interface.name,
                    to: contract,
                    configuration: BindingConfiguration(flags: [.persistent], connectTimeout: timeout)
                )
                bound.append(interface.name)
            }
        } catch {
            for name in bound { manager.unbind(name) }
            throw error
        }
        self.manager = manager
        manager.addObserver { [weak self] event in self?.observe(event) }
        self.cellular.powerChanged()
    }

    /// Reports the whole table to a manager at once, then every change synchronously as it
    /// happens, for tests on a manual clock; use this or `follow()`, not both.
    public func attach(to manager: ConnectionManager) {
        // Subscribed before the dump is applied: the dump connects the bindings, whose first steps
        // (a modem starting to register) change links while the manager still processes it.
        self.sinks.append { [weak manager] changes in manager?.apply(changes) }
        manager.apply(self.kernel.dump())
    }

    // MARK: - Reading

    /// The link with this index, as the kernel has it now.
    public func link(_ index: InterfaceIndex) -> LinkSnapshot? {
        self.kernel.link(index)
    }

    /// The addresses of an interface, as the kernel has them now.
    public func addresses(of index: InterfaceIndex) -> [InterfaceAddress] {
        self.kernel.addresses(index)
    }

    /// The signal an interface's radio receives, in dBm: the modem's wandering signal, or the
    /// current Wi-Fi network's; nil for wired interfaces and for radios with nothing to hear.
    public func signal(of interface: InterfaceID) -> Int? {
        switch interface.index {
        case Interfaces.wifi.index: self.wifi.currentSignal
        case Interfaces.cellular.index: self.cellular.signal
        default: nil
        }
    }

    // MARK: - LinkControl

    /// Sets an interface administratively up or down, as `ip link set` does; taking a radio down
    /// switches it off.
    /// - Throws: `ControlError.invalidArgument` for an interface the device does not have.
    public func setAdminState(up: Bool, of interface: InterfaceID) throws {
        guard self.kernel.link(interface.index) != nil else {
            let known = Interfaces.all.map { "\($0.name) (\($0.index))" }.joined(separator: ", ")
            throw ControlError(
                .invalidArgument,
                interface: interface.name,
                "the simulated device has no interface with index \(interface.index); it has \(known)"
            )
        }
        self.publish(self.kernel.setAdminState(up, of: interface.index))
        switch interface.index {
        case Interfaces.ethernet.index: self.ethernet.carrierChanged()
        case Interfaces.wifi.index: self.wifi.powerChanged()
        case Interfaces.cellular.index: self.cellular.powerChanged()
        default: break
        }
    }

    // MARK: - For the technologies

    /// Manager time; zero before installation.
    var now: Duration { self.manager?.now ?? .zero }

    func isAdminUp(_ interface: InterfaceID) -> Bool {
        self.kernel.link(interface.index)?.isAdminUp ?? false
    }

    func hasCarrier(_ interface: InterfaceID) -> Bool {
        self.kernel.hasCarrier(interface.index)
    }

    /// The lower layer of an interface changed: a cable, an association, a modem attach.
    func setLowerLayer(of interface: InterfaceID, up: Bool, dormant: Bool = false) {
        self.publish(self.kernel.setLowerLayer(up: up, dormant: dormant, of: interface.index))
    }

    /// Configures what an upstream handed out, replacing a lease from elsewhere; a renewal of the
    /// same lease leaves usable addresses as they are.
    func configureLease(_ lease: SimulatedLease, on interface: InterfaceID) {
        let index = interface.index
        let wanted = lease.addresses
        var changes = self.kernel.removeAddresses(on: index) { record in
            Self.isLeased(record) && !wanted.contains { $0.address == record.address }
        }
        for record in wanted {
            let existing = self.kernel.addresses(index).first { $0.address == record.address }
            if existing?.state == .preferred { continue }
            changes += self.kernel.setAddress(record, on: index)
            if record.state == .tentative { self.detectDuplicates(of: record, on: index) }
        }
        self.publish(changes)
    }

    /// Removes every address a lease gave, as a DHCP release does.
    func releaseLease(on interface: InterfaceID) {
        self.publish(self.kernel.removeAddresses(on: interface.index, where: Self.isLeased))
    }

    /// Runs world work (the kernel, the radio, the upstreams) on the manager's clock.
    @discardableResult
    func schedule(after delay: Duration, _ work: @escaping @ManagerActor () -> Void) -> TimerID? {
        self.manager?.schedule(after: delay, work)
    }

    func cancel(_ timer: TimerID?) {
        guard let timer else { return }
        self.manager?.cancel(timer)
    }

    /// A number in `range` from the injected generator.
    func randomInteger(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self.random)
    }

    // MARK: - Helpers

    /// Duplicate address detection: nobody else on these simulated links uses the address, so it
    /// becomes preferred when detection is over, unless it went away meanwhile.
    private func detectDuplicates(of record: InterfaceAddress, on index: InterfaceIndex) {
        self.cancel(self.detectionTimers[record.address])
        self.detectionTimers[record.address] = self.schedule(after: self.timings.duplicateAddressDetection) {
            [weak self] in
            guard let self else { return }
            self.detectionTimers[record.address] = nil
            guard var current = self.kernel.addresses(index).first(where: { $0.address == record.address }),
                current.state == .tentative
            else { return }
            current.state = .preferred
            self.publish(self.kernel.setAddress(current, on: index))
        }
    }

    private static func isLeased(_ record: InterfaceAddress) -> Bool {
        record.scope == .global && !record.address.isLinkLocal && !record.address.isLoopback
    }

    private static func address(_ text: String, prefixLength: Int) -> InterfaceAddress {
        guard let address = IPAddress(text) else { preconditionFailure("not an address: \(text)") }
        return InterfaceAddress(address, prefixLength: prefixLength)
    }
}
