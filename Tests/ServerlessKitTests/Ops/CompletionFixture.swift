@testable import ServerlessCompletion


/// A command tree shaped like the real one (the man pages'): the shapes SAP dumps for the flags the
/// checkpoints and doctor commands have, so the completion logic is tested before they exist.
enum CompletionFixture {
    static let global = #"""
        {"kind":"option","names":[{"kind":"long","name":"kubeconfig"}],"preferredName":{"kind":"long","name":"kubeconfig"},"valueName":"kubeconfig","abstract":"Path to the kubeconfig file to use.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
        {"kind":"option","names":[{"kind":"long","name":"context"}],"preferredName":{"kind":"long","name":"context"},"valueName":"context","abstract":"The name of the kubeconfig context to use.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
        {"kind":"option","names":[{"kind":"short","name":"n"},{"kind":"long","name":"namespace"}],"preferredName":{"kind":"long","name":"namespace"},"valueName":"namespace","abstract":"The namespace scope for this request.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
        {"kind":"flag","names":[{"kind":"short","name":"v"},{"kind":"long","name":"verbose"}],"preferredName":{"kind":"long","name":"verbose"},"valueName":"verbose","abstract":"Log requests.","shouldDisplay":true,"isOptional":true,"isRepeating":true},
        {"kind":"flag","names":[{"kind":"long","name":"insecure-skip-tls-verify"}],"valueName":"insecure-skip-tls-verify","abstract":"Do not verify.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
        {"kind":"option","names":[{"kind":"long","name":"token"}],"valueName":"token","abstract":"Bearer token.","shouldDisplay":false,"isOptional":true,"isRepeating":false},
        {"kind":"flag","names":[{"kind":"short","name":"h"},{"kind":"long","name":"help"}],"valueName":"help","abstract":"Show help information.","shouldDisplay":true,"isOptional":true,"isRepeating":false}
        """#

    static let json = #"""
        {"serializationVersion":0,"command":{"commandName":"kubectl-serverless","abstract":"Diagnose serverless platforms.",
         "arguments":[{"kind":"flag","names":[{"kind":"short","name":"h"},{"kind":"long","name":"help"}],"valueName":"help","abstract":"Show help information.","shouldDisplay":true,"isOptional":true,"isRepeating":false}],
         "subcommands":[
          {"commandName":"checkpoints","abstract":"Show Event Hub checkpoints as KEDA reads them.","superCommands":["kubectl-serverless"],
           "arguments":[\#(global),
            {"kind":"option","names":[{"kind":"short","name":"o"},{"kind":"long","name":"output"}],"preferredName":{"kind":"long","name":"output"},"valueName":"output","allValues":["table","wide","json","yaml"],"abstract":"Output format.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
            {"kind":"option","names":[{"kind":"long","name":"checkpoint-strategy"}],"valueName":"checkpoint-strategy","completionKind":{"list":{"values":["azureFunction","blobMetadata","goSdk","dapr"]}},"abstract":"Checkpoint layout.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
            {"kind":"option","names":[{"kind":"long","name":"scaled-job"}],"valueName":"name","abstract":"Read the trigger of this ScaledJob.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
            {"kind":"option","names":[{"kind":"short","name":"f"},{"kind":"long","name":"filename"}],"valueName":"filename","completionKind":{"file":{"extensions":["yaml","yml"]}},"abstract":"Manifests.","shouldDisplay":true,"isOptional":true,"isRepeating":true},
            {"kind":"positional","valueName":"scaled-object","abstract":"The ScaledObject.","shouldDisplay":true,"isOptional":true,"isRepeating":false}]},
          {"commandName":"doctor","abstract":"Find misconfigurations.","superCommands":["kubectl-serverless"],
           "arguments":[\#(global),
            {"kind":"option","names":[{"kind":"short","name":"o"},{"kind":"long","name":"output"}],"valueName":"output","abstract":"Output format: table|wide|json|yaml|sarif|junit.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
            {"kind":"option","names":[{"kind":"long","name":"fail-on"}],"valueName":"level","allValues":["error","warning","info","none"],"allValueDescriptions":{"error":"only errors fail"},"defaultValue":"error","abstract":"Exit 1 at or above this severity.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
            {"kind":"option","names":[{"kind":"long","name":"platform"}],"valueName":"platforms","abstract":"Platforms to check, comma-separated: azure-functions|keda|fission|openwhisk.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
            {"kind":"option","names":[{"kind":"short","name":"f"},{"kind":"long","name":"filename"}],"valueName":"path","abstract":"A manifest file or directory.","shouldDisplay":true,"isOptional":true,"isRepeating":true},
            {"kind":"option","names":[{"kind":"long","name":"config"}],"valueName":"dir","completionKind":{"directory":{}},"abstract":"A directory.","shouldDisplay":true,"isOptional":true,"isRepeating":false},
            {"kind":"option","names":[{"kind":"long","name":"only"}],"valueName":"ids","completionKind":{"custom":{}},"abstract":"Check ids.","shouldDisplay":true,"isOptional":true,"isRepeating":false}]},
          {"commandName":"__complete","abstract":"Hidden.","shouldDisplay":false},
          {"commandName":"help","abstract":"Show subcommand help information.","shouldDisplay":true}
         ]}}
        """#

    static var tree: CommandInfo { try! CommandInfo.tree(fromDump: json) }
}

/// Records what was asked and answers from a table.
actor RecordingNames: LiveNameSource {
    var asked: [(LiveNameKind, LiveNameScope)] = []
    let answers: [LiveNameKind: [String]]

    init(_ answers: [LiveNameKind: [String]]) { self.answers = answers }

    func names(_ kind: LiveNameKind, scope: LiveNameScope) async -> [String] {
        asked.append((kind, scope))
        return answers[kind] ?? []
    }
}
