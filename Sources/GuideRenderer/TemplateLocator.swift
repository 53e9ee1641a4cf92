/// Finds where a line of a rendered page was written in its template, so a problem found
/// by running the page names the line an author edits. A code block is found by its
/// fence and first line, counting repeats in order; a block the template's tags produced
/// has no such line.
struct TemplateLocator {
    let page: MarkdownScan
    let template: MarkdownScan

    init(page: String, template: String) {
        self.page = MarkdownScan(page)
        self.template = MarkdownScan(template)
    }

    func templateLine(for pageLine: Int) -> Int? {
        guard let index = page.blocks.lastIndex(where: { $0.line <= pageLine }) else { return nil }
        let block = page.blocks[index]
        let offset = pageLine - block.line
        guard offset <= block.body.count + 1 else { return nil }
        func same(_ other: MarkdownScan.Block) -> Bool { other.info == block.info && other.body.first == block.body.first }
        let ordinal = page.blocks[..<index].filter(same).count
        let candidates = template.blocks.filter(same)
        guard ordinal < candidates.count else { return nil }
        return candidates[ordinal].line + offset
    }
}
