import Testing
@testable import ServerlessKubernetes
@testable import ServerlessSupport

@Suite struct ValueTests {
    @Test func subscriptsReachNestedFieldsAndMissOnNull() {
        let value = Value.object([("spec", .object([("replicas", .int(3)), ("names", .array([.string("a")]))]))])
        #expect(value["spec"]["replicas"].int == 3)
        #expect(value["spec"]["names"][0].string == "a")
        #expect(value["spec"]["names"][1].isNull)
        #expect(value["nope"]["deeper"].isNull)
    }

    @Test func storeKeepsTheFirstOfDuplicateObjects() {
        var store = ObjectStore(source: .manifests(paths: ["a.yaml"]))
        let first = KubeObject(apiVersion: "v1", kind: "ConfigMap", namespace: "fn", name: "c", body: .int(1))
        let second = KubeObject(apiVersion: "v1", kind: "ConfigMap", namespace: "fn", name: "c", body: .int(2))
        let addedFirst = store.add(first)
        let addedSecond = store.add(second)
        #expect(addedFirst && !addedSecond)
        #expect(store.objects(kind: "ConfigMap").map(\.body) == [.int(1)])
    }
}
