// swift-tools-version:6.0
import PackageDescription

/// Tafel: the event-sourced coordination backend for stadsdeeltafels.
///
/// Targets follow the module table of README.md; arrows point one way:
/// RPC → Coordination → (Projections, EventStore) → Events. No package dependencies:
/// the toolchain plus libpq through the `CLibPQ` system-library target.
let package = Package(
    name: "Tafel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tafel", targets: ["tafel"])
    ],
    targets: [
        .target(name: "Events", path: "Events"),
        .target(name: "Projections", dependencies: ["Events"], path: "Projections"),
        .systemLibrary(
            name: "CLibPQ",
            path: "Sources/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "EventStore",
            dependencies: ["Events", "CLibPQ"],
            resources: [.copy("Postgres/Migrations")]
        ),
        .target(name: "Coordination", dependencies: ["Events", "Projections", "EventStore"]),
        .target(name: "RPC", dependencies: ["Coordination"]),
        .executableTarget(
            name: "tafel",
            dependencies: ["Events", "Projections", "EventStore", "Coordination", "RPC"],
            resources: [.copy("Demo/maastricht.csv")]
        ),
        .target(name: "TestSupport", dependencies: ["EventStore", "RPC"], path: "Tests/TestSupport"),
        .testTarget(name: "EventsTests", dependencies: ["Events"]),
        .testTarget(
            name: "RPCTests", dependencies: ["Events", "EventStore", "Coordination", "RPC", "TestSupport"],
            resources: [.copy("OpenRPC")]
        ),
        .testTarget(name: "ServerTests", dependencies: ["Events", "RPC", "TestSupport", "tafel"]),
        .testTarget(name: "CoordinationTests", dependencies: ["Events", "Projections", "Coordination", "EventStore", "TestSupport"]),
        .testTarget(name: "EventStoreTests", dependencies: ["Events", "EventStore", "Coordination", "TestSupport", "tafel"]),
    ]
)
