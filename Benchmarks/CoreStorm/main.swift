// Feeds the core a storm of link and address changes over 10, 100 and 1,000 interfaces and prints
// the cost per change, changes per second, and the ratio of the per-change cost at 1,000 interfaces
// to that at 10 (goal: ≤ 1.5, i.e. independent of the number of interfaces). Beside it, the same
// storm through a model of the reference's monitor, which re-evaluates every interface on each
// wake-up, measured in the same run. Also prints resident memory per interface.
//
// Run with: scripts/bench-core   (a release build)

import Glibc
import UplinkCore
import UplinkCoreTesting

/// Link control that does nothing: the benchmark measures the core, not a kernel.
@ManagerActor
final class NullLinkControl: LinkControl {
    func setAdminState(up: Bool, of interface: InterfaceID) throws {}
}

struct StormResult {
    var interfaces: Int
    var changes: Int
    var events: Int
    var seconds: Double

    var nanosecondsPerChange: Double { self.seconds * 1e9 / Double(self.changes) }
    var changesPerSecond: Double { Double(self.changes) / self.seconds }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func links(_ count: Int) -> [LinkSnapshot] {
    (1...count).map {
        LinkSnapshot(index: InterfaceIndex($0), name: "veth\($0)", technology: .virtual, isAdminUp: true)
    }
}

func ipv4(_ index: Int) -> IPAddress {
    .v4(IPv4Address(198, UInt8(18 + (index >> 16) & 1), UInt8((index >> 8) & 0xFF), UInt8(index & 0xFF)))
}

func ipv6(_ index: Int) -> IPAddress {
    .v6(IPv6Address(high: 0x2001_0db8_0000_0000 | UInt64(index), low: 1))
}

/// The storm: each step picks an interface at random and flips its carrier, or removes or re-adds
/// one of its addresses — the mix a flapping switch port or a renumbering produces.
func stormChange(_ step: Int, interfaces: Int, random: inout SeededRandomNumberGenerator) -> LinkChange {
    let index = Int.random(in: 1...interfaces, using: &random)
    switch step % 4 {
    case 0, 2:
        return .link(
            LinkSnapshot(
                index: InterfaceIndex(index),
                name: "veth\(index)",
                technology: .virtual,
                isAdminUp: true,
                hasCarrier: step % 8 >= 4
            )
        )
    case 1:
        return .addressRemoved(InterfaceIndex(index), ipv4(index), prefixLength: 15)
    default:
        return .address(InterfaceIndex(index), InterfaceAddress(ipv4(index), prefixLength: 15))
    }
}

@ManagerActor
func runStorm(interfaces: Int, changes: Int) -> StormResult {
    let manager = ConnectionManager(clock: ContinuousClock(), linkControl: NullLinkControl())
    var events = 0
    manager.addObserver { _ in events += 1 }
    var addresses: [InterfaceIndex: [InterfaceAddress]] = [:]
    for index in 1...interfaces {
        addresses[InterfaceIndex(index)] = [
            InterfaceAddress(ipv4(index), prefixLength: 15), InterfaceAddress(ipv6(index), prefixLength: 64),
        ]
    }
    manager.apply(.replaceAll(links(interfaces), addresses: addresses))
    var random = SeededRandomNumberGenerator(seed: 42)
    let storm = (0..<changes).map { stormChange($0, interfaces: interfaces, random: &random) }
    events = 0
    let clock = ContinuousClock()
    let started = clock.now
    for change in storm { manager.apply(change) }
    let elapsed = clock.now - started
    return StormResult(interfaces: interfaces, changes: changes, events: events, seconds: seconds(elapsed))
}

/// The reference's monitor, modelled: every change wakes it and it re-evaluates every interface.
func runReferenceModel(interfaces: Int, changes: Int) -> StormResult {
    var monitor = ConnectivityMonitor()
    var addresses: [InterfaceIndex: [InterfaceAddress]] = [:]
    for index in 1...interfaces {
        addresses[InterfaceIndex(index)] = [
            InterfaceAddress(ipv4(index), prefixLength: 15), InterfaceAddress(ipv6(index), prefixLength: 64),
        ]
    }
    _ = monitor.apply([.replaceAll(links(interfaces), addresses: addresses)])
    var random = SeededRandomNumberGenerator(seed: 42)
    let storm = (0..<changes).map { stormChange($0, interfaces: interfaces, random: &random) }
    var events = 0
    var readyCount = 0
    let clock = ContinuousClock()
    let started = clock.now
    for change in storm {
        events += monitor.apply([change]).events.count
        var ready = 0
        for interface in monitor.interfaces.values
        where InterfaceReadiness.evaluate(link: interface.link, addresses: interface.addresses, isIgnored: false)
            .overall.isReady
        {
            ready += 1
        }
        readyCount &+= ready
    }
    let elapsed = clock.now - started
    precondition(readyCount >= 0)
    return StormResult(interfaces: interfaces, changes: changes, events: events, seconds: seconds(elapsed))
}

/// Resident set size from /proc/self/statm, in bytes.
func residentBytes() -> Int {
    let descriptor = open("/proc/self/statm", O_RDONLY)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let count = read(descriptor, &buffer, buffer.count)
    guard count > 0 else { return 0 }
    let fields = String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * sysconf(Int32(_SC_PAGESIZE))
}

/// Resident memory the manager adds per interface, measured over enough interfaces that page
/// granularity does not matter. Run first, before the storms leave freed memory behind.
@ManagerActor
func residentBytesPerInterface(_ count: Int) -> Double {
    let before = residentBytes()
    let manager = ConnectionManager(clock: ContinuousClock(), linkControl: NullLinkControl())
    var addresses: [InterfaceIndex: [InterfaceAddress]] = [:]
    for index in 1...count {
        addresses[InterfaceIndex(index)] = [
            InterfaceAddress(ipv4(index), prefixLength: 15), InterfaceAddress(ipv6(index), prefixLength: 64),
        ]
    }
    manager.apply(.replaceAll(links(count), addresses: addresses))
    addresses.removeAll()
    let after = residentBytes()
    withExtendedLifetime(manager) {}
    return Double(after - before) / Double(count)
}

func format(_ value: Double, _ decimals: Int = 0) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return decimals == 0 ? String(Int(rounded)) : String(rounded)
}

func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}

@main
enum CoreStorm {
    static func main() async {
        let changes = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 200_000
        let bytesPerInterface = await residentBytesPerInterface(20_000)
        let sizes = [10, 100, 1_000]
        print("uplink core storm: \(changes) link/address changes per size (release build expected)")
        print("")
        print("interfaces  ns/change  changes/s    events   reference ns/change (re-evaluate all)")
        var results: [StormResult] = []
        var reference: [StormResult] = []
        for size in sizes {
            _ = await runStorm(interfaces: size, changes: min(changes, 20_000))  // warm-up
            let result = await runStorm(interfaces: size, changes: changes)
            // The reference model is quadratic; bound its run so the benchmark stays short.
            let model = runReferenceModel(interfaces: size, changes: max(changes / size, 1_000))
            results.append(result)
            reference.append(model)
            print(
                pad(String(size), 10) + pad(format(result.nanosecondsPerChange), 11)
                    + pad(format(result.changesPerSecond), 11) + pad(String(result.events), 10)
                    + pad(format(model.nanosecondsPerChange), 12)
            )
        }
        let ratio = results[2].nanosecondsPerChange / results[0].nanosecondsPerChange
        let referenceRatio = reference[2].nanosecondsPerChange / reference[0].nanosecondsPerChange
        print("")
        print("per-change cost, 1,000 interfaces / 10 interfaces: \(format(ratio, 2)) (goal <= 1.5)")
        print("same ratio for the re-evaluate-all reference model: \(format(referenceRatio, 1))")
        print(
            "resident memory per interface (link, 2 addresses, readiness; 20,000 interfaces): \(format(bytesPerInterface)) bytes"
        )
        print(ratio <= 1.5 ? "result: goal met" : "result: goal NOT met")
    }
}
