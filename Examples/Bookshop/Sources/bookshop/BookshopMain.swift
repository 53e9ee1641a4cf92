import BookshopAPI
import SpecsmithCLI

@main enum BookshopMain {
    static func main() async { await SpecsmithCLI.main(apis: [APIDefinition(registry: Bookshop.registry)]) }
}
