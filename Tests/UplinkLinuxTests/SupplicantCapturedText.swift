/// Text captured from a real wpa_supplicant 2.10 (Debian 2:2.10-12) on a veth pair, `-D wired`,
/// with hostapd `driver=wired` doing 802.1X EAP-MD5 on the other end (lab-recipes §3), as its
/// control socket sent it. Events are as an ATTACHed client received them.
///
/// A wired port has no radio, so SCAN_RESULTS is always empty and SIGNAL_POLL fails; the scan rows
/// in the tests are written in the format of ctrl_iface.c (wpa_supplicant_ctrl_iface_scan_result).
enum SupplicantCapturedText {
    /// STATUS before any network was selected.
    static let statusDisconnected = """
        wpa_state=DISCONNECTED
        ip_address=198.18.77.2
        address=c6:72:0d:ba:ed:68
        uuid=8fae1ba9-5ce1-50ed-9ac1-39c34875b205

        """

    /// STATUS after SELECT_NETWORK of a WPA-PSK network "HomeNet": associated, and there it stays,
    /// since no 4-way handshake happens on a cable.
    static let statusAssociatedPSK = """
        bssid=01:80:c2:00:00:03
        freq=0
        ssid=HomeNet
        id=0
        mode=station
        pairwise_cipher=CCMP
        group_cipher=CCMP
        key_mgmt=WPA2-PSK
        wpa_state=ASSOCIATED
        ip_address=198.18.77.2
        address=1e:2c:c5:b2:56:27
        uuid=a2f1561e-15f5-539a-92c6-856f0c457cfd

        """

    /// STATUS after a successful EAP-MD5 login on network 4, SSID "Café📶".
    static let statusCompletedEAP = #"""
        bssid=01:80:c2:00:00:03
        freq=0
        ssid=Caf\xc3\xa9\xf0\x9f\x93\xb6
        id=4
        mode=station
        pairwise_cipher=NONE
        group_cipher=NONE
        key_mgmt=IEEE 802.1X (no WPA)
        wpa_state=COMPLETED
        ip_address=198.18.77.2
        address=c6:72:0d:ba:ed:68
        Supplicant PAE state=AUTHENTICATED
        suppPortStatus=Authorized
        EAP state=SUCCESS
        selectedMethod=4 (EAP-MD5)
        uuid=8fae1ba9-5ce1-50ed-9ac1-39c34875b205

        """#

    /// STATUS after the same login with a wrong password.
    static let statusFailedEAP = #"""
        bssid=01:80:c2:00:00:03
        freq=0
        ssid=Caf\xc3\xa9\xf0\x9f\x93\xb6
        id=4
        mode=station
        pairwise_cipher=NONE
        group_cipher=NONE
        key_mgmt=IEEE 802.1X (no WPA)
        wpa_state=ASSOCIATED
        ip_address=198.18.77.2
        address=c6:72:0d:ba:ed:68
        Supplicant PAE state=HELD
        suppPortStatus=Unauthorized
        EAP state=FAILURE
        selectedMethod=4 (EAP-MD5)
        uuid=8fae1ba9-5ce1-50ed-9ac1-39c34875b205

        """#

    /// LIST_NETWORKS after five networks were set by hex SSID: `Bob's "Shed" \ AP`, the bytes
    /// 01 41 09 42, `Café ☕ Zürich`, 32 digits, and `Café📶` (selected, so current).
    static let listNetworks =
        [
            "network id / ssid / bssid / flags",
            ["0", #"Bob's \"Shed\" \\ AP"#, "any", "[DISABLED]"].joined(separator: "\t"),
            ["1", #"\x01A\tB"#, "any", "[DISABLED]"].joined(separator: "\t"),
            ["2", #"Caf\xc3\xa9 \xe2\x98\x95 Z\xc3\xbcrich"#, "any", "[DISABLED]"].joined(separator: "\t"),
            ["3", "12345678901234567890123456789012", "any", "[DISABLED]"].joined(separator: "\t"),
            ["4", #"Caf\xc3\xa9\xf0\x9f\x93\xb6"#, "any", "[CURRENT]"].joined(separator: "\t"),
        ].joined(separator: "\n") + "\n"

    /// The events of one successful EAP-MD5 login, in order.
    static let loginEvents = [
        "<3>CTRL-EVENT-NETWORK-ADDED 4",
        "<3>Associated with 01:80:c2:00:00:03",
        "<3>CTRL-EVENT-SUBNET-STATUS-UPDATE status=0",
        "<3>CTRL-EVENT-EAP-STARTED EAP authentication started",
        "<3>CTRL-EVENT-EAP-STATUS status='started' parameter=''",
        "<3>CTRL-EVENT-EAP-PROPOSED-METHOD vendor=0 method=4",
        "<3>CTRL-EVENT-EAP-METHOD EAP vendor 0 method 4 (MD5) selected",
        "<3>CTRL-EVENT-EAP-SUCCESS EAP authentication completed successfully",
        "<3>CTRL-EVENT-CONNECTED - Connection to 01:80:c2:00:00:03 completed [id=4 id_str=]",
    ]

    /// The events of the same login with a wrong password, from EAP failure to the network's rest.
    static let wrongPasswordEvents = [
        "<3>CTRL-EVENT-EAP-FAILURE EAP authentication failed",
        "<3>CTRL-EVENT-DISCONNECTED bssid=01:80:c2:00:00:03 reason=3 locally_generated=1",
        #"<3>CTRL-EVENT-SSID-TEMP-DISABLED id=1 ssid="Caf\xc3\xa9\xf0\x9f\x93\xb6" auth_failures=1 duration=10 reason=AUTH_FAILED"#,
    ]

    /// TERMINATE's last event: note the space after the name.
    static let terminating = "<3>CTRL-EVENT-TERMINATING "
}
