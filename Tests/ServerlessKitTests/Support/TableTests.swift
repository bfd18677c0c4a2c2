import Testing
@testable import ServerlessRender

@Suite struct TableTests {
    @Test func padsLikeKubectlAndIgnoresColourInWidths() {
        let style = Style(enabled: true)
        let table = Table(headers: ["Partition", "Status"], rows: [["0", style.green("ok")], ["10", "missing"]])
        #expect(Style.visibleWidth(style.green("ok")) == 2)
        let plain = Table(headers: table.headers, rows: [["0", "ok"], ["10", "missing"]])
        #expect(plain.render() == "PARTITION   STATUS\n0           ok\n10          missing\n")
        #expect(plain.render(showHeaders: false) == "0    ok\n10   missing\n")
        #expect(table.render().contains("0           \u{1B}[32mok\u{1B}[0m\n"))
    }
}
