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

    /// apimachinery's pkg/labels/selector_test.go `TestSelectorMatches`, case for case.
    @Test func selectorsMatchLabelsAsTheAPIServerMatchesThem() throws {
        let matching: [(String, [String: String])] = [
            ("", ["x": "y"]), ("x=y", ["x": "y"]), ("x=y,z=w", ["x": "y", "z": "w"]), ("x!=y,z!=w", ["x": "z", "z": "a"]),
            ("notin=in", ["notin": "in"]), ("x", ["x": "z"]), ("!x", ["y": "z"]), ("x>1", ["x": "2"]), ("x<1", ["x": "0"]),
            ("foo=bar", ["foo": "bar", "baz": "blah"]), ("baz=blah", ["foo": "bar", "baz": "blah"]),
            ("foo=bar,baz=blah", ["foo": "bar", "baz": "blah"]),
        ]
        let notMatching: [(String, [String: String])] = [
            ("x=z", [:]), ("x=y", ["x": "z"]), ("x=y,z=w", ["x": "w", "z": "w"]), ("x!=y,z!=w", ["x": "z", "z": "w"]),
            ("x", ["y": "z"]), ("!x", ["x": "z"]), ("x>1", ["x": "0"]), ("x<1", ["x": "2"]),
            ("foo=blah", ["foo": "bar", "baz": "blah"]), ("baz=bar", ["foo": "bar", "baz": "blah"]),
            ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"]),
        ]
        for (selector, labels) in matching { #expect(try LabelSelector.matches(selector, labels: labels), "\(selector) \(labels)") }
        for (selector, labels) in notMatching { #expect(try !LabelSelector.matches(selector, labels: labels), "\(selector) \(labels)") }
        // Requirement.Matches: != and notin hold without the key, in needs it, gt wants an integer label.
        #expect(try LabelSelector.matches("team notin (a),tier!=web", labels: [:]))
        #expect(try !LabelSelector.matches("team in (a,b)", labels: [:]))
        #expect(try !LabelSelector.matches("size>3", labels: ["size": "big"]))
        #expect(try LabelSelector.matches("team in (a,)", labels: ["team": ""]))
    }
}
