// Netlink event latency of the adapter's link source against `ip monitor`, measured in the same run:
// a veth in a throw-away namespace is set up and down N times with `ip`, and for each change the time
// from just before `ip` starts to the moment the change reaches the source's consumer is compared with
// the time to the line `ip -ts monitor link` stamps. Both include starting `ip` (most of it); what
// matters is the ratio and the per-change difference, printed at the end. Needs root.
//
// Run with: scripts/bench-netlink [changes]   (a release build; default 40 changes)

import Foundation
import Glibc
import Synchronization
import UplinkCore
import UplinkLinux

/// Wall-clock seconds, the clock `ip -ts` stamps its lines with.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Runs a program to its end; a non-zero exit stops the benchmark.
func run(_ argv: [String]) {
    var pid: pid_t = 0
    let arguments = argv.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    guard posix_spawnp(&pid, argv[0], nil, nil, arguments, environ) == 0 else { fatalError("cannot start \(argv)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    guard status == 0 else { fatalError("\(argv.joined(separator: " ")) failed with status \(status)") }
}

/// Starts a program whose standard output comes back through a pipe; returns its pid and the pipe.
func start(_ argv: [String]) -> (pid: pid_t, output: Int32) {
    var descriptors: [Int32] = [-1, -1]
    precondition(pipe(&descriptors) == 0)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, descriptors[1], 1)
    posix_spawn_file_actions_addclose(&actions, descriptors[0])
    var pid: pid_t = 0
    let arguments = argv.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    guard posix_spawnp(&pid, argv[0], &actions, nil, arguments, environ) == 0 else {
        fatalError("cannot start \(argv)")
    }
    close(descriptors[1])
    return (pid, descriptors[0])
}

/// When each side saw vA become admin up or down.
final class Sightings: Sendable {
    private let seen = Mutex<[(time: Double, up: Bool)]>([])

    func record(_ time: Double, up: Bool) {
        self.seen.withLock { $0.append((time, up)) }
    }

    /// The first sighting of `up` at or after `start`.
    func first(_ up: Bool, after start: Double) -> Double? {
        self.seen.withLock { $0.first { $0.time >= start && $0.up == up }?.time }
    }
}

/// Reads `ip -ts monitor link` lines ("[2026-11-21T10:15:48.123456] 2: vA: <BROADCAST,MULTICAST,UP> …").
func readMonitor(_ descriptor: Int32, into sightings: Sightings) {
    let thread = Thread {
        var pending = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return }
            pending += String(decoding: buffer[0..<count], as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                let line = String(pending[..<newline])
                pending = String(pending[pending.index(after: newline)...])
                guard line.contains(" vA"), !line.contains("Deleted"), let time = monitorTime(line),
                    let flags = line.split(separator: "<").dropFirst().first?.split(separator: ">").first
                else { continue }
                sightings.record(time, up: flags.split(separator: ",").contains("UP"))
            }
        }
    }
    thread.start()
}

/// The time in a `-ts` stamp, as wall-clock seconds.
func monitorTime(_ line: String) -> Double? {
    guard line.hasPrefix("["), let end = line.firstIndex(of: "]") else { return nil }
    let stamp = line[line.index(after: line.startIndex)..<end]  // 2026-11-21T10:15:48.123456
    let numbers = stamp.split { "-T:.".contains($0) }.compactMap { Int32($0) }
    guard numbers.count == 7 else { return nil }
    // Local time, as ip prints it.
    var broken = tm()
    broken.tm_year = numbers[0] - 1900
    broken.tm_mon = numbers[1] - 1
    broken.tm_mday = numbers[2]
    broken.tm_hour = numbers[3]
    broken.tm_min = numbers[4]
    broken.tm_sec = numbers[5]
    broken.tm_isdst = -1
    return Double(mktime(&broken)) + Double(numbers[6]) / 1e6
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func milliseconds(_ value: Double) -> String { String(format: "%.3f", value * 1000) }

guard geteuid() == 0 else {
    let message = "uplink-bench-netlink: needs root (it makes network namespaces)\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    exit(1)
}
let changes = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 40 : 40
let base = "ulnl-bench-\(getpid())"
let (first, second) = (base + "-a", base + "-b")
run(["ip", "netns", "add", first])
run(["ip", "netns", "add", second])
defer {
    run(["ip", "netns", "del", first])
    run(["ip", "netns", "del", second])
}
run(["ip", "-n", first, "link", "add", "vA", "type", "veth", "peer", "name", "vB", "netns", second])
run(["ip", "-n", second, "link", "set", "vB", "up"])

let ours = Sightings()
let theirs = Sightings()
let source = RtnetlinkLinkSource(namespace: NetworkNamespace(named: first))
let follower = Task {
    for try await batch in source.follow() {
        let time = now()
        for change in batch {
            if case .link(let link) = change, link.name == "vA" { ours.record(time, up: link.isAdminUp) }
        }
    }
}
let monitor = start(["ip", "-n", first, "-ts", "monitor", "link"])
readMonitor(monitor.output, into: theirs)
try await Task.sleep(for: .milliseconds(300))

var ourLatencies: [Double] = []
var theirLatencies: [Double] = []
var differences: [Double] = []
for change in 0..<changes {
    let up = change % 2 == 0
    let before = now()
    run(["ip", "-n", first, "link", "set", "vA", up ? "up" : "down"])
    var ourTime: Double?
    var theirTime: Double?
    for _ in 0..<400 where ourTime == nil || theirTime == nil {
        try await Task.sleep(for: .milliseconds(5))
        ourTime = ours.first(up, after: before)
        theirTime = theirs.first(up, after: before)
    }
    guard let ourTime, let theirTime else { fatalError("change \(change) was not seen within 2 s") }
    ourLatencies.append(ourTime - before)
    theirLatencies.append(theirTime - before)
    differences.append(ourTime - theirTime)
}
kill(monitor.pid, SIGTERM)
var status: Int32 = 0
waitpid(monitor.pid, &status, 0)
follower.cancel()

print("netlink event latency, \(changes) admin up/down changes of a veth (ms, from just before `ip` starts)")
print(
    "  uplink source: median \(milliseconds(median(ourLatencies)))  min \(milliseconds(ourLatencies.min()!))  max \(milliseconds(ourLatencies.max()!))"
)
print(
    "  ip monitor:    median \(milliseconds(median(theirLatencies)))  min \(milliseconds(theirLatencies.min()!))  max \(milliseconds(theirLatencies.max()!))"
)
print(
    "  uplink minus ip monitor per change: median \(milliseconds(median(differences))) ms, range \(milliseconds(differences.min()!)) .. \(milliseconds(differences.max()!))"
)
print(
    "  ratio of medians (uplink / ip monitor): \(String(format: "%.3f", median(ourLatencies) / median(theirLatencies)))"
)
print("  dumps \(source.statistics.current.dumps), overruns \(source.statistics.current.overruns)")
