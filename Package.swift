// swift-tools-version: 6.1
//
// The target graph is the architecture (see docs/Architecture.md):
//
//   UplinkCore            pure: model, readiness, monitor, control, automations, contract helper,
//                         the manager; no Glibc, no sockets, no files, no wall clock
//   UplinkCoreTesting     fakes shipped as a library: manual clock, fake kernel, scripted implementation
//   (later) adapters      UplinkLinux, UplinkSimulation: implement the ports declared in UplinkCore
//   (later) faces         dashboard, control protocol, command line, captive portal
//   uplink                the executable
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
        .executableTarget(
            name: "uplink",
            dependencies: [
                "UplinkCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "uplink-bench-core",
            dependencies: ["UplinkCore", "UplinkCoreTesting"],
            path: "Benchmarks/CoreStorm"
        ),
        .testTarget(name: "UplinkCoreTests", dependencies: ["UplinkCore", "UplinkCoreTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
