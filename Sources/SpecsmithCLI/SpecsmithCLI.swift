import CHeapTuning

/// The entry point of a package's Specsmith executable:
///
/// ```swift
/// import SpecsmithCLI
/// @main enum Main { static func main() async { await SpecsmithCLI.main(apis: [APIDefinition(registry: MyAPI.registry)]) } }
/// ```
public enum SpecsmithCLI {
    /// The release of Specsmith these commands are, as `specsmith --version` prints it.
    public static let version = "0.9.0"

    /// The APIs the running command serves; set by `main(apis:)` for the commands to read.
    @TaskLocal static var apis: [APIDefinition] = []

    /// Parses the command line and runs `generate`, `check`, `mock`, `lint`, `diff` or `init`
    /// for `apis`; exits with the documented status.
    public static func main(apis: [APIDefinition], arguments: [String]? = nil) async {
        await $apis.withValue(apis) {
            await Specsmith.main(arguments)
        }
    }
}

/// The heap settings of a command that reads large documents once and exits.
enum BatchHeap {
    /// glibc grows each thread's heap 128 KB at a time, with a system call and page faults each
    /// time; a lint of a large document builds tens of MB on two threads, and growing 32 MB at a
    /// time takes 3-4 ms off GitHub's description. The pages are only reserved: what is never
    /// written is never mapped in. Not for `mock`, which runs for hours.
    static func prepare() {
        specsmith_grow_heaps_by(32 << 20)
    }
}
