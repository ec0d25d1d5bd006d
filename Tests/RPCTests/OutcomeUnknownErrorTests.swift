import Coordination
import EventStore
import Events
@testable import RPC
import Testing

/// Contract v2: a command that may have been written is -32603 `outcome_unknown`, so that a
/// client retries it only with the same `requestId`, never blindly.
@Suite struct OutcomeUnknownErrorTests {
    @Test func aStoreFailureWithAnUnknownOutcomeIsReportedAsOutcomeUnknownNotRetryable() {
        let failure = ServiceFailure.classify(
            EventStoreError(.outcomeUnknown, "the append may or may not have been written (server closed the connection)"), writing: true)
        let error = RPCError(internal: failure)
        #expect(error.code == -32603)
        #expect(error.data["kind"] == .string("outcome_unknown"))
        #expect(error.data["retryable"] == .bool(false))
        #expect(!error.message.contains("server closed"), "\(error.message)")
    }

    @Test func aStoreFailureWhereNothingWasWrittenIsNotAnUnknownOutcome() {
        let error = RPCError(internal: ServiceFailure.classify(EventStoreError(.retryable, "restarting"), writing: true))
        #expect(error.code == -32603)
        #expect(error.data["kind"] != .string("outcome_unknown"))
    }
}
