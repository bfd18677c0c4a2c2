import Foundation
import ServerlessKEDA
import ServerlessSupport

/// Gathers a trigger's inputs from an object store the way KEDA's resolver does
/// (`pkg/scaling/resolver/scale_resolvers.go`): the scale target's container env, then the
/// TriggerAuthentication. Pure over the store; `TriggerInputsLoader` fetches what it asks for live.
public struct TriggerInputsResolver {
    public var store: ObjectStore
    /// Where ClusterTriggerAuthentication secrets live: KEDA's own namespace (`KEDA_CLUSTER_OBJECT_NAMESPACE`).
    public var clusterObjectNamespace: String
    /// Every object the resolution looked for (found or not), so a live loader can fetch them.
    package let lookups = LookupLog()

    public init(store: ObjectStore, clusterObjectNamespace: String = KEDADefaults.clusterObjectNamespace) {
        self.store = store
        self.clusterObjectNamespace = clusterObjectNamespace
    }

    /// `trigger` is `--trigger`: an index into `spec.triggers` (from 0) or a trigger `name`; nil asks for
    /// the only trigger of `triggerType`.
    public func resolve(_ ref: ScalableObjectRef, trigger: String? = nil,
                        triggerType: String = "azure-eventhub") throws -> TriggerInputs {
        guard let object = try find(ref.kind.kindRef, namespace: ref.namespace, name: ref.name, by: nil) else {
            throw TriggerInputError.objectNotFound(kind: ref.kind.rawValue, namespace: ref.namespace, name: ref.name,
                                                   referencedBy: nil)
        }
        let spec = object.body["spec"]
        let (index, triggerValue) = try selectTrigger(spec["triggers"].array, of: ref, selector: trigger, type: triggerType)
        for (key, value) in triggerValue["metadata"].members {
            let type: String
            switch value {
            case .int, .double: type = "number"
            case .bool: type = "boolean"
            case .array: type = "list"
            case .object: type = "map"
            case .string, .null: continue
            }
            throw TriggerInputError.nonStringMetadata(object: ref.description, field: "spec.triggers[\(index)].metadata.\(key)", type: type)
        }

        var inputs = TriggerInputs(object: ref, triggerIndex: index, triggerName: triggerValue["name"].string.nonEmpty,
                                   triggerType: triggerType, metadata: triggerValue["metadata"].stringMap)
        inputs.minReplicaCount = spec["minReplicaCount"].int.map { Int($0) }
        inputs.maxReplicaCount = spec["maxReplicaCount"].int.map { Int($0) }

        let (podSpec, containerName, targetName) = try podTemplate(of: object, ref: ref)
        if let podSpec {
            inputs.resolvedEnv = try containerEnv(podSpec, container: containerName, namespace: ref.namespace,
                                                  owner: targetName, ref: ref, emptyReads: &inputs.emptyReads)
        }
        try resolveAuth(triggerValue["authenticationRef"], podSpec: podSpec, owner: targetName, ref: ref, into: &inputs)
        return inputs
    }

    // MARK: - Trigger

    package func selectTrigger(_ triggers: [Value], of ref: ScalableObjectRef, selector: String?,
                       type: String) throws -> (Int, Value) {
        if let selector, let index = Int(selector) {
            guard triggers.indices.contains(index) else {
                throw TriggerInputError.triggerNotFound(object: ref.description, selector: "at index \(index) (it has \(triggers.count))")
            }
            let found = triggers[index]["type"].string ?? ""
            guard found == type else {
                throw TriggerInputError.wrongTriggerType(object: ref.description, index: index, type: found, expected: type)
            }
            return (index, triggers[index])
        }
        if let selector {
            guard let index = triggers.firstIndex(where: { $0["name"].string == selector }) else {
                throw TriggerInputError.triggerNotFound(object: ref.description, selector: "named \"\(selector)\"")
            }
            let found = triggers[index]["type"].string ?? ""
            guard found == type else {
                throw TriggerInputError.wrongTriggerType(object: ref.description, index: index, type: found, expected: type)
            }
            return (index, triggers[index])
        }
        let matching = triggers.indices.filter { triggers[$0]["type"].string == type }
        guard let first = matching.first else { throw TriggerInputError.noTrigger(object: ref.description, type: type) }
        guard matching.count == 1 else {
            throw TriggerInputError.severalTriggers(object: ref.description, type: type, count: matching.count)
        }
        return (first, triggers[first])
    }

    // MARK: - Scale target

    /// The pod spec whose env KEDA reads, the `envSourceContainerName`, and a name for the owner in errors
    /// (`EnvSource`: where KEDA reads env, shared with the doctor).
    package func podTemplate(of object: KubeObject, ref: ScalableObjectRef) throws -> (Value?, String?, String) {
        let source = EnvSource(object)
        guard let target = source.target else {
            return (source.podSpec(in: object), source.containerName, ref.description)
        }
        guard let workload = try find(target.kind, namespace: ref.namespace, name: target.name, by: ref.description) else {
            throw TriggerInputError.objectNotFound(kind: target.kindName, namespace: ref.namespace, name: target.name,
                                                   referencedBy: "\(ref.description) scaleTargetRef")
        }
        let podSpec = source.podSpec(in: workload)
        // KEDA hands no env to a target without containers.
        let hasContainers = !podSpec["containers"].array.isEmpty
        return (hasContainers ? podSpec : nil, source.containerName, "\(target.kindName) \(ref.namespace)/\(target.name)")
    }

    // MARK: - Container env (KEDA resolveEnv)

    package func containerEnv(_ podSpec: Value, container name: String?, namespace: String, owner: String,
                      ref: ScalableObjectRef, emptyReads: inout [EmptyRead]) throws -> [String: EnvValue] {
        let containers = podSpec["containers"].array
        guard !containers.isEmpty else { return [:] }
        guard let position = EnvSource.container(named: name, in: containers) else {
            throw TriggerInputError.containerNotFound(object: ref.description, container: name ?? "")
        }
        let container = containers[position]
        let containerName = container["name"].string ?? "0"
        var resolved: [String: EnvValue] = [:]

        // envFrom first, then env: later entries override earlier ones, as in the pod.
        for (index, source) in container["envFrom"].array.enumerated() {
            let prefix = source["prefix"].string ?? ""
            let by = "\(owner) container \(containerName) envFrom[\(index)]"
            if !source["configMapRef"].isNull {
                let selector = source["configMapRef"]
                let mapName = selector["name"].string ?? ""
                guard let map = try find(.configMap, namespace: namespace, name: mapName, by: by) else {
                    if selector["optional"].bool == true { continue }
                    throw TriggerInputError.kedaFails(missing(.configMap, namespace, mapName, by: by), keda: Self.scaleTargetError(
                        "error reading config ref … on namespace \(namespace)/: configmaps \"\(mapName)\" not found"))
                }
                for (key, value) in Self.configMapData(map) { resolved[prefix + key] = .plain(value) }
            } else if !source["secretRef"].isNull {
                let selector = source["secretRef"]
                let secretName = selector["name"].string ?? ""
                guard let secret = try find(.secret, namespace: namespace, name: secretName, by: by) else {
                    if selector["optional"].bool == true { continue }
                    throw TriggerInputError.kedaFails(missing(.secret, namespace, secretName, by: by), keda: Self.scaleTargetError(
                        "error reading secret ref … on namespace \(namespace): secrets \"\(secretName)\" not found"))
                }
                for (key, value) in Self.secretData(secret) { resolved[prefix + key] = .secret(Secret(value)) }
            }
        }

        for entry in container["env"].array {
            guard let variable = entry["name"].string else { continue }
            let by = "env \(variable) of \(owner) container \(containerName)"
            if let literal = entry["value"].string, !literal.isEmpty {
                resolved[variable] = Self.expand(literal, with: resolved)
                continue
            }
            let source = entry["valueFrom"]
            if source.isNull {
                resolved[variable] = .plain("")
            } else if !source["secretKeyRef"].isNull || !source["configMapKeyRef"].isNull {
                // KEDA's resolveSecretValue/resolveConfigValue: an object that is not there fails the scaler
                // (unless optional: the variable is left out); a key the object lacks reads as "".
                let isSecret = !source["secretKeyRef"].isNull
                let kind: KindRef = isSecret ? .secret : .configMap
                let selector = source[isSecret ? "secretKeyRef" : "configMapKeyRef"]
                let name = selector["name"].string ?? ""
                let key = selector["key"].string ?? ""
                guard let object = try find(kind, namespace: namespace, name: name, by: by) else {
                    if selector["optional"].bool == true { continue }
                    throw TriggerInputError.kedaFails(missing(kind, namespace, name, by: by), keda: Self.scaleTargetError(
                        "error resolving \(isSecret ? "secret name" : "config") … for env \(variable) in namespace \(namespace)"))
                }
                let data = isSecret ? Self.secretData(object) : Self.configMapData(object)
                let value = data[key] ?? ""
                resolved[variable] = isSecret ? .secret(Secret(value)) : .plain(value)
                if data[key] == nil {
                    emptyReads.append(EmptyRead(variable: variable,
                                                reason: "\(kind.kind) \(namespace)/\(name) has no key \"\(key)\" (\(by))"))
                }
            }
            // fieldRef and resourceFieldRef: KEDA skips them.
        }
        // A variable defined again later is no longer empty because of the missing key.
        emptyReads.removeAll { read in read.variable.map { resolved[$0]?.value.isEmpty == false } ?? false }
        return resolved
    }

    /// KEDA's words when the scale target's env cannot be resolved (`buildScalers` wraps `resolveEnv`'s error;
    /// "…" stands for the Go struct KEDA prints).
    package static func scaleTargetError(_ detail: String) -> String {
        "error resolving secrets for ScaleTarget: \(detail)"
    }

    /// Kubernetes' `$(VAR)` expansion over the variables defined so far; `$$` escapes; unknown names stay.
    package static func expand(_ text: String, with env: [String: EnvValue]) -> EnvValue {
        var out = ""
        var secret = false
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            let next = text.index(after: index)
            guard char == "$", next < text.endIndex else {
                out.append(char)
                index = next
                continue
            }
            if text[next] == "$" {
                out.append("$")
                index = text.index(after: next)
            } else if text[next] == "(", let close = text[next...].firstIndex(of: ")") {
                let name = String(text[text.index(after: next)..<close])
                if let value = env[name] {
                    out += value.value
                    secret = secret || value.isSecret
                } else {
                    out += "$(\(name))"
                }
                index = text.index(after: close)
            } else {
                out.append(char)
                index = next
            }
        }
        return secret ? .secret(Secret(out)) : .plain(out)
    }

    // MARK: - TriggerAuthentication (KEDA resolveAuthRef)

    /// KEDA's `resolveAuthRef`: nothing here fails the scaler. A TriggerAuthentication that is not found is
    /// logged ("error getting triggerAuth") and KEDA goes on without its parameters; a Secret, ConfigMap or
    /// key that is not there gives the parameter "" (`resolveAuthSecret`, `resolveAuthConfigMap`).
    package func resolveAuth(_ authRef: Value, podSpec: Value?, owner: String, ref: ScalableObjectRef,
                     into inputs: inout TriggerInputs) throws {
        guard let authRef = AuthenticationRef(authRef) else { return }
        let by = "\(ref.description) trigger \(inputs.triggerIndex) authenticationRef"
        guard let location = authRef.location(triggerNamespace: ref.namespace) else {
            throw TriggerInputError.unknownAuthKind(object: ref.description, kind: authRef.kindName)
        }
        guard let auth = try find(location.kind, namespace: location.namespace, name: authRef.name, by: by) else {
            let missing = TriggerInputError.objectNotFound(kind: authRef.kindName, namespace: location.namespace,
                                                           name: authRef.name, referencedBy: by)
            inputs.emptyReads.append(EmptyRead(reason: missing.message + " (KEDA logs \"error getting triggerAuth\" and goes on)"))
            return
        }
        let secretNamespace = authRef.secretNamespace(triggerNamespace: ref.namespace, clusterObjectNamespace: clusterObjectNamespace)
        let authentication = TriggerAuthentication(object: auth)
        let spec = auth.body["spec"]
        let authName = authRef.described(triggerNamespace: ref.namespace)
        inputs.podIdentityProvider = authentication.podIdentityProvider.nonEmpty

        for entry in spec["env"].array {
            // KEDA reads these from the target's container env and uses "" when that fails.
            guard let parameter = entry["parameter"].string else { continue }
            var value = ""
            var ignored: [EmptyRead] = []
            if let podSpec, let env = try? containerEnv(podSpec, container: entry["containerName"].string.nonEmpty,
                                                        namespace: ref.namespace, owner: owner, ref: ref, emptyReads: &ignored) {
                value = env[entry["name"].string ?? ""]?.value ?? ""
            }
            inputs.authParams[parameter] = Secret(value)
        }
        for (field, kind) in [("configMapTargetRef", KindRef.configMap), ("secretTargetRef", KindRef.secret)] {
            for entry in spec[field].array {
                guard let parameter = entry["parameter"].string else { continue }
                let objectName = entry["name"].string ?? ""
                let key = entry["key"].string ?? ""
                let refBy = "\(authName) \(field) \(parameter)"
                let object = objectName.isEmpty ? nil : try find(kind, namespace: secretNamespace, name: objectName, by: refBy)
                let data = object.map { kind == .secret ? Self.secretData($0) : Self.configMapData($0) }
                inputs.authParams[parameter] = Secret(data?[key] ?? "")
                if object == nil {
                    inputs.emptyReads.append(EmptyRead(parameter: parameter, reason: missing(kind, secretNamespace, objectName, by: refBy).message))
                } else if data?[key] == nil {
                    inputs.emptyReads.append(EmptyRead(
                        parameter: parameter, reason: "\(kind.kind) \(secretNamespace)/\(objectName) has no key \"\(key)\" (referenced by \(refBy))"))
                }
            }
        }
        inputs.unresolvedAuthSources = authentication.unresolvedSources
    }

    // MARK: - Object access

    /// Looks an object up, noting the lookup; a kind the store could not read is an error, not "absent".
    package func find(_ kind: KindRef, namespace: String?, name: String, by: String?) throws -> KubeObject? {
        lookups.record(kind: kind, namespace: kind.namespaced ? namespace : nil, name: name)
        let scope = kind.namespaced ? namespace : nil
        if let object = store.object(group: kind.group, kind: kind.kind, namespace: scope, name: name) {
            return object
        }
        if let unreadable = store.unreadable.first(where: {
            $0.kind == kind.kind && ($0.namespace == nil || $0.namespace == scope)
        }) {
            throw TriggerInputError.unreadable(kind: kind.kind, namespace: scope, name: name, reason: unreadable.reason)
        }
        return nil
    }

    package func missing(_ kind: KindRef, _ namespace: String, _ name: String, by: String) -> TriggerInputError {
        .objectNotFound(kind: kind.kind, namespace: namespace, name: name, referencedBy: by)
    }

    /// Secret values: `data` base64-decoded, `stringData` (manifests) as written and winning, as the API server does.
    package static func secretData(_ secret: KubeObject) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in secret.body["data"].members {
            guard let text = value.string else { continue }
            let bytes = Data(base64Encoded: text.filter { !$0.isWhitespace }) ?? Data()
            values[key] = String(decoding: bytes, as: UTF8.self)
        }
        for (key, value) in secret.body["stringData"].members {
            if let text = value.string { values[key] = text }
        }
        return values
    }

    package static func configMapData(_ map: KubeObject) -> [String: String] {
        map.body["data"].stringMap
    }
}

/// The objects a resolution asked for, in order, without repeats.
package final class LookupLog: @unchecked Sendable {
    package struct Entry: Hashable {
        package let kind: KindRef
        package let namespace: String?
        package let name: String
    }

    package private(set) var entries: [Entry] = []
    private var seen: Set<Entry> = []

    package func record(kind: KindRef, namespace: String?, name: String) {
        let entry = Entry(kind: kind, namespace: namespace, name: name)
        if seen.insert(entry).inserted { entries.append(entry) }
    }
}
