/// The key hints of the screens that have no key table of their own — the Wi-Fi flow's steps, the
/// fault menu, the prompts — kept in one place so the hint line on each screen and the help
/// overlay cannot disagree.
enum KeyHints {
    /// The Wi-Fi network list.
    static let wifiList = "↑↓ choose · Enter join · r rescan · x forget · Esc close"
    /// The hidden network's name.
    static let wifiHiddenName = "type the name · ↑↓ security · Enter next · Esc back"
    /// The Wi-Fi key entry.
    static let wifiSecret = "type or paste · Tab show/hide · Enter join · Esc back"
    /// A join in progress.
    static let wifiJoining = "Esc closes (joining goes on)"
    /// A join that succeeded.
    static let wifiJoined = "Enter or Esc closes"
    /// A join that failed.
    static let wifiFailed = "r retry · e edit the key · Esc back to the list"
    /// The fault menu.
    static let faults = "↑↓ choose · Enter switch on/off · Esc close"
    /// The timeout prompts.
    static let prompt = "digits · Enter set · Esc cancel"

    /// The hints the help overlay lists, with the screen each belongs to.
    static let screens: [(screen: String, hint: String)] = [
        ("Wi-Fi list", wifiList), ("Wi-Fi hidden", wifiHiddenName), ("Wi-Fi key", wifiSecret),
        ("Wi-Fi result", wifiFailed), ("faults", faults), ("prompts", prompt),
    ]
}
