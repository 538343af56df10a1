// Signing cost per request: median and p99 over N SigV4 header signatures of a typical awsJson
// call (SSM GetParameter, 60-byte body), and of the presigned form. Prints figures; not a test.
//
//   swift run klaxon-bench-sigv4 [N]            (debug build)
//   swift run -c release klaxon-bench-sigv4 [N] (what production pays)
import Foundation
import KlaxonAWS

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 20000 : 20000
let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session-token-example")
let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "ssm")
let body = Array(#"{"Name":"/klaxon/alerts/muted_until","WithDecryption":true}"#.utf8)
let request = SignableRequest(
    method: "POST", path: "/",
    headers: [("Host", "ssm.us-east-1.amazonaws.com"), ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AmazonSSM.GetParameter")],
    body: body
)
let start = Date()

func measure(_ label: String, _ work: (Date) -> String) {
    var samples: [Double] = []
    samples.reserveCapacity(count)
    var sink = 0
    for index in 0..<count {
        let date = start.addingTimeInterval(Double(index))
        let begin = DispatchTime.now().uptimeNanoseconds
        sink &+= work(date).utf8.count
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1000)
    }
    samples.sort()
    let median = samples[samples.count / 2]
    let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
    print(String(format: "%-28@ n=%d  median %.1f µs  p99 %.1f µs  (%.0f signatures/s at the median)", label as NSString, count, median, p99, 1_000_000 / median), sink == 0 ? "" : "")
}

print("SigV4 signing cost, \(count) signatures each, one core")
measure("header form (awsJson call)") { signer.sign(request, at: $0).signature }
measure("query form (presigned URL)") { signer.presign(request, at: $0, expires: 900).signature }
