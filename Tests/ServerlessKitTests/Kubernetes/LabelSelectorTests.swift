import Testing
@testable import ServerlessKubernetes

/// `-l` checked as apimachinery's `labels.Parse` checks it (pkg/labels/selector.go), with its words.
@Suite struct LabelSelectorTests {
    @Test func selectorsTheAPIServerTakesPass() throws {
        for selector in ["", "team=orders", "team==orders,tier!=web", "team in (a,b)", "team notin (a)", "!legacy", "team",
                         "app.kubernetes.io/name=keda", "team=", "team in (a,)", "size>3", "in=notin"] {
            try LabelSelector.validate(selector)
        }
    }

    @Test func syntaxErrorsSayWhatKubernetesSays() {
        let cases: [(String, String)] = [
            ("team in orders", "unable to parse requirement: found 'orders' expected: '('"),
            ("team=a,", "found '', expected: identifier after ','"),
            ("=x", "found '=', expected: !, identifier, or 'end of string'"),
            ("team=a b", "found 'b', expected: ',' or 'end of string'"),
            ("team in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"),
            ("team=>", "unable to parse requirement: found '>', expected: identifier"),
            ("team<x", "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer"),
            ("te am=1", "unable to parse requirement: found 'am', expected: '=', '!=', '==', 'in', notin'"),
            ("-team=1", "unable to parse requirement: invalid label key \"-team\": " + LabelSelector.nameMessage),
            ("team=-a", "unable to parse requirement: invalid label value: \"-a\": at key: \"team\": " + LabelSelector.valueMessage),
        ]
        for (selector, message) in cases {
            #expect(throws: LabelSelector.SyntaxError(message: message), "\(selector)") { try LabelSelector.validate(selector) }
        }
    }
}
