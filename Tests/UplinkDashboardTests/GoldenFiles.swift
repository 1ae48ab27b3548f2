import Foundation

/// File access for golden tests, kept apart so the fixtures read without Foundation.
func readFile(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

func writeFile(_ path: String, _ text: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

func getEnvironmentValue(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name]
}
