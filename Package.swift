// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Klaxon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "klaxon", targets: ["klaxon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    ],
    targets: [
        // Values and pure rules. Imports Foundation and swift-crypto only.
        .target(
            name: "KlaxonCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // Wire payloads → [AlertEvent].
        .target(name: "KlaxonIngest", dependencies: ["KlaxonCore"], swiftSettings: strict),
        // Configuration model, validation, routing tree, silences as muters.
        .target(
            name: "KlaxonRouting",
            dependencies: ["KlaxonCore", .product(name: "Yams", package: "Yams"), .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict
        ),
        // Processor and dispatcher services, the Notifier contract, retries.
        .target(
            name: "KlaxonPipeline",
            dependencies: [
                "KlaxonCore", "KlaxonIngest", "KlaxonRouting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Webhook and console receivers (the chat/issue notifiers arrive with their own issue).
        .target(
            name: "KlaxonNotifiers",
            dependencies: [
                "KlaxonCore", "KlaxonPipeline",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Chat-ops: verify → parse → command → reply/actions for Discord and Slack. Pure: no I/O.
        .target(
            name: "KlaxonChatOps",
            dependencies: ["KlaxonCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // SQLite (GRDB) implementations of the storage protocols, and migrations.
        .target(
            name: "KlaxonStore",
            dependencies: [
                "KlaxonCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // Klaxon's own AWS client: SigV4, credentials chain, wire protocols, the service calls Klaxon
        // makes; and the AWS edge: SNS message signature verification (SNS/), the SSM mute store
        // (MuteGate/), the Cost Explorer cost source (Cost/).
        .target(
            name: "KlaxonAWS",
            dependencies: [
                "KlaxonCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // Composition root: config loading, HTTP routes, metrics, services.
        .target(
            name: "KlaxonApp",
            dependencies: [
                "KlaxonCore", "KlaxonIngest", "KlaxonRouting", "KlaxonPipeline", "KlaxonNotifiers", "KlaxonStore", "KlaxonAWS",
                "KlaxonChatOps",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "klaxon",
            dependencies: [
                "KlaxonApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // bench/sigv4: SigV4 signing cost per request (prints figures; not a test).
        .executableTarget(name: "klaxon-bench-sigv4", dependencies: ["KlaxonAWS"], path: "bench/sigv4", swiftSettings: strict),
        // Test support: manual clock, recording receivers, fixture loading, process helpers.
        .target(
            name: "KlaxonTesting",
            dependencies: [
                "KlaxonCore", "KlaxonPipeline", "KlaxonAWS",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "KlaxonCoreTests", dependencies: ["KlaxonCore", "KlaxonTesting"]),
        .testTarget(name: "KlaxonIngestTests", dependencies: ["KlaxonIngest", "KlaxonTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "KlaxonRoutingTests", dependencies: ["KlaxonRouting", "KlaxonTesting"]),
        .testTarget(name: "KlaxonPipelineTests", dependencies: ["KlaxonPipeline", "KlaxonStore", "KlaxonTesting"]),
        .testTarget(name: "KlaxonNotifiersTests", dependencies: ["KlaxonNotifiers", "KlaxonStore", "KlaxonTesting"], resources: [.copy("Golden"), .copy("Fixtures")]),
        .testTarget(
            name: "KlaxonChatOpsTests",
            dependencies: ["KlaxonChatOps", "KlaxonStore", "KlaxonTesting", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Fixtures"), .copy("Scripts")]
        ),
        .testTarget(
            name: "KlaxonAWSTests",
            dependencies: [
                "KlaxonAWS", "KlaxonTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "KlaxonStoreTests", dependencies: ["KlaxonStore", "KlaxonTesting", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "KlaxonAppTests",
            dependencies: [
                "KlaxonApp", "KlaxonTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                "KlaxonChatOps", .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
