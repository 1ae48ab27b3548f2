// swift-tools-version: 6.1
//
// The target graph is the architecture (see docs/Architecture.md):
//
//   UplinkCore            pure: model, readiness, monitor, control, automations, contract helper,
//                         the manager and the service faces use; no Glibc, no sockets, no wall clock
//   UplinkCoreTesting     fakes shipped as a library: manual clock, fake kernel, scripted implementation
//   UplinkSimulation      adapter: the simulated device (links, Ethernet, Wi-Fi, cellular, faults)
//   CNetlink              C shim: the rtnetlink macros and setns that Swift cannot import
//   CPacket               C shim: packet sockets and socket filters, for the DHCP client
//   UplinkLinux           adapter: rtnetlink link source and control, Ethernet with DHCP, the I/O loop
//   UplinkDashboard       face, pure: view model, cell grid, key map, themes, Wi-Fi flow
//   UplinkProtocol        face, pure: the stable JSON schema (status, events) and the plain-text status
//   UplinkConfiguration   the configuration file (a TOML subset): bindings, flags, timeouts, what to ignore
//   CNcurses              C shim: the ncurses macros and globals Swift cannot import
//   UplinkTerminal        face, the only code that touches curses: screen, input, signals
//   uplink                the executable: wiring
import PackageDescription

let package = Package(
    name: "uplink",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "uplink", targets: ["uplink"]),
        .library(name: "UplinkCore", targets: ["UplinkCore"]),
        .library(name: "UplinkCoreTesting", targets: ["UplinkCoreTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .target(name: "UplinkCore"),
        .target(name: "UplinkCoreTesting", dependencies: ["UplinkCore"]),
        .target(name: "UplinkSimulation", dependencies: ["UplinkCore"]),
        .target(name: "CNetlink"),
        .target(name: "CPacket"),
        .target(name: "UplinkLinux", dependencies: ["UplinkCore", "CNetlink", "CPacket"]),
        .target(name: "UplinkDashboard", dependencies: ["UplinkCore"]),
        .target(name: "UplinkProtocol", dependencies: ["UplinkCore"]),
        .target(name: "UplinkConfiguration", dependencies: ["UplinkCore"]),
        .target(
            name: "CNcurses",
            linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]
        ),
        .target(name: "UplinkTerminal", dependencies: ["UplinkDashboard", "CNcurses"]),
        .executableTarget(
            name: "uplink",
            dependencies: [
                "UplinkCore",
                "UplinkSimulation",
                "UplinkDashboard",
                "UplinkProtocol",
                "UplinkConfiguration",
                "UplinkLinux",
                "UplinkTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "uplink-bench-core",
            dependencies: ["UplinkCore", "UplinkCoreTesting"],
            path: "Benchmarks/CoreStorm"
        ),
        .executableTarget(
            name: "uplink-bench-netlink",
            dependencies: ["UplinkLinux", "UplinkCore"],
            path: "Benchmarks/NetlinkLatency"
        ),
        // A stand-in for wpa_supplicant's control socket with six scripted networks, for the Wi-Fi
        // tests and the dashboard's end-to-end test on machines without a radio; self-contained.
        .executableTarget(name: "uplink-scripted-supplicant", path: "Tests/ScriptedSupplicant"),
        .testTarget(name: "UplinkCoreTests", dependencies: ["UplinkCore", "UplinkCoreTesting"]),
        .testTarget(
            name: "UplinkSimulationTests",
            dependencies: ["UplinkSimulation", "UplinkCore", "UplinkCoreTesting"]
        ),
        .testTarget(
            name: "UplinkDashboardTests",
            dependencies: ["UplinkDashboard", "UplinkSimulation", "UplinkCore", "UplinkCoreTesting"],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "UplinkTerminalTests", dependencies: ["UplinkTerminal", "UplinkDashboard"]),
        .testTarget(name: "UplinkProtocolTests", dependencies: ["UplinkProtocol", "UplinkCore", "UplinkCoreTesting"]),
        .testTarget(name: "UplinkConfigurationTests", dependencies: ["UplinkConfiguration", "UplinkCore"]),
        .testTarget(
            name: "UplinkLinuxTests",
            // The scripted supplicant is a dependency so that it is built before its tests start it.
            dependencies: [
                "UplinkLinux", "UplinkCore", "UplinkCoreTesting", "UplinkLabSupport", "uplink-scripted-supplicant",
            ],
            // Read by the tests from their source folder; capture-fixtures is the script that made them.
            exclude: ["NetlinkFixtures"]
        ),
        // What tests of real parts share: spawning without Foundation's Process, child processes read
        // line by line, and labs of namespaces, veths and DHCP servers that clean up after themselves.
        .target(name: "UplinkLabSupport", path: "Tests/UplinkLabSupport"),
        // The real binary in a real terminal (tmux); depending on the executable makes it built first.
        .testTarget(
            name: "UplinkEndToEndTests", dependencies: ["uplink", "uplink-scripted-supplicant", "UplinkLabSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
