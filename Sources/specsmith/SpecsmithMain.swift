import CustomersAPI
import SpecsmithCLI

/// The Customers V3 team's Specsmith: the library's commands for its one API.
@main
enum SpecsmithMain {
    static func main() async {
        await SpecsmithCLI.main(apis: [APIDefinition(registry: CustomersV3.registry)])
    }
}
