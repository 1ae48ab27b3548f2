import Testing
import UplinkConfiguration
import UplinkCore

@Suite("the configuration file")
struct ConfigurationTests {
    private func parse(_ text: String) throws -> Configuration {
        try Configuration.parse(text, file: "uplink.toml", implementations: ["ethernet", "wifi"])
    }

    @Test("bindings with flags, timeouts, a route metric and a fixed address; what to ignore")
    func fullFile() throws {
        let configuration = try self.parse(
            """
            # The gateway's uplinks.
            [interfaces.eth0]
            implementation = "ethernet"
            persistent = true
            connect_timeout = 30
            route_metric = 100

            [interfaces.eth1]
            implementation = "ethernet"
            auto_connect = false
            auto_down = false
            idle_timeout = 600
            ipv4 = { address = "192.0.2.5/24", gateway = "192.0.2.1" }

            [interfaces.wlan0]
            implementation = "wifi"
            ctrl_interface = "/run/wpa_supplicant"
            eap_methods = ["MD5"]
            wired_8021x = true
            supplicant_config = "/etc/wpa_supplicant/wpa_supplicant-wlan0.conf"

            [ignore]
            interfaces = ["docker0"]
            technologies = ["virtual", "loopback"]
            """)
        #expect(configuration.interfaces.map(\.name) == ["eth0", "eth1", "wlan0"])
        #expect(configuration.interfaces[2].supplicantDirectory == "/run/wpa_supplicant")
        #expect(configuration.interfaces[2].eapMethods == ["MD5"])
        #expect(configuration.interfaces[2].isWired8021X)
        #expect(configuration.interfaces[2].supplicantFile == "/etc/wpa_supplicant/wpa_supplicant-wlan0.conf")
        #expect(configuration.interfaces[0].eapMethods == nil && !configuration.interfaces[0].isWired8021X)
        let eth0 = configuration.interfaces[0]
        #expect(eth0.binding == BindingConfiguration(flags: .persistent, connectTimeout: .seconds(30)))
        #expect(eth0.ipv4 == .dhcp)
        #expect(eth0.routeMetric == 100)
        let eth1 = configuration.interfaces[1]
        #expect(eth1.binding == BindingConfiguration(flags: [.noAutoConnect, .noAutoDown], idleTimeout: .seconds(600)))
        #expect(
            eth1.ipv4
                == .fixed(address: IPv4Address(192, 0, 2, 5), prefixLength: 24, gateway: IPv4Address(192, 0, 2, 1)))
        #expect(configuration.ignoredInterfaces == ["docker0"])
        #expect(configuration.ignoredTechnologies == [.virtual, .loopback])
    }

    @Test("TOML as people write it: comments, quoted and dotted keys, escapes, arrays over lines, inline tables")
    func tomlForms() throws {
        let configuration = try self.parse(
            """
            [interfaces."eth0"]   # quoted table key
            implementation = 'ethernet'
            ipv4.address = "192.0.2.5/24"
            ipv4.gateway = "192.0.2.1"
            route_metric = 1_000

            [ignore]
            interfaces = [
                "docker0",   # a comment inside an array
                "veth\\u0031",
            ]
            """)
        #expect(
            configuration.interfaces.first?.ipv4
                == .fixed(address: IPv4Address(192, 0, 2, 5), prefixLength: 24, gateway: IPv4Address(192, 0, 2, 1)))
        #expect(configuration.interfaces.first?.routeMetric == 1000)
        #expect(configuration.ignoredInterfaces == ["docker0", "veth1"])
    }

    @Test("an empty file binds nothing and ignores nothing")
    func emptyFile() throws {
        #expect(try self.parse("") == Configuration())
    }

    @Test(
        "a bad file names the file, the line or the key, and what is accepted",
        arguments: [
            ("[interfaces.eth0\nimplementation = 1", "uplink.toml:1:"),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\"\npersistant = true",
                "uplink.toml:3: interfaces.eth0.persistant: unknown key; accepted here: implementation, persistent"
            ),
            (
                "[interfaces.eth0]\nimplementation = \"ethrnet\"",
                "uplink.toml:2: interfaces.eth0.implementation: unknown implementation \"ethrnet\"; accepted: ethernet, wifi"
            ),
            (
                "[interfaces.eth0]\npersistent = true",
                "uplink.toml:1: interfaces.eth0.implementation: missing; accepted: ethernet, wifi"
            ),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\"\nconnect_timeout = -5",
                "uplink.toml:3: interfaces.eth0.connect_timeout: must be a whole number of seconds from 0 (none)"
            ),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\"\npersistent = \"yes\"",
                "uplink.toml:3: interfaces.eth0.persistent: must be true or false, not a string"
            ),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\"\nipv4 = { address = \"192.0.2.5\" }",
                "uplink.toml:3: interfaces.eth0.ipv4.address: \"192.0.2.5\" is not an IPv4 address with a prefix"
            ),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\"\nipv4 = \"static\"",
                "uplink.toml:3: interfaces.eth0.ipv4: \"static\" is not accepted"
            ),
            (
                "[ignore]\ntechnologies = [\"radio\"]",
                "uplink.toml:2: ignore.technologies: unknown technology \"radio\"; accepted: ethernet, wifi, cellular"
            ),
            ("[interfaces.\"a very long interface name\"]\nimplementation = \"ethernet\"", "is not an interface name"),
            ("bind = 1", "uplink.toml:1: bind: unknown key; accepted here: interfaces, ignore"),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\"\nctrl_interface = \"/run/x\"",
                "uplink.toml:3: interfaces.eth0.ctrl_interface: applies to implementation = \"wifi\" only"
            ),
            (
                "[interfaces.wlan0]\nimplementation = \"wifi\"\nctrl_interface = \"run/x\"",
                "uplink.toml:3: interfaces.wlan0.ctrl_interface: must be an absolute path"
            ),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\"\nwired_8021x = true",
                "uplink.toml:3: interfaces.eth0.wired_8021x: applies to implementation = \"wifi\" only"
            ),
            (
                "[interfaces.wlan0]\nimplementation = \"wifi\"\neap_methods = [\"PEAP\", \"peap2\"]",
                "uplink.toml:3: interfaces.wlan0.eap_methods: \"peap2\" is not an EAP method; accepted: PEAP, TTLS"
            ),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\"\nimplementation = \"wifi\"",
                "uplink.toml:3: implementation is set twice"
            ),
            ("[interfaces.eth0]\nconnect_timeout = 1.5", "uplink.toml:2: \"1.5\": floats and dates are not used here"),
            ("[interfaces.eth0]\nimplementation = \"ethernet", "uplink.toml:2: the string is not closed"),
            (
                "[interfaces.eth0]\nimplementation = \"ethernet\" persistent = true",
                "uplink.toml:2: expected the end of the line"
            ),
        ]
    )
    func badFile(text: String, expected: String) {
        #expect {
            try self.parse(text)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }
}
