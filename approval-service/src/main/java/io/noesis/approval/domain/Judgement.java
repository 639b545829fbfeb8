package io.noesis.approval.domain;

import java.util.Optional;

/**
 * The result of judging one decision.
 *
 * @param command what agent runtimes must now do, when the decision settled the round
 * @param tally   the round's tally to keep; empty when there is no round
 */
public record Judgement(Outcome outcome, Optional<Command> command, Optional<ApprovalTally> tally) {
}
